using Bunit;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Features;
using Keqing.Modules.Approvals.Pages;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;

namespace Keqing.Tests.Approvals;

/// <summary>
/// bUnit tests of the two approval pages on the real handlers (SQLite), as the admin: the flows admin lists, creates,
/// refuses and deletes flows; the approvals page lists what waits for the admin and opens a request with its steps.
/// </summary>
public sealed class ApprovalPagesUiTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private const string QuoteType = "quotes.quote";

    private static FlowInput Flow(string name, string grade, IReadOnlyList<Guid> approvers) =>
        new(QuoteType, name, true, 0, null, null, [grade], [new FlowStepInput("财务复核", ApproverKind.Users, null, null, approvers, StepMode.Any, null, null, null)]);

    private async Task<Guid> AdminId() => (await Service<IUserDirectory>().Active(default)).Single(u => u.Email == KeqingApp.AdminEmail).Id;

    [Fact]
    public void The_flows_page_names_record_types_as_their_module_does_in_chinese()
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        try
        {
            var page = Render<ApprovalFlowsAdmin>();
            page.WaitForAssertion(() => page.FindAll("h6").Select(h => h.TextContent.Trim()).Should().Contain(h => h == "报价" || h == "报价单"));
            page.FindAll("h6").Select(h => h.TextContent.Trim()).Should().NotContain(QuoteType);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public async Task The_flows_page_lists_a_flow_creates_one_from_the_form_refuses_an_empty_name_and_deletes()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await Run<ApprovalFlows, FlowDto>(f => f.Create(Flow($"<b>已有</b>{tag}", "A", []) with
        {
            Steps = [new FlowStepInput("上级审批", ApproverKind.Manager, 2, null, null, StepMode.All, StepFallback.AutoApprove, null, null)],
            DiscountAbovePercent = 15m,
        }, default));

        var page = Render<ApprovalFlowsAdmin>();
        page.WaitForAssertion(() => page.FindAll(".flow-row-name").Select(c => c.TextContent).Should().Contain($"<b>已有</b>{tag}"));
        page.FindAll(".flows-table b").Should().BeEmpty("a flow's name is text, never markup");

        page.Find(".new-flow").Click();
        page.Find(".save-flow").Click();
        page.WaitForAssertion(() => page.FindAll(".flow-name.mud-input-error, .flow-name .mud-input-error").Should().NotBeEmpty());
        page.FindAll(".flow-editor").Should().HaveCount(1, "the form stays open with the error");

        page.Find(".flow-name input").Change($"新建{tag}");
        page.Find(".save-flow").Click();
        page.WaitForAssertion(() => page.FindAll(".flow-editor").Should().BeEmpty());
        var created = (await Run<ApprovalFlows, IReadOnlyList<FlowDto>>(f => f.List(default))).Single(f => f.Name == $"新建{tag}");
        created.RecordType.Should().Be(QuoteType);
        created.Steps.Should().ContainSingle().Which.Approver.Should().Be(ApproverKind.Manager);
        page.WaitForAssertion(() => page.FindAll(".flow-row-name").Select(c => c.TextContent).Should().Contain($"新建{tag}"));

        var row = page.FindAll(".flows-table tbody tr").Single(r => r.TextContent.Contains($"新建{tag}", StringComparison.Ordinal));
        row.QuerySelector(".delete-flow")!.Click();
        page.WaitForAssertion(() => page.FindAll(".flow-row-name").Select(c => c.TextContent).Should().NotContain($"新建{tag}"));
        (await Run<ApprovalFlows, IReadOnlyList<FlowDto>>(f => f.List(default))).Should().NotContain(f => f.Name == $"新建{tag}");
    }

    [Fact]
    public async Task The_approvals_page_lists_a_request_waiting_for_the_admin_and_opens_it_and_a_reject_needs_a_reason()
    {
        var adminId = await AdminId();
        var submitter = await (await app.AdminClient()).CreateUser(Roles.SalesRep);
        var grade = "G" + Guid.NewGuid().ToString("N")[..6];
        await Run<ApprovalFlows, FlowDto>(f => f.Create(Flow($"测试{grade}", grade, [adminId]), default));
        var state = await Service<IApprovals>().Submit(new ApprovalSubmission(QuoteType, Guid.NewGuid(), submitter.Id, $"报价单 <i>{grade}</i>", "/quotes",
            new ApprovalFacts(null, null, grade, null)), default);
        state.Status.Should().Be(ApprovalStatus.Pending);

        var list = Render<ApprovalsPage>();
        list.WaitForAssertion(() => list.FindAll(".approval-item").Select(i => i.TextContent).Should().Contain(t => t.Contains(grade, StringComparison.Ordinal)));
        list.FindAll(".approvals-list i").Should().BeEmpty("a title is text, never markup");

        var detail = Render<ApprovalsPage>(p => p.Add(c => c.Id, state.RequestId));
        detail.WaitForAssertion(() => detail.Find(".approval-detail").TextContent.Should().Contain("财务复核").And.Contain(submitter.DisplayName));
        detail.Find(".approval-reject").Click();
        detail.WaitForAssertion(() => detail.FindAll(".approval-reason.mud-input-error, .approval-reason .mud-input-error").Should().NotBeEmpty());
        (await Run<ApprovalRequests, ApprovalDetailDto>(h => h.Get(state.RequestId, default))).Request.Status.Should().Be(ApprovalStatus.Pending);

        var missing = Render<ApprovalsPage>(p => p.Add(c => c.Id, Guid.NewGuid()));
        missing.WaitForAssertion(() => missing.FindAll(".approval-missing").Should().HaveCount(1));
    }
}
