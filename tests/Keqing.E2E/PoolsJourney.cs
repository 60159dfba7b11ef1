using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// Issue 17's journey (DOMAIN C1, C2, C9) on phones, 375 × 740 in zh-CN, on the app whose clock moves: a customer its
/// owner stops following up is 28 days later within its pool rule's notice (30 days, 3 days' notice) and the owner reads
/// the warning under the bell; three days on the recycle job moves it into the pool, where another rep of the team finds
/// it with why it came back, claims it, and sees on its timeline the old owner's follow-up and both moves → adds a
/// colleague as a collaborator → checks in at the customer from its page with the location the browser gives (the
/// customer has none stored, so "customers near me" could not list it) → the team's manager sees the visit with that
/// place on the team's day → the rep enters an order from the customer's page and the return visit it schedules is on
/// the rep's return visits. Everything the journey is not about is set up through the API as admin, with its own users,
/// team and pool, so no demo customer moves.
/// </summary>
[Collection(nameof(MovableClockJourneys))]
public sealed class PoolsJourney(MovableClockServer app)
{
    private const string Password = "Pools-journey-password-1";
    private const double Latitude = 31.230416, Longitude = 121.473701; // 上海人民广场
    private const string Sku = "PM-12";

    [Fact]
    public async Task A_customer_nobody_follows_up_returns_to_the_pool_after_a_warning_and_is_claimed_worked_visited_and_ordered_on_a_phone()
    {
        if (app.Browser is null) Assert.Skip(app.UnavailableReason ?? "no browser"); // before the API calls: no server either
        var run = Guid.NewGuid().ToString("N")[..6];
        var poolName = $"华东公海{run}";
        var customerName = $"明远医疗器械{run}";
        var followUp = $"初次拜访，约了下月演示 {run}";
        var (owner, claimer, colleague, manager) = ($"孙晓{run}", $"赵磊{run}", $"钱芳{run}", $"周经理{run}");
        string customerId;
        using (var admin = await Admin())
        {
            var managerId = await User(admin, run, "manager", manager, "SalesManager", null);
            var teamId = await Id(admin.PostAsJsonAsync("/api/teams", new { name = $"公海组{run}", managerId }));
            var ownerId = await User(admin, run, "owner", owner, "SalesRep", teamId);
            var claimerId = await User(admin, run, "claimer", claimer, "SalesRep", teamId);
            await User(admin, run, "colleague", colleague, "SalesRep", teamId);
            await Id(admin.PostAsJsonAsync("/api/pools", new
            {
                name = poolName, dailyClaimQuota = 5, reclaimWaitDays = 30,
                members = new object[] { new { userId = ownerId }, new { userId = claimerId } },
                rules = new object[] { new { grade = "B", daysWithoutFollowUp = 30, spareOpenOpportunities = true, noticeDays = 3 } },
            }));
            (await admin.PutAsJsonAsync("/api/return-visit-rules", new object[] { new { grade = "B", daysAfterOrder = 7, channel = "phone" } }))
                .EnsureSuccessStatusCode();
            customerId = (await Id(admin.PostAsJsonAsync("/api/customers", new
            {
                kind = "organization", name = customerName, province = "上海", city = "上海", industry = "医疗器械", grade = "B", ownerId, teamId,
            }))).ToString();
        }
        using (var ownerApi = await Api(Email(run, "owner"), Password))
            await Id(ownerApi.PostAsJsonAsync("/api/interactions", new { customerId, channel = "call", subject = followUp }));

        // 28 days without a follow-up: within the rule's 3 days' notice. The owner is warned; the customer stays theirs.
        await app.AdvanceClock(TimeSpan.FromDays(28));
        await app.RunJob("pools.recycle");
        var ownerPage = await Phone();
        await AppServer.SignIn(ownerPage, Email(run, "owner"), Password);
        await Expect(ownerPage.Locator(".notification-bell .mud-badge")).ToContainTextAsync("1");
        await ownerPage.GotoAsync("/notifications");
        var warning = ownerPage.Locator(".notification").Filter(new() { HasText = "客户即将回收到公海" });
        await Expect(warning).ToHaveCountAsync(1);
        await Expect(warning).ToContainTextAsync("你有 1 个客户将于");
        await Expect(warning).ToContainTextAsync($"回收到公海「{poolName}」");
        await NoSidewaysScroll(ownerPage);
        await app.Screenshot(ownerPage, "pools-warned-375");
        var early = await Phone();
        await AppServer.SignIn(early, Email(run, "claimer"), Password);
        await early.GotoAsync("/pools");
        await Expect(early.Locator(".pools-room")).ToContainTextAsync(poolName);
        await Expect(early.Locator(".pools-empty")).ToBeVisibleAsync();
        await Expect(early.Locator($".pools-customer[data-customer='{customerId}']")).ToHaveCountAsync(0);
        await early.Context.CloseAsync();

        // Three days on, the rule is met: the job moves it into the pool.
        await app.AdvanceClock(TimeSpan.FromDays(3));
        await app.RunJob("pools.recycle");

        // Another rep of the team, on a phone that knows where it is, finds it with why, and claims it.
        var rep = await Phone(located: true);
        await AppServer.SignIn(rep, Email(run, "claimer"), Password);
        await rep.GotoAsync("/pools");
        var card = rep.Locator($".pools-customer[data-customer='{customerId}']");
        await Expect(card).ToContainTextAsync(customerName);
        await Expect(card.Locator(".pools-reason")).ToContainTextAsync("未及时跟进");
        await Expect(card).ToContainTextAsync("上海");
        await Expect(card).Not.ToContainTextAsync(owner); // a pool shows no owner
        await NoSidewaysScroll(rep);
        await app.Screenshot(rep, "pools-in-the-pool-375");
        await card.Locator(".pools-pick input").CheckAsync(new() { Force = true });
        await Expect(rep.Locator(".pools-claim")).ToContainTextAsync("领取（1）");
        await rep.Locator(".pools-claim").ClickAsync();
        await Expect(rep.Locator(".mud-snackbar")).ToContainTextAsync("已领取 1 个客户");
        await Expect(card).ToHaveCountAsync(0);

        // The customer is the rep's now, with its whole history: the old owner's follow-up and both moves.
        await rep.GotoAsync($"/customers/{customerId}");
        await Expect(rep.Locator(".customer-owner-name")).ToHaveTextAsync(claimer);
        await rep.GotoAsync($"/customers/{customerId}/timeline");
        var entries = rep.Locator(".timeline-entry");
        await Expect(entries.Filter(new() { HasText = followUp })).ToHaveCountAsync(1);
        await Expect(entries.Filter(new() { HasText = $"回收到公海「{poolName}」" })).ToHaveCountAsync(1);
        await Expect(entries.Filter(new() { HasText = $"从公海「{poolName}」领取" })).ToHaveCountAsync(1);
        await NoSidewaysScroll(rep);
        await app.Screenshot(rep, "pools-history-375");

        // A colleague works it with the rep.
        await rep.GotoAsync($"/customers/{customerId}");
        await AppServer.Choose(rep, rep.Locator(".collaborator-who"), colleague);
        await rep.Locator(".collaborator-add-button").ClickAsync();
        var collaborator = rep.Locator(".collaborators-panel .collaborator").Filter(new() { HasText = colleague });
        await Expect(collaborator).ToHaveCountAsync(1);
        await Expect(collaborator.Locator(".collaborator-access")).ToHaveTextAsync("只读");

        // At the customer: the rep checks in from its page, storing the place the phone gives.
        await rep.Locator(".customer-visit-consent input").CheckAsync(new() { Force = true });
        await rep.Locator(".customer-visit-check-in").ClickAsync();
        await Expect(rep.Locator(".customer-visit-open")).ToContainTextAsync("签到于");
        await Expect(rep.Locator(".customer-visit-check-out")).ToBeVisibleAsync();
        await NoSidewaysScroll(rep);
        await app.Screenshot(rep, "pools-checked-in-375");

        // The team's manager sees the visit on the team's day, with the place.
        var managerPage = await Phone();
        await AppServer.SignIn(managerPage, Email(run, "manager"), Password);
        await managerPage.GotoAsync("/field/team-day");
        var visit = managerPage.Locator(".field-visits tbody tr").Filter(new() { HasText = customerName });
        await Expect(visit).ToHaveCountAsync(1);
        await Expect(visit).ToContainTextAsync(claimer);
        await Expect(visit).ToContainTextAsync("31.2304, 121.4737");
        await Expect(visit).ToContainTextAsync("尚未签退");
        await NoSidewaysScroll(managerPage);
        await app.Screenshot(managerPage, "pools-team-day-375");

        // The rep enters the order from the customer's page; its return visit is scheduled a week on.
        await rep.GotoAsync($"/customers/{customerId}");
        await Expect(rep.Locator(".customer-orders-none")).ToBeVisibleAsync();
        await rep.Locator(".customer-orders-new").ClickAsync();
        await rep.WaitForURLAsync("**/orders/new?customerId=*");
        await rep.Locator(".order-product input").FillAsync(Sku);
        await rep.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = Sku }).First.ClickAsync();
        await rep.Locator(".order-add-line").ClickAsync();
        await Expect(rep.Locator(".order-new-lines")).ToContainTextAsync(Sku);
        await NoSidewaysScroll(rep);
        await rep.Locator(".order-create").ClickAsync();
        await rep.WaitForURLAsync(new Regex(@"/orders/[0-9a-f-]{36}$"));
        var number = Regex.Match(await rep.Locator(".order-number").InnerTextAsync(), @"SO-\d{4}-\d+").Value;
        number.Should().NotBeEmpty("the order page shows the order's number");
        await rep.GotoAsync($"/customers/{customerId}");
        await Expect(rep.Locator(".customer-orders .customer-order")).ToContainTextAsync(number);

        await rep.GotoAsync("/return-visits");
        await rep.Locator(".rv-state .mud-chip").Filter(new() { HasText = "未到期" }).ClickAsync();
        var returnVisit = rep.Locator(".rv-item").Filter(new() { HasText = customerName });
        await Expect(returnVisit).ToHaveCountAsync(1);
        await Expect(returnVisit).ToContainTextAsync(number);
        await Expect(returnVisit).ToContainTextAsync(claimer);
        await NoSidewaysScroll(rep);
        await app.Screenshot(rep, "pools-return-visit-375");
    }

    /// <summary>A phone: 375 × 740 in zh-CN; <paramref name="located"/>: the browser knows where it is and may tell the page.</summary>
    private async Task<IPage> Phone(bool located = false)
    {
        if (app.Browser is null) Assert.Skip(app.UnavailableReason ?? "no browser");
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, ViewportSize = new ViewportSize { Width = 375, Height = 740 }, Locale = "zh-CN",
            Geolocation = located ? new Geolocation { Latitude = (float)Latitude, Longitude = (float)Longitude, Accuracy = 25 } : null,
            Permissions = located ? ["geolocation"] : null,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    private static string Email(string run, string who) => $"pools.{who}.{run}@keqing.local";

    private static async Task<Guid> User(HttpClient admin, string run, string who, string name, string role, Guid? teamId) =>
        await Id(admin.PostAsJsonAsync("/api/users", new { email = Email(run, who), displayName = name, password = Password, roles = new[] { role }, teamId }));

    private Task<HttpClient> Admin() => Api("admin@keqing.local", AppServer.AdminPassword);

    private async Task<HttpClient> Api(string email, string password)
    {
        var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await Read(await api.PostAsJsonAsync("/api/auth/token", new { email, password }));
        api.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        return api;
    }

    private static async Task<Guid> Id(Task<HttpResponseMessage> request) => (await Read(await request)).GetProperty("id").GetGuid();

    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The page is no wider than the phone: wide tables scroll inside it, the page itself never sideways.</summary>
    private static async Task NoSidewaysScroll(IPage page)
    {
        var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        size[0].Should().BeLessThanOrEqualTo(size[1], $"{page.Url} scrolls sideways at 375 px");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
