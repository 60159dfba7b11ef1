using System.Globalization;
using Bunit;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Imports.Pages;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Keqing.Tests.Ui;

/// <summary>
/// The imports page against the real services and background worker (SQLite test host, acting as the first admin):
/// upload → preview with errors → start → progress → done → the rejected rows' download.
/// </summary>
public sealed class ImportsPageTests : AdminUiContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp app;
    private readonly CultureInfo culture = CultureInfo.CurrentUICulture;

    public ImportsPageTests(SqliteApp app) : base(app)
    {
        this.app = app;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
    }

    [Fact]
    public async Task Upload_preview_start_progress_done_and_the_errors_download()
    {
        var p = "页面" + Guid.NewGuid().ToString("N")[..6];
        var page = Render<ImportsPage>();
        page.Render(); // the provider's popover container is not needed: selects are set through their components
        page.Find(".import-source input").Change("展会 2026-11");
        await page.InvokeAsync(() => page.FindComponent<MudSelect<LegalBasis?>>().Instance.ValueChanged.InvokeAsync(LegalBasis.Consent));

        var csv = $"单位,手机,城市\n{p}甲,13800001111,杭州\n{p}乙,12,宁波\n";
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "cards.csv"));
        page.WaitForAssertion(() => page.Find(".import-mapping").TextContent.Should().Contain("单位"), TimeSpan.FromSeconds(10));
        page.Find(".import-current").TextContent.Should().Contain("Map a column to the customer name.");

        // Correct the mapping: the first column is the customer name.
        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().First(s => s.Instance.Class!.Contains("import-map-0"))
            .Instance.ValueChanged.InvokeAsync("name"));
        page.WaitForAssertion(() => page.Find(".import-preview").TextContent.Should().Contain($"{p}甲"));
        page.Find(".import-row-errors").TextContent.Should().Contain("not a phone number");
        page.Find(".import-preview-counts").TextContent.Should().Contain("1 invalid");

        page.Find(".import-start").Click();
        page.WaitForAssertion(() => page.Find(".import-status").TextContent.Should().Contain("Completed"), TimeSpan.FromSeconds(30));
        page.Find(".import-counts").TextContent.Should().Contain("2 of 2 rows: 1 inserted, 0 merged, 0 skipped, 1 rejected");
        page.Find(".import-progress").Should().NotBeNull();
        var link = page.Find(".import-errors-link").GetAttribute("href")!;
        link.Should().MatchRegex("^/api/imports/[0-9a-f-]{36}/errors$");
        page.Find(".imports-table").TextContent.Should().Contain("cards.csv");

        var admin = await app.AdminClient();
        var download = await admin.GetStringAsync(link);
        download.Should().Contain($"{p}乙").And.Contain("error");
    }

    [Fact]
    public async Task A_business_card_preview_reads_in_chinese_keeps_names_whole_and_accounts_for_every_column()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var p = "名片" + Guid.NewGuid().ToString("N")[..6];
        var page = Render<ImportsPage>();
        page.Render();
        page.Find(".import-source input").Change("展会 2026-11");
        await page.InvokeAsync(() => page.FindComponent<MudSelect<LegalBasis?>>().Instance.ValueChanged.InvokeAsync(LegalBasis.Consent));

        var csv = $"公司名称,联系人,手机,邮箱,备注\n{p}科技有限公司,王建国,13800001111,wang@example.com,老客户\n";
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "cards.csv"));
        page.WaitForAssertion(() => page.Find(".import-preview").TextContent.Should().Contain($"{p}科技有限公司"), TimeSpan.FromSeconds(10));

        // Values in the user's language: the kind is 企业, not "organization"; headers are short words.
        var preview = page.Find(".import-preview");
        preview.TextContent.Should().Contain("企业").And.NotContain("organization");
        page.FindAll(".import-preview th").Select(th => th.TextContent.Trim()).Should().Contain(["类型", "联系人姓名", "联系人电话"]);
        // Names and values keep to one line (the wide table scrolls instead); problems may wrap.
        var name = page.FindAll(".import-preview td").Single(td => td.TextContent.Trim() == "王建国");
        name.ClassList.Should().Contain("import-cell");
        page.FindAll(".import-preview td.import-problems").Should().ContainSingle().Which.ClassList.Should().NotContain("import-cell");
        // The mobile is the contact's, and the one column left behind is named.
        page.Find(".import-target-2").TextContent.Should().Contain("联系人");
        page.Find(".import-target-0").TextContent.Should().Contain("客户");
        page.Find(".import-not-imported").TextContent.Should().Contain("备注").And.Contain("1");
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = culture;
        base.Dispose(disposing);
    }
}
