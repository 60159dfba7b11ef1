using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// Selling I (issue 14; DOMAIN S1, S2, S5, M5) in the browser, in zh-CN at 1280 and 375 px: an admin's web form and
/// assignment rule → a visitor posts the hosted form <c>/f/{key}</c> → the lead is in /leads with its owner and a
/// respond-by time → the owner logs a call and the clock stops (已响应) → qualify → convert, picking the existing customer
/// the duplicate finder suggests, with an opportunity → the opportunity is on the board → it moves to the next stage (drag
/// and drop at 1280, the card's stage picker at 375) → the manager's forecast shows it weighted → the manager opens the
/// recommended reps and assigns the deal with one click.
/// </summary>
public sealed partial class SellingJourney(AppServer app)
{
    private const string Owner = "张伟"; // rep1, whom this journey's assignment rule names
    private const string OtherRep = "李娜"; // rep2, same team: the manager hands the deal to her

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Web_inquiry_becomes_a_lead_then_a_deal_on_the_board_in_the_forecast_and_is_handed_to_the_best_rep(int width)
    {
        // Five characters: a company's core name shorter than four counts little for the duplicate finder.
        var word = new string(Enumerable.Range(0, 5).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)).ToArray());
        var person = $"{word}先生";
        var company = $"{word}医疗科技有限公司";
        var industry = $"{word}设备";
        var deal = $"{word}超声设备采购";

        // The admin: a rule sending this industry's leads to rep1, and a web form (through the API; the page shows it).
        var admin = await app.NewPage(width);
        await AppServer.SignIn(admin, "admin@keqing.local", AppServer.AdminPassword);
        var users = await Json(await admin.Context.APIRequest.GetAsync("/api/users?q=rep1%40keqing.local"));
        var rep1Id = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == "rep1@keqing.local").GetProperty("id").GetString();
        await Json(await Post(admin, "/api/lead-assignment-rules", new
        {
            name = $"{industry} → {Owner}", industries = new[] { industry }, target = "user", userId = rep1Id,
        }));
        var form = await Json(await Post(admin, "/api/forms", new
        {
            name = $"官网咨询 {word}",
            fields = new object[]
            {
                new { field = "name", labelZh = "您的姓名", labelEn = "Your name", required = true },
                new { field = "company", labelZh = "单位名称", labelEn = "Organisation", required = true },
                new { field = "phone", labelZh = "手机", labelEn = "Mobile", required = true },
                new { field = "city", labelZh = "城市", labelEn = "City", required = false },
                new { field = "industry", labelZh = "行业", labelEn = "Industry", required = false },
                new { field = "message", labelZh = "需求", labelEn = "Needs", required = false },
            },
            titleZh = "产品咨询", titleEn = "Product inquiry", thankYouZh = "感谢您的咨询，我们会尽快联系您。", thankYouEn = "Thank you.",
            asksConsent = false, source = "webForm", sourceDetail = "官网产品页",
        }));
        var formKey = form.GetProperty("key").GetString()!;
        await admin.GotoAsync("/admin/lead-forms");
        await Expect(admin.GetByText($"官网咨询 {word}").First).ToBeVisibleAsync();
        await app.Screenshot(admin, $"selling-forms-{width}");

        // The customer the company already is (no shared phone or email: the form would attach instead of making a lead).
        var rep = await app.NewPage(width);
        await AppServer.SignIn(rep, "rep1@keqing.local");
        await Json(await Post(rep, "/api/customers", new { kind = "organization", name = company, city = "杭州" }));

        // A visitor posts the hosted form (after the minimum fill time).
        var visitor = await app.NewPage(width);
        await visitor.GotoAsync($"/f/{formKey}");
        await visitor.FillAsync("input[name=name]", person);
        await visitor.FillAsync("input[name=company]", company);
        await visitor.FillAsync("input[name=phone]", $"139{Random.Shared.Next(10_000_000, 99_999_999)}");
        await visitor.FillAsync("input[name=city]", "杭州");
        await visitor.FillAsync("input[name=industry]", industry);
        await visitor.Locator("[name=message]").FillAsync("想了解新一代超声设备的报价。");
        await app.Screenshot(visitor, $"selling-hosted-form-{width}");
        await Task.Delay(3_500);
        await visitor.ClickAsync("button[type=submit]");
        await Expect(visitor.Locator(".thanks")).ToContainTextAsync("感谢您的咨询");

        // The owner finds the lead with an owner and a respond-by time, opens it, logs a call: the clock stops.
        await rep.GotoAsync("/leads");
        await rep.Locator(".lead-search input").FillAsync(person);
        var row = rep.Locator(".leads-table tbody tr").Filter(new() { HasText = person });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(Owner);
        await Expect(row).ToContainTextAsync(TimePattern());
        await app.Screenshot(rep, $"selling-leads-{width}");
        await row.Locator(".lead-link").ClickAsync();
        await rep.WaitForURLAsync(LeadPattern());
        var leadUrl = rep.Url;
        await Expect(rep.Locator(".lead-owner")).ToHaveTextAsync(Owner);
        await Expect(rep.Locator(".lead-respond-by")).ToContainTextAsync(TimePattern());
        await Expect(rep.Locator(".lead-answered")).ToHaveTextAsync("—");
        await rep.Locator(".log-contact-text textarea").First.FillAsync("电话沟通需求，已发送报价单。");
        await rep.Locator(".log-contact-save").ClickAsync();
        await Expect(rep.Locator(".lead-answered")).ToContainTextAsync(TimePattern());
        await Expect(rep.Locator(".lead-overdue")).ToHaveCountAsync(0);
        await Expect(rep.Locator(".lead-history")).ToContainTextAsync("电话沟通需求");
        await rep.Locator(".lead-qualify").ClickAsync();
        await Expect(rep.Locator(".lead-status")).ToHaveTextAsync("有效");
        await app.Screenshot(rep, $"selling-lead-{width}");

        await rep.GotoAsync("/leads");
        await rep.Locator(".lead-search input").FillAsync(person);
        await Expect(rep.Locator(".leads-table tbody tr").Filter(new() { HasText = person }).Locator(".lead-answered")).ToHaveTextAsync("已响应");

        // Convert: the existing customer is suggested and picked, with an opportunity.
        await rep.GotoAsync(leadUrl + "/convert");
        var suggestion = rep.Locator(".convert-suggestion").Filter(new() { HasText = company });
        await Expect(suggestion).ToHaveCountAsync(1);
        await suggestion.ClickAsync();
        await Expect(suggestion.Locator("input")).ToBeCheckedAsync();
        await rep.Locator(".convert-with-opportunity input").CheckAsync(new LocatorCheckOptions { Force = true });
        await rep.Locator(".convert-opportunity-name input").FillAsync(deal);
        // Typed and left with Tab: a MudNumericField / MudDatePicker takes its value on change, not on input.
        await rep.Locator(".convert-opportunity-amount input").PressSequentiallyAsync("128000.40");
        await rep.Locator(".convert-opportunity-amount input").PressAsync("Tab");
        var close = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); // within this quarter in Shanghai
        await rep.Locator(".convert-opportunity-close input").FillAsync(close);
        await rep.Locator(".convert-opportunity-close input").PressAsync("Tab");
        await app.Screenshot(rep, $"selling-convert-{width}");
        await rep.Locator(".convert-submit").ClickAsync();
        try
        {
            await rep.WaitForURLAsync(CustomerPattern());
        }
        catch (TimeoutException)
        {
            await app.Screenshot(rep, $"selling-convert-refused-{width}");
            var shown = await rep.Locator(".convert-lead .mud-input-helper-text, .convert-problem, .convert-duplicates, .mud-snackbar").AllInnerTextsAsync();
            throw new InvalidOperationException($"The conversion did not reach the customer page; the form shows: {string.Join(" | ", shown)}");
        }
        await Expect(rep.Locator(".customer-title")).ToHaveTextAsync(company);

        // The deal is on the board; it moves to the next stage.
        await rep.GotoAsync("/opportunities");
        var card = rep.Locator(".opportunity-card").Filter(new() { HasText = deal });
        await Expect(card).ToHaveCountAsync(1);
        var columns = rep.Locator(".board-column");
        var from = -1;
        for (var i = 0; i < await columns.CountAsync() && from < 0; i++)
            if (await columns.Nth(i).Locator(".opportunity-card").Filter(new() { HasText = deal }).CountAsync() == 1) from = i;
        from.Should().BeGreaterThanOrEqualTo(0);
        var next = columns.Nth(from + 1);
        var nextStage = (await next.Locator(".stage-name").InnerTextAsync()).Trim();
        // A desktop drags the card; a phone picks the stage on the card (drag and drop needs a mouse).
        if (width >= 600)
            await card.DragToAsync(next.Locator(".mud-drop-zone"));
        else
            await card.Locator("select.card-move").SelectOptionAsync(new SelectOptionValue { Label = nextStage });
        await Expect(next.Locator(".opportunity-card").Filter(new() { HasText = deal })).ToHaveCountAsync(1);
        await rep.ReloadAsync();
        var moved = rep.Locator(".board-column").Nth(from + 1).Locator(".opportunity-card").Filter(new() { HasText = deal });
        await Expect(moved).ToHaveCountAsync(1);
        await app.Screenshot(rep, $"selling-board-{width}");
        var probability = int.Parse(ProbabilityPattern().Match(await moved.Locator(".card-amount").InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
        // 128,000.40 × p % ends in 0.004 × p: never a rounding tie, so any rounding mode gives these fen.
        var weighted = "¥" + Math.Round(128000.40m * probability / 100m, 2).ToString("N2", CultureInfo.InvariantCulture);

        // The manager: the forecast shows the deal weighted; the recommendation hands it to another rep.
        var manager = await app.NewPage(width);
        await AppServer.SignIn(manager, "manager.east@keqing.local");
        await manager.GotoAsync("/forecast");
        await manager.Locator(".forecast-rep").Filter(new() { HasText = Owner }).Locator(".forecast-weighted").ClickAsync();
        var behind = manager.Locator(".forecast-behind tbody tr").Filter(new() { HasText = deal });
        await Expect(behind).ToContainTextAsync(weighted);
        await Expect(behind).ToContainTextAsync($"{probability} %");
        await app.Screenshot(manager, $"selling-forecast-{width}");
        await behind.Locator(".forecast-opportunity").ClickAsync();
        await manager.WaitForURLAsync(OpportunityPattern());
        var candidate = manager.Locator(".recommended-reps tbody tr").Filter(new() { HasText = OtherRep });
        await Expect(candidate.Locator(".rep-win")).ToContainTextAsync("%");
        await Expect(manager.Locator(".recommended-reps tbody tr").Filter(new() { HasText = Owner }).Locator(".rep-owner")).ToBeVisibleAsync();
        await app.Screenshot(manager, $"selling-recommended-{width}");
        await candidate.Locator(".rep-assign").ClickAsync();
        await Expect(candidate.Locator(".rep-owner")).ToBeVisibleAsync();
        await manager.ReloadAsync();
        await Expect(manager.Locator(".recommended-reps tbody tr").Filter(new() { HasText = OtherRep }).Locator(".rep-owner")).ToBeVisibleAsync();
        await Expect(manager.Locator(".opportunity-fields")).ToContainTextAsync(OtherRep);
    }

    /// <summary>A JSON write with the cookie of the signed-in page, from this site (the app refuses cross-site cookie writes).</summary>
    private Task<IAPIResponse> Post(IPage page, string path, object body) =>
        page.Context.APIRequest.PostAsync(path, new APIRequestContextOptions
        {
            DataObject = body, Headers = new Dictionary<string, string> { ["Origin"] = app.BaseUrl },
        });

    private static async Task<JsonElement> Json(IAPIResponse response)
    {
        var text = await response.TextAsync();
        response.Ok.Should().BeTrue($"{response.Url} answered {response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex(@"\d{1,2}:\d{2}")]
    private static partial Regex TimePattern();

    [GeneratedRegex("/leads/[0-9a-f-]{36}$")]
    private static partial Regex LeadPattern();

    [GeneratedRegex("/customers/[0-9a-f-]{36}$")]
    private static partial Regex CustomerPattern();

    [GeneratedRegex("/opportunities/[0-9a-f-]{36}$")]
    private static partial Regex OpportunityPattern();

    [GeneratedRegex(@"(\d+)\s*%")]
    private static partial Regex ProbabilityPattern();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
