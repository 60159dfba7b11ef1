using Bunit;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;
using MudBlazor;

namespace Keqing.Tests.Service;

/// <summary>The intake team section of the skills and assignment page: shows the setting, an admin picks a team and saves it.</summary>
public sealed class IntakeTeamSectionTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    [Fact]
    public async Task An_admin_picks_the_intake_team_and_saves_it()
    {
        var admin = await host.AdminClient();
        var team = await admin.CreateTeam(ApiHelpers.Unique("客服受理组"));

        var section = Render<IntakeTeamSection>();
        section.WaitForAssertion(() => section.FindAll(".intake-team").Should().NotBeEmpty(), TimeSpan.FromSeconds(30));
        var select = section.FindComponent<MudSelect<Guid>>();
        select.WaitForAssertion(() => select.Instance.Value.Should().Be(Guid.Empty), TimeSpan.FromSeconds(30));
        await section.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(team.Id));
        section.Find(".intake-save").Click();

        await WaitFor(async () => (await (await admin.GetAsync("/api/skills/intake")).Read<IntakeSettingDto>()).TeamId == team.Id);
        section.WaitForAssertion(() => section.FindComponent<MudSelect<Guid>>().Instance.Value.Should().Be(team.Id), TimeSpan.FromSeconds(30));
    }

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 150 && !await condition(); i++) await Task.Delay(200);
        (await condition()).Should().BeTrue();
    }
}
