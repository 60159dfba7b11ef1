using System.Globalization;
using System.Net.Http.Json;
using Bunit;
using Keqing.Modules.ReturnVisits.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Orders;
using Keqing.Tests.Timeline;
using Keqing.Tests.Ui;

namespace Keqing.Tests.ReturnVisits;

/// <summary>
/// The return visit report page in zh-CN (SQLite test host, as the first admin): after an order to a customer of a grade
/// with its own rule and form, the return visit done with a score and a choice shows under its form with the done and
/// on-time figures, the score's average and the choice's counts; a month that is not one is shown at its field.
/// </summary>
public sealed class ReturnVisitReportPageTests : AdminUiContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp app;
    private readonly CultureInfo culture = CultureInfo.CurrentUICulture;

    public ReturnVisitReportPageTests(SqliteApp app) : base(app)
    {
        this.app = app;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    [Fact]
    public async Task A_done_return_visit_shows_under_its_form_with_its_figures_in_chinese()
    {
        var admin = await app.AdminClient();
        await admin.SetRules(new { grade = "D", daysAfterOrder = 2, daysAfterCase = (int?)null, channel = "inPerson" });
        var formName = ApiHelpers.Unique("D 级客户回访");
        await admin.NewForm(new
        {
            name = formName, grade = "D",
            questions = new object[]
            {
                new { key = "score", text = "安装满意度", kind = "score", required = true, scale = "1-5" },
                new { key = "how", text = "送货速度", kind = "singleChoice", required = true, choices = new[] { "快", "一般", "慢" } },
            },
        });
        var customer = await admin.NewCustomer(grade: "D");
        var data = new OrderData(app);
        var product = await data.Product(100m, 60m);
        await data.CustomerPrices(customer.Id, (product, 95m));
        await (await admin.PostAsJsonAsync("/api/orders", new { customerId = customer.Id, lines = new[] { new { productId = product, quantity = 1 } } },
            ApiHelpers.Json)).ShouldBe(201);
        var visit = await admin.ReturnVisit((await admin.ReturnVisits($"customerId={customer.Id}")).Items.Single().Id);
        await admin.Complete(visit, new object[] { new { key = "score", score = 4 }, new { key = "how", choices = new[] { "快" } } });

        var page = Render<ReturnVisitReportPage>();
        page.WaitForAssertion(() => page.FindAll(".rv-report-form").Should().Contain(f => f.TextContent.Contains(formName)), TimeSpan.FromSeconds(10));
        page.Markup.Should().Contain("回访报表");
        var form = page.FindAll(".rv-report-form").Single(f => f.TextContent.Contains(formName));
        form.QuerySelector(".rv-report-figures")!.TextContent.Should().Contain("已完成：1").And.Contain("按时完成：1");
        var questions = form.QuerySelectorAll(".rv-report-question").Select(q => q.TextContent).ToList();
        questions.Should().Contain(q => q.Contains("安装满意度") && q.Contains("4.00"));
        questions.Should().Contain(q => q.Contains("送货速度") && q.Contains("快 1") && q.Contains("慢 0"));

        page.FindAll("input")[0].Change("2026-13");
        page.Find(".rv-report-show").Click();
        page.WaitForAssertion(() => page.Markup.Should().Contain("mud-input-error"), TimeSpan.FromSeconds(10));
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = culture;
        base.Dispose(disposing);
    }
}
