using Bunit;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;

namespace Keqing.Tests.ReturnVisits;

/// <summary>
/// The admin's return visit page on the real handlers: a rule's days saved from its row, a form saved without a name or
/// a question's text shows the message at each field, and the completed form is listed and read back as entered.
/// </summary>
public sealed class ReturnVisitFormsAdminPageTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    [Fact]
    public async Task An_admin_sets_a_rule_and_builds_a_form_with_each_missing_field_named_where_it_is()
    {
        var admin = await host.AdminClient();
        var page = Render<ReturnVisitFormsAdmin>();
        page.WaitForAssertion(() => page.FindAll(".rv-rules tbody tr").Should().NotBeEmpty());

        // The first grade's row: 7 days after an order.
        page.FindAll(".rv-rules tbody tr")[0].QuerySelector("input")!.Change("7");
        page.Find(".rv-rules-save").Click();
        await Eventually(async () =>
            (await (await admin.GetAsync("/api/return-visit-rules")).Read<List<RuleDto>>())[0].DaysAfterOrder.Should().Be(7));

        // Saved with neither a name nor the question's text: both fields say so, and nothing is created.
        page.Find(".rv-form-save").Click();
        page.WaitForAssertion(() =>
        {
            page.Find(".rv-form-name .mud-input-error").TextContent.Should().NotBeEmpty();
            page.Find(".rv-edit-question .mud-input-error").TextContent.Should().NotBeEmpty();
        });
        (await (await admin.GetAsync("/api/return-visit-forms")).Read<List<FormDto>>()).Should().BeEmpty();

        page.Find(".rv-form-name input").Change("设备安装回访");
        page.Find(".rv-edit-question input").Change("您对安装服务满意吗？");
        page.Find(".rv-form-save").Click();
        page.WaitForAssertion(() => page.FindAll(".rv-form").Should().ContainSingle().Which.TextContent.Should().Contain("设备安装回访"));
        page.FindAll(".mud-input-error").Should().BeEmpty();

        var form = (await (await admin.GetAsync("/api/return-visit-forms")).Read<List<FormDto>>()).Should().ContainSingle().Subject;
        (form.Name, form.Grade, form.Active).Should().Be(("设备安装回访", (Modules.Customers.Contracts.CustomerGrade?)null, true));
        form.Questions.Should().ContainSingle().Which.Should().Match<QuestionDto>(q =>
            q.Text == "您对安装服务满意吗？" && q.Kind == QuestionKind.Score && q.Required && q.Scale == ScoreScale.OneToFive);
    }

    private static async Task Eventually(Func<Task> assertion)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { await assertion(); return; }
            catch when (attempt < 50) { await Task.Delay(100); }
        }
    }
}
