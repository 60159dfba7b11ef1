using Bunit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Leads.Features;
using Keqing.Modules.Leads.Pages;
using Keqing.Modules.Leads.Pages.Scoring;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Leads;

/// <summary>
/// bUnit tests of the scoring admin page and <see cref="LeadScoreCard"/> on the real handlers (SQLite): the rules list,
/// the preview of a sample lead, a lead's reasons, and rule text containing markup shown as text everywhere.
/// </summary>
public sealed class LeadScoringUiTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private async Task UseRules(params LeadScoringRule[] rules)
    {
        var db = Service<KeqingDb>();
        await db.Set<LeadScoringRule>().ExecuteDeleteAsync();
        db.AddRange(rules);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static LeadScoringRule Markup() => new()
    {
        Name = "<b>加粗</b>", Kind = ScoringRuleKind.Profile, Field = ScoringFields.Title, Operator = ScoringFields.Contains,
        Values = ["<i>采购</i>"], Points = 20,
    };

    [Fact]
    public async Task The_page_lists_the_rules_and_previews_a_sample_with_markup_as_text()
    {
        await UseRules([.. ScoringDemoRules.Rules(DateTime.UtcNow), Markup()]);
        var page = Render<LeadScoringAdmin>();
        page.WaitForAssertion(() => page.FindAll(".scoring-rules-table tbody tr").Should().HaveCount(5));
        page.Find(".scoring-rules-table").TextContent.Should().Contain("<b>加粗</b>").And.Contain("采购决策人");
        page.FindAll(".scoring-rules-table b, .scoring-rules-table i").Should().BeEmpty("a rule's text is never markup");

        // The default sample (采购经理 in 医疗器械, a credit code, a form 40 days ago) scores by the demo rules.
        page.WaitForAssertion(() => page.Find(".lead-score-total").TextContent.Should().Be("50"));
        page.FindAll(".lead-score-reasons li").Should().HaveCount(4);

        page.Find(".sample-title input").Change("<i>采购</i>主管");
        page.Find(".run-preview").Click();
        page.WaitForAssertion(() => page.Find(".lead-score-total").TextContent.Should().Be("70"));
        page.Find(".lead-score-reasons").TextContent.Should().Contain("<i>采购</i>");
        page.FindAll(".lead-score-reasons i").Should().BeEmpty();
    }

    [Fact]
    public async Task The_card_shows_a_leads_score_and_reasons()
    {
        await UseRules(Markup());
        var adminId = (await Service<IUserDirectory>().Active(default)).Single(u => u.Email == KeqingApp.AdminEmail).Id;
        var lead = await Service<CreateLead>().Add(new LeadInput("王芳", null, "<i>采购</i>专员", null, null, null, null, null,
            CompanySize.Unknown, null, LeadSource.Manual, null, LegalBasis.Contract, null), adminId, adminId, default);
        await Service<KeqingDb>().SaveChangesAsync();

        var card = Render<LeadScoreCard>(p => p.Add(c => c.LeadId, lead.Id));
        card.WaitForAssertion(() => card.Find(".lead-score-total").TextContent.Should().Be("20"));
        card.Find(".lead-score-reasons li").TextContent.Should().StartWith("+20 ").And.Contain("<i>采购</i>");
        card.FindAll(".lead-score-hot").Should().BeEmpty("20 is below the hot score");
    }

    [Fact]
    public async Task A_leads_tasks_are_added_listed_and_ticked_off_on_its_page()
    {
        var adminId = (await Service<IUserDirectory>().Active(default)).Single(u => u.Email == KeqingApp.AdminEmail).Id;
        var lead = await Service<CreateLead>().Add(new LeadInput("赵敏", "<b>康达</b>", null, ["13900001111"], null, null, null, null,
            CompanySize.Unknown, null, LeadSource.Manual, null, LegalBasis.Contract, null), adminId, adminId, default);
        await Service<KeqingDb>().SaveChangesAsync();

        var tasks = Render<LeadTasks>(p => p.Add(c => c.LeadId, lead.Id).Add(c => c.CanWrite, true));
        tasks.WaitForAssertion(() => tasks.Find(".lead-tasks-empty"));
        tasks.Find(".lead-task-new-title input").Change("<i>周二</i>回电");
        tasks.Find(".lead-task-add").Click();
        tasks.WaitForAssertion(() => tasks.Find(".lead-task-title").TextContent.Should().Be("<i>周二</i>回电"));
        tasks.FindAll(".lead-task i").Should().BeEmpty("a task's title is never markup");
        var stored = await Run<Keqing.Modules.Timeline.Contracts.ISubjectTasks, IReadOnlyList<Keqing.Modules.Timeline.Contracts.TaskDto>>(
            h => h.Of(LeadTaskSubject.LeadRecordType, lead.Id, default));
        stored.Should().ContainSingle().Which.AssigneeId.Should().Be(adminId);

        tasks.Find(".lead-task-complete").Click();
        tasks.WaitForAssertion(() => tasks.FindAll(".lead-task-done").Should().HaveCount(1));
        tasks.FindAll(".lead-task-complete").Should().BeEmpty("a done task has nothing left to tick");
    }
}
