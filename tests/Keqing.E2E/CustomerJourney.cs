using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// The customer archive's journey (DOMAIN A1–A5): a rep signs in → creates a person customer → finds it by pinyin
/// initials → edits it → sees the change in the audit trail; adds a contact; screenshots of list and detail at
/// 1280 px and 375 px.
/// </summary>
public sealed partial class CustomerJourney(AppServer app)
{
    private const string Rep = "rep1@keqing.local";

    [Fact]
    public async Task Rep_creates_a_customer_finds_it_by_pinyin_initials_edits_it_and_sees_the_change_in_the_trail()
    {
        var tag = $"e2e{Random.Shared.Next(1000, 9999)}";
        var page = await app.NewPage(1280);
        await AppServer.SignIn(page, Rep);

        await page.Locator(".nav-customers").ClickAsync();
        await page.WaitForURLAsync("**/customers");
        await Expect(page.Locator(".customers-table tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator(".customer-count")).ToContainTextAsync("位客户");
        var firstOnPage1 = await page.Locator(".customers-table .customer-link").First.TextContentAsync();
        await page.Locator(".page-next").ClickAsync();
        await Expect(page.Locator(".customer-pager")).ToContainTextAsync("第 2 页");
        await Expect(page.Locator(".customers-table .customer-link").First).Not.ToHaveTextAsync(firstOnPage1!);
        await page.Locator(".page-previous").ClickAsync();
        await Expect(page.Locator(".customer-pager")).ToContainTextAsync("第 1 页");
        await Expect(page.Locator(".customers-table .customer-link").First).ToHaveTextAsync(firstOnPage1!);

        await page.Locator(".new-customer").ClickAsync();
        await page.WaitForURLAsync("**/customers/new");
        await AppServer.Choose(page, page.Locator(".customer-kind"), "自然人客户");
        await page.Locator(".customer-name input").FillAsync("张三丰");
        await page.Locator(".customer-province input").FillAsync("湖北");
        await page.Locator(".customer-city input").FillAsync("武汉");
        await page.Locator(".customer-phones input").FillAsync("027-8765 4321");
        await page.Locator(".customer-tags input").FillAsync($"太极, {tag}");
        await page.Locator(".save-customer").ClickAsync();
        await page.WaitForURLAsync(Detail());
        var detailUrl = page.Url;
        await Expect(page.Locator(".customer-title")).ToHaveTextAsync("张三丰");

        await page.GotoAsync("/customers");
        await AppServer.Choose(page, page.Locator(".customer-sort"), "最新创建");
        await Search(page, "zsf");
        var row = page.Locator(".customers-table tbody tr").Filter(new() { HasText = tag });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("张三丰");
        await app.Screenshot(page, "customers-list-1280");

        await row.Locator(".customer-link").ClickAsync();
        await page.WaitForURLAsync(detailUrl);
        await page.Locator(".edit-customer").ClickAsync();
        await page.WaitForURLAsync("**/edit");
        await Expect(page.Locator(".customer-city input")).ToHaveValueAsync("武汉");
        await page.Locator(".customer-city input").FillAsync("十堰");
        await page.Locator(".save-customer").ClickAsync();
        await page.WaitForURLAsync(detailUrl);

        var cityChange = page.Locator(".customer-audit .audit-change").Filter(new() { HasText = "城市" }).First;
        await Expect(cityChange.Locator(".audit-old")).ToHaveTextAsync("武汉");
        await Expect(cityChange.Locator(".audit-new")).ToHaveTextAsync("十堰");
        await Expect(page.Locator(".customer-region")).ToHaveTextAsync("湖北 十堰");

        await page.Locator(".add-contact").ClickAsync();
        await page.Locator(".contact-name input").FillAsync("宋远桥");
        await page.Locator(".contact-title input").FillAsync("大弟子");
        await page.Locator(".contact-phones input").FillAsync("139 0000 1111");
        await page.Locator(".contact-hobbies input").FillAsync("太极剑");
        await page.Locator(".save-contact").ClickAsync();
        await Expect(page.Locator(".customer-contacts .contact-row")).ToContainTextAsync("宋远桥");
        await NoSnackbar(page);
        await app.Screenshot(page, "customer-detail-1280");

        var phone = await app.NewPage(375, 740);
        await AppServer.SignIn(phone, Rep);
        await phone.GotoAsync("/customers");
        await Search(phone, "zsf");
        await Expect(phone.Locator(".customers-table .customer-link").First).ToBeVisibleAsync();
        await app.Screenshot(phone, "customers-list-375");
        await phone.GotoAsync(detailUrl);
        await Expect(phone.Locator(".customer-title")).ToHaveTextAsync("张三丰");
        await Expect(phone.Locator(".customer-audit .audit-new").Filter(new() { HasText = "十堰" })).ToHaveCountAsync(1);
        await app.Screenshot(phone, "customer-detail-375");
    }

    [Fact]
    public async Task Admin_defines_a_custom_field_that_appears_in_the_form_the_detail_and_the_list_and_archives_and_restores()
    {
        var key = $"channel{Random.Shared.Next(1000, 9999)}";
        var page = await app.NewPage(1280);
        await AppServer.SignIn(page, "admin@keqing.local", AppServer.AdminPassword);

        await page.Locator(".nav-custom-fields").ClickAsync();
        await page.WaitForURLAsync("**/admin/custom-fields");
        await page.Locator(".cf-key input").FillAsync(key);
        await page.Locator(".cf-label input").FillAsync("进货渠道");
        await AppServer.Choose(page, page.Locator(".cf-type"), "单选");
        await page.Locator(".cf-options input").FillAsync("直供，经销商，电商");
        await page.Locator(".save-custom-field").ClickAsync();
        await Expect(page.Locator(".custom-fields-table")).ToContainTextAsync(key);
        await app.Screenshot(page, "custom-fields-1280");

        await page.GotoAsync("/customers/new");
        var name = $"渠道测试{Random.Shared.Next(1000, 9999)}商贸有限公司";
        await page.Locator(".customer-name input").FillAsync(name);
        await page.Locator(".customer-emails input").FillAsync("not-an-email");
        await AppServer.Choose(page, page.Locator($".cf-{key}"), "电商");
        await page.Locator(".save-customer").ClickAsync();
        await Expect(page.Locator(".customer-emails")).ToContainTextAsync("不是有效的邮箱地址");
        await app.Screenshot(page, "customer-form-error-1280");
        await page.Locator(".customer-emails input").FillAsync("buy@example.com");
        await page.Locator(".save-customer").ClickAsync();
        await page.WaitForURLAsync(Detail());
        await Expect(page.Locator($".cf-view-{key}")).ToHaveTextAsync("电商");
        var detailUrl = page.Url;

        await page.Locator(".archive-customer").ClickAsync();
        await page.Locator(".mud-dialog .mud-button-root").Filter(new() { HasText = "归档" }).ClickAsync();
        await Expect(page.Locator(".customer-archived")).ToBeVisibleAsync();
        await Expect(page.Locator(".edit-customer")).ToHaveCountAsync(0);
        await page.Locator(".restore-customer").ClickAsync();
        await Expect(page.Locator(".customer-archived")).ToHaveCountAsync(0);
        await Expect(page.Locator(".customer-audit .audit-field").Filter(new() { HasText = "归档时间" })).ToHaveCountAsync(2);
        page.Url.Should().Be(detailUrl);

        await page.GotoAsync("/customers");
        await Search(page, "渠道测试");
        await Expect(page.Locator(".customers-table thead")).ToContainTextAsync("进货渠道");
        await Expect(page.Locator(".customers-table tbody tr").Filter(new() { HasText = name })).ToContainTextAsync("电商");
    }

    [Fact]
    public async Task A_customer_the_rep_may_not_see_shows_a_friendly_message()
    {
        var page = await app.NewPage(1280);
        await AppServer.SignIn(page, Rep);
        await page.GotoAsync($"/customers/{Guid.NewGuid()}");
        await Expect(page.Locator(".customer-not-found")).ToContainTextAsync("不存在");
    }

    /// <summary>Waits until the "saved" messages have gone, so they hide nothing in a screenshot.</summary>
    private static Task NoSnackbar(IPage page) =>
        Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 });

    /// <summary>Types a search and waits until the (debounced) search has changed the count.</summary>
    private static async Task Search(IPage page, string q)
    {
        var count = page.Locator(".customer-count");
        await Expect(count).ToContainTextAsync("位客户");
        var before = await count.TextContentAsync();
        await page.Locator(".customer-search input").FillAsync(q);
        await Expect(count).Not.ToHaveTextAsync(before!);
    }

    [Fact]
    public async Task A_company_name_fills_in_its_registered_details_from_the_business_registry()
    {
        var page = await app.NewPage(1280);
        await AppServer.SignIn(page, Rep);
        await page.GotoAsync("/customers/new");
        await AppServer.Choose(page, page.Locator(".customer-kind"), "法人客户");
        await page.Locator(".customer-name input").FillAsync("明远贸易");
        await page.Locator(".registry-lookup").ClickAsync();
        await page.Locator(".registry-result").Filter(new() { HasText = "上海明远贸易有限公司" }).ClickAsync();
        await Expect(page.Locator(".customer-credit-code input")).ToHaveValueAsync("913101153AGYGLUY2T");
        await Expect(page.Locator(".customer-legal-representative input")).ToHaveValueAsync("张明远");
        await Expect(page.Locator(".customer-name input")).ToHaveValueAsync("上海明远贸易有限公司");
        await page.Locator(".customer-tags input").FillAsync("registry-" + Guid.NewGuid().ToString("N")[..6]);
        await page.Locator(".save-customer").ClickAsync();
        await page.WaitForURLAsync(Detail());
        await Expect(page.Locator(".customer-credit-code-view")).ToHaveTextAsync("913101153AGYGLUY2T");
        await app.Screenshot(page, "customer-registry-1280");
        await page.Locator(".customer-timeline-link").ClickAsync();
        await page.WaitForURLAsync("**/timeline");
    }


    private static Regex Detail() => DetailPattern();

    [GeneratedRegex("/customers/[0-9a-f-]{36}$")]
    private static partial Regex DetailPattern();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
