using Bunit;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Features;
using Keqing.Modules.Approvals.Pages;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;
using MudBlazor;

namespace Keqing.Tests.SellingQuality;

/// <summary>
/// The "while I am away" panel of /approvals (bUnit on the real handler, SQLite, as the admin): it refuses a delegation
/// without a colleague or a last day, sets one through to the end of the last day in the user's zone, lists it with
/// the colleague's name, and takes it back.
/// </summary>
public sealed class AwayDelegationUiTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_delegation_is_refused_without_colleague_and_last_day_set_listed_and_taken_back()
    {
        var colleague = await (await app.AdminClient()).CreateUser(Roles.SalesManager);
        var panel = Render<AwayDelegation>();
        panel.WaitForAssertion(() => panel.FindAll(".away-delegation-save").Should().HaveCount(1));

        panel.Find(".away-delegation-save").Click();
        panel.WaitForAssertion(() => panel.FindAll(".away-delegation-user .mud-input-error, .away-delegation-user.mud-input-error").Should().NotBeEmpty());
        panel.FindAll(".away-delegation-until .mud-input-error, .away-delegation-until.mud-input-error").Should().NotBeEmpty();
        (await Run<ApprovalDelegations, IReadOnlyList<DelegationDto>>(h => h.Mine(default))).Should().BeEmpty();

        var zone = await Service<IUserTimeZones>().Of(null, default);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone)).AddDays(3);
        var select = panel.FindComponent<MudSelect<Guid?>>();
        await panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(colleague.Id));
        var until = panel.FindComponents<MudDatePicker>().Single(p => p.Instance.Class!.Contains("away-delegation-until", StringComparison.Ordinal));
        await panel.InvokeAsync(() => until.Instance.DateChanged.InvokeAsync(lastDay.ToDateTime(TimeOnly.MinValue)));
        panel.Find(".away-delegation-save").Click();

        panel.WaitForAssertion(() => panel.FindAll(".away-delegation-item").Should().ContainSingle()
            .Which.TextContent.Should().Contain(colleague.DisplayName));
        var set = (await Run<ApprovalDelegations, IReadOnlyList<DelegationDto>>(h => h.Mine(default))).Should().ContainSingle().Subject;
        set.ToUserId.Should().Be(colleague.Id);
        set.EndsAt.Should().Be(UserClock.StartOfDay(lastDay.AddDays(1), zone), "the last day counts in full, in the user's zone");
        set.StartsAt.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1), "from today means from now");

        panel.Find(".away-delegation-remove").Click();
        panel.WaitForAssertion(() => panel.FindAll(".away-delegation-item").Should().BeEmpty());
        (await Run<ApprovalDelegations, IReadOnlyList<DelegationDto>>(h => h.Mine(default))).Should().BeEmpty();
    }
}
