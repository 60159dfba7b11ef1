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

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = culture;
        base.Dispose(disposing);
    }
}
