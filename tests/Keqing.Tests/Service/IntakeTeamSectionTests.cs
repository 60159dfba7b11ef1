using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bunit;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Keqing.Tests.Service;

/// <summary>
/// The intake-team section of /admin/skills (服务受理团队, ADR 0110) in zh-CN: it shows the current setting, an admin
/// chooses a team and saves it, clears it again, and a change someone made meanwhile is not overwritten but shown.
/// </summary>
public sealed class IntakeTeamSectionTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    private static async Task<IntakeSettingDto> Current(HttpClient admin) =>
        await (await admin.GetAsync("/api/skills/intake")).Read<IntakeSettingDto>();

    private static async Task SetByApi(HttpClient admin, Guid? teamId)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/skills/intake") { Content = JsonContent.Create(new { teamId }, options: ApiHelpers.Json) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        await (await admin.SendAsync(request)).ShouldBe(200);
    }

    private static async Task WaitFor(HttpClient admin, Guid? teamId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Current(admin)).TeamId != teamId)
        {
            if (DateTime.UtcNow > deadline) (await Current(admin)).TeamId.Should().Be(teamId);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task An_admin_chooses_the_intake_team_clears_it_and_a_change_made_meanwhile_is_shown_not_overwritten()
    {
        var admin = await host.AdminClient();
        var intake = await admin.CreateTeam(ApiHelpers.Unique("客服受理组"));
        var other = await admin.CreateTeam(ApiHelpers.Unique("现场服务组"));
        await SetByApi(admin, null);

        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var section = Render<IntakeTeamSection>();
            section.WaitForAssertion(() => section.Markup.Should().Contain("服务受理团队").And.Contain("客户的销售负责人会收到通知"), TimeSpan.FromSeconds(30));
            var select = section.FindComponent<MudSelect<Guid>>();
            select.Instance.GetState(x => x.Value).Should().Be(Guid.Empty, "no intake team is set");
            select.Instance.Label.Should().Be("受理团队");

            await section.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(intake.Id));
            section.Find(".intake-save").Click();
            await WaitFor(admin, intake.Id);
            (await Current(admin)).TeamName.Should().Be(intake.Name);

            await section.InvokeAsync(() => section.FindComponent<MudSelect<Guid>>().Instance.ValueChanged.InvokeAsync(Guid.Empty));
            section.Find(".intake-save").Click();
            await WaitFor(admin, null);

            // Someone else sets another team; saving from this (stale) screen is refused, and the section shows their choice.
            section.WaitForAssertion(() => section.FindComponent<MudSelect<Guid>>().Instance.GetState(x => x.Value).Should().Be(Guid.Empty));
            await SetByApi(admin, other.Id);
            await section.InvokeAsync(() => section.FindComponent<MudSelect<Guid>>().Instance.ValueChanged.InvokeAsync(intake.Id));
            section.Find(".intake-save").Click();
            section.WaitForAssertion(() => section.FindComponent<MudSelect<Guid>>().Instance.GetState(x => x.Value).Should().Be(other.Id), TimeSpan.FromSeconds(30));
            (await Current(admin)).TeamId.Should().Be(other.Id);
            Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message)
                .Should().Contain("受理团队刚被他人修改，已重新显示最新设置。");
            await SetByApi(admin, null);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
