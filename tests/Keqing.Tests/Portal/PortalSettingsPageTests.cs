using Bunit;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Portal.Contracts;
using Keqing.Modules.Portal.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Portal;

/// <summary>
/// The admin's portal settings page (客户门户, /admin/portal): contacts see all of their organisation's cases until the
/// admin turns that off; the choice is saved through the settings' version, audited, and read back by the API.
/// </summary>
public sealed class PortalSettingsPageTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    [Fact]
    public async Task An_admin_limits_portal_contacts_to_their_own_cases_and_back_and_each_change_is_audited()
    {
        var admin = await host.AdminClient();
        var page = Render<PortalSettingsPage>();
        page.WaitForAssertion(() => page.Find(".portal-organisation input").HasAttribute("checked").Should().BeTrue(), TimeSpan.FromSeconds(30));
        page.Find(".portal-visibility-help").TextContent.Should().Contain("whoever opened it");

        page.Find(".portal-organisation input").Change(false);
        page.WaitForAssertion(() => page.Find(".portal-visibility-help").TextContent.Should().Contain("only the cases in which they are the contact"));
        page.Find(".portal-settings-save").Click();
        await WaitFor(admin, PortalCaseVisibility.OwnCases);

        page.Find(".portal-organisation input").Change(true);
        page.Find(".portal-settings-save").Click();
        await WaitFor(admin, PortalCaseVisibility.Organisation);

        using var scope = host.Services.CreateScope();
        var changes = await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<AuditEntry>().AsNoTracking()
            .Where(a => a.EntityType == "portal.settings").OrderBy(a => a.Sequence).Select(a => a.Changes).ToListAsync();
        changes.Should().HaveCount(2);
        changes.Should().OnlyContain(c => c.Contains("CaseVisibility", StringComparison.Ordinal));
    }

    private static async Task WaitFor(HttpClient admin, PortalCaseVisibility expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var s = await (await admin.GetAsync("/api/portal-settings")).Read<PortalSettingsDto>();
            if (s.CaseVisibility == expected) return;
            if (DateTime.UtcNow > deadline) s.CaseVisibility.Should().Be(expected);
            await Task.Delay(100);
        }
    }
}
