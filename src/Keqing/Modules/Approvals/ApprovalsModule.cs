using Keqing.Infrastructure.Modules;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Modules.Approvals;

/// <summary>
/// Approval flows (审批流, DOMAIN C6): admins define flows per record type without code (conditions, ordered steps,
/// approvers by manager chain, role or named users); approvers approve, reject, send back, add a signer or delegate.
/// Other modules use it through <see cref="IApprovals"/> and learn outcomes through <see cref="IApprovalOutcomeHandler"/>.
/// </summary>
public sealed class ApprovalsModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("approvals")
    {
        Texts = typeof(Resources.ApprovalsResource),
        DemoSeeder = typeof(Features.ApprovalsDemoData),
        RecordTypes =
        [
            typeof(Domain.ApprovalFlow), typeof(Domain.ApprovalFlowStep), typeof(Domain.ApprovalRequest), typeof(Domain.ApprovalStep),
            typeof(Domain.ApprovalTask), typeof(Domain.ApprovalAction), typeof(Domain.ApprovalDelegation),
        ],
        Contributions =
        [
            ServiceDescriptor.Scoped<Privacy.Contracts.IPersonalDataStep, Features.ApprovalPersonalData>(),
            ServiceDescriptor.Scoped<Todo.Contracts.ITodoSource, Features.ApprovalsTodo>(),
        ],
        Capabilities =
        [
            new(ApprovalsCapabilities.Act, "See and act on the approvals waiting for oneself, and follow one's own requests", Roles.All),
            new(ApprovalsCapabilities.ManageFlows, "Define approval flows", [Roles.Admin]),
        ],
        Menu =
        [
            new("approvals", "/approvals", "Approvals", MudBlazor.Icons.Material.Filled.FactCheck, ApprovalsCapabilities.Act, Order: 12),
            new("approval-flows", "/admin/approval-flows", "Approval flows", MudBlazor.Icons.Material.Filled.AccountTree, ApprovalsCapabilities.ManageFlows, MenuSection.Administration, 74),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Features.ApprovalEngine>();
        services.AddScoped<IApprovals>(sp => sp.GetRequiredService<Features.ApprovalEngine>());
        services.AddScoped<Features.ApprovalRequests>();
        services.AddScoped<Features.ApprovalFlows>();
        services.AddScoped<Features.ApprovalDelegations>();
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        Api.ApprovalsApi.Map(api);
    }
}
