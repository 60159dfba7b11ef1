using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Keqing.E2E;

/// <summary>
/// Selling II's first journey (issue 15; DOMAIN S3, C6, T1) in zh-CN through the real UI: rep1 (张伟) opens one of their
/// demo opportunities whose customer has a price list of its own or its group's → 新建报价 → adds a product with the picker:
/// the line's unit price is the customer's list price and says which list → a 20 % line discount (above the demo flow
/// 折扣审批's 10 % and any rep's limit) → submit: under approval → 王经理 finds it under 待我审批 with the count and
/// approves (同意) → rep1 sends it and downloads the PDF with the page's cookies: readable Chinese in an embedded font →
/// the customer accepts → 生成订单 → the order shows the line with price and margin → the customer's timeline shows the
/// quote and the order. The quote page and the approvals list also at 375 px: nothing wider than the screen, the main
/// buttons within reach.
/// </summary>
public sealed partial class QuoteJourney(AppServer app)
{
    private const string Rep = "rep1@keqing.local";
    private const string Manager = "manager.east@keqing.local";
    private const string Sku = "PM-12"; // 多参数监护仪: ¥26,800 list, ¥13,900 cost; a small sum, so only the discount flow applies
    private const decimal Discount = 20m;

    [Fact]
    public async Task A_discounted_quote_from_an_opportunity_is_approved_by_the_manager_sent_as_a_chinese_pdf_accepted_and_ordered()
    {
        var rep = await app.NewPage(1280);
        await AppServer.SignIn(rep, Rep);

        // The demo data decide which of rep1's open deals is for a customer with a list: find one as the rep may see them.
        var product = (await Json(await rep.Context.APIRequest.GetAsync($"/api/products?q={Sku}"))).GetProperty("items").EnumerateArray()
            .Single(p => p.GetProperty("sku").GetString() == Sku);
        var productId = product.GetProperty("id").GetString();
        var productName = product.GetProperty("name").GetString()!;
        var cost = product.GetProperty("cost").GetProperty("amount").GetDecimal();
        var (opportunityId, customerId, listPrice, source) = await DealWithAListPrice(rep, productId!);

        // 新建报价 from the opportunity, then the product through the picker: priced from the customer's list.
        await rep.GotoAsync($"/opportunities/{opportunityId}");
        await rep.Locator(".detail-new-quote").ClickAsync();
        await rep.WaitForURLAsync("**/quotes/new?opportunityId=*");
        await rep.Locator(".new-create").ClickAsync();
        await rep.WaitForURLAsync(QuotePattern());
        var quoteUrl = new Uri(rep.Url).AbsolutePath;
        await Expect(rep.Locator(".quote-status")).ToHaveTextAsync("草稿");
        var number = NumberPattern().Match(await rep.Locator(".quote-number").InnerTextAsync()).Value;
        number.Should().NotBeEmpty("the quote page shows the quote's number");
        var customerName = (await rep.Locator(".quote-fields a[href^='/customers/']").InnerTextAsync()).Trim();

        await rep.Locator(".quote-edit").ClickAsync();
        await rep.Locator(".quote-product-picker input").FillAsync(Sku);
        await rep.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = productName }).First.ClickAsync();
        await Expect(rep.Locator(".quote-edit-line")).ToContainTextAsync(productName);
        await rep.Locator(".quote-save").ClickAsync();
        var line = rep.Locator(".quote-lines tbody tr").Filter(new() { HasText = productName });
        await Expect(line).ToHaveCountAsync(1);
        await Expect(line).ToContainTextAsync(Yuan(listPrice));
        await Expect(line.Locator(".line-source")).ToHaveTextAsync(source);
        await app.Screenshot(rep, "quote-priced-1280");

        // 20 % off the line: more than a rep may give without approval.
        await rep.Locator(".quote-edit").ClickAsync();
        var discount = rep.Locator(".quote-edit-line .edit-discount input").First;
        await discount.FillAsync(Discount.ToString(CultureInfo.InvariantCulture));
        await discount.PressAsync("Tab");
        await rep.Locator(".quote-save").ClickAsync();
        await Expect(rep.Locator(".quote-editor")).ToHaveCountAsync(0);
        var net = Math.Round(listPrice * (100m - Discount) / 100m, 2);
        await Expect(line).ToContainTextAsync("20 %");
        await Expect(line).ToContainTextAsync(Yuan(net));
        await rep.Locator(".quote-submit").ClickAsync();
        await Expect(rep.Locator(".quote-status")).ToHaveTextAsync("审批中");
        await Expect(rep.Locator(".quote-pending")).ToBeVisibleAsync();
        await Expect(rep.Locator(".quote-edit")).ToHaveCountAsync(0);
        await app.Screenshot(rep, "quote-pending-1280");

        // 王经理: the quote waits for them, counted on the tab; they open it and approve.
        var manager = await app.NewPage(1280);
        await AppServer.SignIn(manager, Manager);
        await manager.GotoAsync("/approvals");
        var waitingTab = manager.Locator(".approvals-tabs .mud-tab").First;
        await Expect(waitingTab).ToContainTextAsync("待我审批");
        var item = manager.Locator(".approval-item").Filter(new() { HasText = number });
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToContainTextAsync(customerName);
        var waiting = int.Parse(CountPattern().Match(await waitingTab.InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
        waiting.Should().BeGreaterThanOrEqualTo(1).And.Be(await manager.Locator(".approval-item").CountAsync(), "the tab counts what waits for the manager");
        await app.Screenshot(manager, "quote-approvals-1280");

        // The same list and request on the manager's phone, before deciding.
        var managerPhone = await app.NewPage(375, 740);
        await AppServer.SignIn(managerPhone, Manager);
        await managerPhone.GotoAsync("/approvals");
        await Expect(managerPhone.Locator(".approval-item").Filter(new() { HasText = number })).ToHaveCountAsync(1);
        await FitsThePhone(managerPhone, ".approval-item");
        await app.Screenshot(managerPhone, "quote-approvals-375");
        await managerPhone.Locator(".approval-item").Filter(new() { HasText = number }).ClickAsync();
        await Expect(managerPhone.Locator(".approval-approve")).ToBeVisibleAsync();
        await FitsThePhone(managerPhone, ".approval-approve", ".approval-reject", ".approval-send-back");
        await app.Screenshot(managerPhone, "quote-approval-375");

        await item.ClickAsync();
        await manager.WaitForURLAsync(ApprovalPattern());
        await Expect(manager.Locator(".approval-detail")).ToContainTextAsync(ApprovalDiscountPattern());
        await Expect(manager.Locator(".approval-step")).ToContainTextAsync("王经理");
        await manager.Locator(".approval-approve").ClickAsync();
        await Expect(manager.Locator(".approval-status")).ToHaveTextAsync("已通过");
        await Expect(manager.Locator(".approval-item").Filter(new() { HasText = number })).ToHaveCountAsync(0);
        await app.Screenshot(manager, "quote-approved-1280");

        // rep1: approved → sent; the PDF, fetched with the page's cookies, is readable Chinese in an embedded font.
        await rep.GotoAsync(quoteUrl);
        await Expect(rep.Locator(".quote-status")).ToHaveTextAsync("已批准");
        await rep.Locator(".quote-send").ClickAsync();
        await Expect(rep.Locator(".quote-status")).ToHaveTextAsync("已发送");
        var pdfHref = await rep.Locator(".quote-pdf").GetAttributeAsync("href");
        var pdfResponse = await rep.Context.APIRequest.GetAsync(pdfHref!);
        pdfResponse.Status.Should().Be(200);
        pdfResponse.Headers["content-type"].Should().StartWith("application/pdf");
        var bytes = await pdfResponse.BodyAsync();
        using (var pdf = PdfDocument.Open(bytes))
        {
            var text = Squeeze(string.Concat(pdf.GetPages().Select(p => p.Text)));
            text.Should().Contain("报价单").And.Contain(Squeeze(customerName)).And.Contain(productName).And.Contain(number)
                .And.Contain(net.ToString("N2", CultureInfo.InvariantCulture));
            pdf.GetPages().SelectMany(p => p.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)).Select(l => l.FontName).Distinct()
                .Should().OnlyContain(f => f.Contains("WenQuanYi", StringComparison.OrdinalIgnoreCase), "every glyph is drawn in the embedded CJK font");
        }
        Encoding.Latin1.GetString(bytes).Should().Contain("/FontFile2", "the font is embedded in the file");
        await app.Screenshot(rep, "quote-sent-1280");

        // The sent quote on the rep's phone: the customer's answer and the PDF within reach, nothing wider than the screen.
        var phone = await app.NewPage(375, 740);
        await AppServer.SignIn(phone, Rep);
        await phone.GotoAsync(quoteUrl);
        await Expect(phone.Locator(".quote-status")).ToHaveTextAsync("已发送");
        await Expect(phone.Locator(".quote-lines")).ToContainTextAsync(productName);
        await FitsThePhone(phone, ".quote-accept", ".quote-reject", ".quote-revise", ".quote-pdf", ".quote-print");
        await app.Screenshot(phone, "quote-sent-375");

        // The customer accepts; 生成订单 makes the order with the quote's line, priced, with its margin.
        await rep.Locator(".quote-accept").ClickAsync();
        await Expect(rep.Locator(".quote-status")).ToHaveTextAsync("已接受");
        await rep.Locator(".quote-make-order").ClickAsync();
        await rep.WaitForURLAsync(OrderPattern());
        await Expect(rep.Locator(".order-status")).ToHaveTextAsync("已确认");
        var orderNumber = (await rep.Locator(".order-number").InnerTextAsync()).Replace("订单", "", StringComparison.Ordinal).Trim();
        var orderLine = rep.Locator(".order-lines tbody tr").Filter(new() { HasText = productName });
        await Expect(orderLine).ToHaveCountAsync(1);
        await Expect(orderLine).ToContainTextAsync(Yuan(net));
        await Expect(orderLine).ToContainTextAsync(Yuan(cost));
        await Expect(orderLine).ToContainTextAsync($"{Yuan(net - cost)} · {Math.Round((net - cost) / net * 100m, 2).ToString("0.##", CultureInfo.InvariantCulture)} %");
        await Expect(rep.Locator(".order-margin")).ToContainTextAsync(Yuan(net - cost));
        await app.Screenshot(rep, "quote-order-1280");

        // The customer's page → its timeline: the quote (created, sent, accepted) and the order.
        await rep.GotoAsync($"/customers/{customerId}");
        await rep.Locator(".customer-timeline-link").ClickAsync();
        await rep.WaitForURLAsync("**/customers/*/timeline");
        var timeline = rep.Locator(".timeline-panel");
        await Expect(timeline).ToContainTextAsync($"已创建报价 {number}");
        await Expect(timeline).ToContainTextAsync($"报价 {number} 已发送");
        await Expect(timeline).ToContainTextAsync($"报价 {number} 已被客户接受");
        await Expect(timeline).ToContainTextAsync($"下单 {orderNumber}");
        await Expect(timeline.Locator(".timeline-entry").Filter(new() { HasText = $"下单 {orderNumber}" }).Locator(".entry-type")).ToHaveTextAsync("订单");
        await Expect(timeline.Locator(".timeline-entry").Filter(new() { HasText = $"报价 {number} 已发送" }).Locator(".entry-type")).ToHaveTextAsync("报价");
        await app.Screenshot(rep, "quote-timeline-1280");
    }

    /// <summary>
    /// One of rep1's open opportunities whose customer's price for <see cref="Sku"/> (one piece, today) comes from a list
    /// of their own or their group's (一级经销商 first), with that price and the list's name as the quote line shows it.
    /// </summary>
    private static async Task<(string OpportunityId, string CustomerId, decimal Price, string Source)> DealWithAListPrice(IPage rep, string productId)
    {
        var me = await Json(await rep.Context.APIRequest.GetAsync("/api/me"));
        var deals = await Json(await rep.Context.APIRequest.GetAsync($"/api/opportunities?status=open&ownerId={me.GetProperty("id").GetString()}&limit=100"));
        // Today as the demo company (Asia/Shanghai) dates a quote.
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var found = new List<(string, string, decimal, string, string Scope)>();
        foreach (var deal in deals.GetProperty("items").EnumerateArray().DistinctBy(d => d.GetProperty("customerId").GetString()))
        {
            var customerId = deal.GetProperty("customerId").GetString()!;
            // A customer the security journey filled with markup would make the PDF check about that markup.
            if (deal.GetProperty("customerName").GetString()!.Contains('<', StringComparison.Ordinal)) continue;
            var resolution = await Json(await rep.Context.APIRequest.GetAsync($"/api/prices/resolve?customerId={customerId}&productId={productId}&date={today}&quantity=1"));
            if (resolution.GetProperty("price") is not { ValueKind: JsonValueKind.Object } price) continue;
            var scope = price.GetProperty("scope").GetString()!;
            if (scope == "standard" || price.GetProperty("source").GetString() is not { } source) continue;
            found.Add((deal.GetProperty("id").GetString()!, customerId, price.GetProperty("unitPrice").GetProperty("amount").GetDecimal(), source, scope));
        }
        found.Should().NotBeEmpty("rep1 has demo opportunities for customers with a price list");
        var (id, customer, unitPrice, name, _) = found.OrderByDescending(f => f.Item4.StartsWith("一级经销商", StringComparison.Ordinal)).ThenBy(f => f.Scope == "customer" ? 0 : 1).First();
        return (id, customer, unitPrice, name);
    }

    /// <summary>The page is no wider than the phone, and each button is on the screen once scrolled to (not cut off to the right).</summary>
    private static async Task FitsThePhone(IPage page, params string[] buttons)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.Should().BeLessThanOrEqualTo(0, $"{page.Url} scrolls sideways at 375 px");
        var width = page.ViewportSize!.Width;
        foreach (var selector in buttons)
        {
            var button = page.Locator(selector).First;
            await Expect(button).ToBeVisibleAsync();
            await button.ScrollIntoViewIfNeededAsync();
            var box = await button.BoundingBoxAsync();
            box.Should().NotBeNull();
            box!.X.Should().BeGreaterThanOrEqualTo(0, selector);
            (box.X + box.Width).Should().BeLessThanOrEqualTo(width, $"{selector} is within the screen");
        }
    }

    private static string Yuan(decimal amount) => "¥" + amount.ToString("N2", CultureInfo.InvariantCulture);

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static async Task<JsonElement> Json(IAPIResponse response)
    {
        var text = await response.TextAsync();
        response.Ok.Should().BeTrue($"{response.Url} answered {response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex("/quotes/[0-9a-f-]{36}$")]
    private static partial Regex QuotePattern();

    [GeneratedRegex("/approvals/[0-9a-f-]{36}$")]
    private static partial Regex ApprovalPattern();

    [GeneratedRegex("/orders/[0-9a-f-]{36}$")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"[A-Z]+-?\d{4}-?\d+")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"折扣 20(\.0+)?\s?%")]
    private static partial Regex ApprovalDiscountPattern();

    [GeneratedRegex(@"[（(](\d+)[）)]")]
    private static partial Regex CountPattern();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
