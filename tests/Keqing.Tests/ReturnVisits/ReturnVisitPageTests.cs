using System.Net.Http.Json;
using Bunit;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Orders;
using Keqing.Tests.Timeline;
using Keqing.Tests.Ui;

namespace Keqing.Tests.ReturnVisits;

/// <summary>The form-filling page of a return visit on the real handlers: a required answer missing is named, a tapped score is saved.</summary>
public sealed class ReturnVisitPageTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    [Fact]
    public async Task A_score_tapped_on_the_form_is_saved_and_a_missing_required_answer_is_shown_at_its_question()
    {
        var admin = await host.AdminClient();
        await admin.SetRules(new { grade = "A", daysAfterOrder = 5, daysAfterCase = (int?)null, channel = "phone" });
        await admin.NewForm(new
        {
            name = "A 级客户回访", grade = "A",
            questions = new object[]
            {
                new { key = "score", text = "您对我们的产品满意吗？", kind = "score", required = true, scale = "0-10" },
                new { key = "say", text = "其他意见", kind = "text" },
            },
        });
        var customer = await admin.NewCustomer(grade: "A");
        var data = new OrderData(host);
        var product = await data.Product(50m, 20m);
        await data.CustomerPrices(customer.Id, (product, 48m));
        await (await admin.PostAsJsonAsync("/api/orders", new { customerId = customer.Id, lines = new[] { new { productId = product, quantity = 1 } } }, ApiHelpers.Json)).ShouldBe(201);
        var visit = (await admin.ReturnVisits($"customerId={customer.Id}")).Items.Single();

        var page = Render<ReturnVisitPage>(p => p.Add(x => x.Id, visit.Id));
        page.WaitForAssertion(() => page.FindAll(".rv-question").Should().HaveCount(2));
        page.Find(".rv-complete").Click();
        page.WaitForAssertion(() => page.Find(".rv-question[data-key=score] .rv-error").TextContent.Should().NotBeEmpty());

        page.FindAll(".rv-score button")[8].Click();
        page.Find(".rv-complete").Click();
        page.WaitForAssertion(() => page.FindAll(".rv-answer").Should().ContainSingle().Which.TextContent.Should().Contain("8"), TimeSpan.FromSeconds(30));
        var done = await admin.ReturnVisit(visit.Id);
        (done.Status, done.Answers.Single().Score).Should().Be((ReturnVisitStatus.Done, (int?)8));
    }
}
