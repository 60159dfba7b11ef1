using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Features;

namespace Keqing.Modules.Service;

/// <summary>
/// Service (DOMAIN V1, V6, 工单): cases from phone calls, the API and later email and the portal; their conversation with
/// files, status from new to closed, reopening, links and merges; the team queue; open complaints for "service first".
/// </summary>
public sealed class ServiceModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("service")
    {
        Texts = typeof(Resources.ServiceResource),
        RecordTypes = [typeof(Domain.ServiceCase), typeof(Domain.CaseMessage), typeof(Domain.CaseCategory),
            typeof(Domain.Skill), typeof(Domain.AgentProfile), typeof(Domain.TeamAssignment), typeof(Domain.CaseSurvey), typeof(Domain.CaseReview), typeof(Domain.IntakeSetting)],
        Capabilities =
        [
            new(ServiceCapabilities.Work, "Open and work the cases one may see: one's own, one's team's queue, a manager's teams'", [Roles.Admin, Roles.ServiceManager, Roles.ServiceAgent]),
            new(ServiceCapabilities.Manage, "Give cases to others in the teams one manages", [Roles.Admin, Roles.ServiceManager]),
            new(ServiceCapabilities.ManageCategories, "Edit the case category tree", [Roles.Admin]),
            new(AssignmentCapabilities.Manage, "Give agents skills and capacity, turn a team's auto-assignment on", [Roles.Admin]),
        ],
        Menu =
        [
            new("cases", "/cases", "Cases", MudBlazor.Icons.Material.Filled.SupportAgent, ServiceCapabilities.Work, Order: 28),
            new("case-call", "/cases/call", "Phone call", MudBlazor.Icons.Material.Filled.Phone, ServiceCapabilities.Work, Order: 29),
            new("case-queue", "/cases/queue", "Team queue", MudBlazor.Icons.Material.Filled.Inbox, ServiceCapabilities.Work, Order: 29),
            new("case-categories", "/admin/case-categories", "Case categories", MudBlazor.Icons.Material.Filled.AccountTree, ServiceCapabilities.ManageCategories, MenuSection.Administration, 61),
            new("service-skills", "/admin/skills", "Skills and assignment", MudBlazor.Icons.Material.Filled.Psychology, AssignmentCapabilities.Manage, MenuSection.Administration, Order: 60),
            new("service-report", "/reports/service", "Service report", MudBlazor.Icons.Material.Filled.Insights, ServiceCapabilities.Work, Order: 30),
        ],
        DemoSeeder = typeof(ServiceDemoData),
        Jobs = [typeof(Jobs.ServiceReportRefreshJob)],
        Contributions =
        [
            ServiceDescriptor.Scoped<Customers.Contracts.IOpenComplaints, OpenComplaints>(),
            ServiceDescriptor.Scoped<Timeline.Contracts.IHandoverStep, CaseHandoverStep>(),
            ServiceDescriptor.Scoped<Infrastructure.Records.IMergeStep, CaseMergeStep>(),
            ServiceDescriptor.Scoped<Privacy.Contracts.IPersonalDataStep, CasePersonalData>(),
            ServiceDescriptor.Scoped<Privacy.Contracts.IPersonalDataStep, CaseMailPersonalData>(),
            ServiceDescriptor.Scoped<Mailbox.Contracts.IInboundMailHandler, CaseMailIntake>(),
            new ServiceDescriptor(typeof(CollaborationTarget), CollaborationTarget.For<Domain.ServiceCase>("cases", ServiceCapabilities.Work)),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ServiceOptions>(configuration.GetSection("Keqing:Service"));
        services.AddScoped<CaseAccess>();
        services.AddScoped<CreateCase>();
        services.AddScoped<GetCase>();
        services.AddScoped<ListCases>();
        services.AddScoped<UpdateCase>();
        services.AddScoped<CaseAttachments>();
        services.AddScoped<CaseConversation>();
        services.AddScoped<ChangeCaseStatus>();
        services.AddScoped<AssignCase>();
        services.AddScoped<MergeCases>();
        services.AddScoped<CaseCategories>();
        services.AddScoped<CallerLookup>();
        services.AddScoped<Skills>();
        services.AddScoped<AgentProfiles>();
        services.AddScoped<TeamQueue>();
        services.AddScoped<IBeforeCommitHandler<CaseOpened>, AutoAssign>();
        services.AddScoped<IntakeRouting>();
        services.AddScoped<IBeforeCommitHandler<CaseOpened>>(sp => sp.GetRequiredService<IntakeRouting>());
        services.AddScoped<ICaseDirectory, CaseDirectory>();
        services.AddScoped<IPortalCases, PortalCases>();
        services.AddScoped<ICaseFacts, CaseFactsLookup>();
        services.AddScoped<CaseTimeline>();
        services.AddScoped<IBeforeCommitHandler<CaseOpened>>(sp => sp.GetRequiredService<CaseTimeline>());
        services.AddScoped<IBeforeCommitHandler<CaseReplied>>(sp => sp.GetRequiredService<CaseTimeline>());
        services.AddScoped<IBeforeCommitHandler<CaseCustomerReplied>>(sp => sp.GetRequiredService<CaseTimeline>());
        services.AddScoped<IBeforeCommitHandler<CaseResolved>>(sp => sp.GetRequiredService<CaseTimeline>());
        services.AddScoped<IBeforeCommitHandler<CaseClosed>>(sp => sp.GetRequiredService<CaseTimeline>());
        services.AddScoped<IBeforeCommitHandler<CaseReopened>>(sp => sp.GetRequiredService<CaseTimeline>());
        services.Configure<CaseMailOptions>(configuration.GetSection(CaseMailOptions.Section));
        services.AddScoped<IBeforeCommitHandler<CaseReplied>, CaseReplyMail>();
        services.AddScoped<CaseFileLinks>();
        services.AddScoped<CaseSla>();
        services.AddScoped<CaseKnowledge>();
        services.AddScoped<IBeforeCommitHandler<CaseOpened>>(sp => sp.GetRequiredService<CaseSla>());
        services.AddScoped<IBeforeCommitHandler<CaseReplied>>(sp => sp.GetRequiredService<CaseSla>());
        services.AddScoped<IBeforeCommitHandler<CaseWaitingOnCustomer>>(sp => sp.GetRequiredService<CaseSla>());
        services.AddScoped<IBeforeCommitHandler<CaseCustomerReplied>>(sp => sp.GetRequiredService<CaseSla>());
        services.AddScoped<IBeforeCommitHandler<CaseResolved>>(sp => sp.GetRequiredService<CaseSla>());
        services.AddScoped<IBeforeCommitHandler<CaseClosed>>(sp => sp.GetRequiredService<CaseSla>());
        services.AddScoped<IBeforeCommitHandler<CaseReopened>>(sp => sp.GetRequiredService<CaseSla>());
        services.AddSurveys(configuration);
        services.AddScoped<DispatchCase>();
        services.AddScoped<IBeforeCommitHandler<FieldWork.Contracts.DispatchResultLogged>>(sp => sp.GetRequiredService<DispatchCase>());
        services.AddScoped<IBeforeCommitHandler<Customers.Contracts.CustomerGradeChanged>, CaseGradeChange>();
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        Api.ServiceApi.Map(api);
        Api.AssignmentApi.Map(api);
        Api.SurveyApi.Map(api);
        Api.CaseDispatchApi.Map(api);
        Api.CaseFileLinkApi.Map(api);
    }

    public void MapPublicPages(IEndpointRouteBuilder app) => Api.SurveyApi.MapPublicPages(app);
}
