using System.Globalization;
using Bunit;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Imports.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.SellThrough;
using Keqing.Tests.Ui;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Keqing.Tests.Imports;

/// <summary>
/// The imports page for a distributors' report file (进销存) against the real services and background worker (SQLite,
/// acting as the first admin): the kind is chosen, its template offered, no legal basis asked; the preview names the row
/// that does not add up; the import runs and its result reads in the kind's words.
/// </summary>
public sealed class ImportsPageKindTests : AdminUiContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp app;
    private readonly CultureInfo culture = CultureInfo.CurrentUICulture;

    public ImportsPageKindTests(SqliteApp app) : base(app)
    {
        this.app = app;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
    }

    [Fact]
    public async Task A_sales_report_file_is_previewed_with_its_unbalanced_row_named_and_imported()
    {
        var distributor = await (await app.AdminClient()).NewDistributor();
        var sku = (await app.NewProducts(1))[0].Sku;
        var page = Render<ImportsPage>();
        page.Render();
        page.FindComponents<MudSelect<LegalBasis?>>().Should().ContainSingle("customers, the default kind, hold personal data");

        await page.InvokeAsync(() => page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Class!.Contains("import-entity"))
            .Instance.ValueChanged.InvokeAsync("sell-through"));
        page.FindComponents<MudSelect<LegalBasis?>>().Should().BeEmpty("a report holds no personal data");
        page.Find(".import-intro").TextContent.Should().Contain("distributors' monthly reports");
        var template = page.Find(".import-template");
        template.GetAttribute("download").Should().Be("Sales report import template.csv");
        template.GetAttribute("href").Should().Be(ImportKinds.TemplateHref("sell-through"));

        page.Find(".import-source input").Change("2026-04 经销商月报");
        var csv = "经销商名称,产品编码,月份,期初库存,本期进货,本期销售,期末库存\n" +
                  $"{distributor.Name},{sku},2026-01,100,60,90,70\n{distributor.Name},{sku},2026-02,70,50,70,50\n" +
                  $"{distributor.Name},{sku},2026-03,50,40,50,40\n{distributor.Name},{sku},2026-04,40,40,30,55\n";
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "进销存.csv"));
        page.WaitForAssertion(() => page.Find(".import-preview").TextContent.Should().Contain("2026-04"), TimeSpan.FromSeconds(10));

        page.Find(".import-target-0").TextContent.Should().Contain("Sales report");
        page.Find(".import-unbalanced-count").TextContent.Should().Contain("1 of the rows shown do not add up");
        var unbalanced = page.FindAll(".import-preview td.import-unbalanced").Should().ContainSingle().Subject;
        unbalanced.ParentElement!.TextContent.Should().Contain("2026-04").And.Contain("55");
        page.FindAll(".import-row-errors").Should().BeEmpty();
        page.Find(".import-current").TextContent.Should().NotContain("Legal basis");

        page.Find(".import-start").Click();
        page.WaitForAssertion(() => page.Find(".import-status").TextContent.Should().Contain("Completed"), TimeSpan.FromSeconds(30));
        page.Find(".import-counts").TextContent.Should().Contain("4 of 4 rows: 4 imported, 0 replacing an earlier report of the month, 1 flagged as not adding up, 0 rejected");
        page.Find(".imports-table").TextContent.Should().Contain("进销存.csv").And.Contain("Distributors' sales reports");
    }

    [Fact]
    public void A_link_may_ask_for_a_kind_and_gets_it_when_the_user_may_import_it()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/imports?entity=sell-through");
        var page = Render<ImportsPage>();
        page.Find(".import-template").GetAttribute("href").Should().Be(ImportKinds.TemplateHref("sell-through"));
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = culture;
        base.Dispose(disposing);
    }
}
