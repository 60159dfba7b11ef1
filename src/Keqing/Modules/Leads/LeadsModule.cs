using System.Threading.RateLimiting;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Microsoft.AspNetCore.RateLimiting;

namespace Keqing.Modules.Leads;

/// <summary>
/// Leads (DOMAIN S1, M5, 线索): people and companies not yet customers, from forms, shows, campaigns, referrals and
/// imports; assigned by rules, answered within a response clock in business hours, scored by visible rules,
/// qualified and converted into a customer, a contact and an opportunity.
/// </summary>
public sealed class LeadsModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("leads")
    {
        Texts = typeof(Resources.LeadsResource),
        RecordTypes = [typeof(Domain.Lead), typeof(Domain.LeadForm), typeof(Domain.LeadAssignmentRule), typeof(Domain.LeadScoringRule), typeof(Domain.DisqualifyReason), typeof(Domain.LeadSettings)],
        Capabilities =
        [
            new(LeadsCapabilities.Work, "Create, contact, qualify, disqualify and convert the leads one may see", [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.Marketer]),
            new(LeadsCapabilities.ManageForms, "Build web-to-lead forms and get their page and embed code", [Roles.Admin, Roles.Marketer]),
            new(LeadsCapabilities.ManageRules, "Set lead assignment and scoring rules, disqualification reasons and the response target", [Roles.Admin, Roles.SalesManager]),
            new(LeadsCapabilities.Reports, "Read lead response times by rep, team and source", [Roles.Admin, Roles.SalesManager, Roles.Marketer, Roles.Analyst]),
        ],
        Contributions =
        [
            ServiceDescriptor.Scoped<Keqing.Modules.Privacy.Contracts.IPersonalDataStep, Features.LeadPersonalData>(),
            ServiceDescriptor.Scoped<Keqing.Modules.Timeline.Contracts.IHandoverStep, Features.LeadHandoverStep>(),
            ServiceDescriptor.Scoped<Keqing.Infrastructure.Records.IMergeStep, Features.LeadMergeStep>(),
            ServiceDescriptor.Scoped<IDeactivationCheck, Features.OpenLeadsCheck>(),
            ServiceDescriptor.Scoped<Keqing.Modules.Todo.Contracts.ITodoSource, Features.LeadsTodo>(),
            new ServiceDescriptor(typeof(CollaborationTarget), CollaborationTarget.For<Domain.Lead>("leads", LeadsCapabilities.Work)),
        ],
        Menu =
        [
            new("leads", "/leads", "Leads", MudBlazor.Icons.Material.Filled.PersonSearch, LeadsCapabilities.Work, Order: 25),
            new("lead-forms", "/admin/lead-forms", "Web forms", MudBlazor.Icons.Material.Filled.DynamicForm, LeadsCapabilities.ManageForms, Order: 27),
            new("lead-rules", "/admin/lead-rules", "Lead rules", MudBlazor.Icons.Material.Filled.Rule, LeadsCapabilities.ManageRules, MenuSection.Administration, 71),
            new("lead-response", "/reports/lead-response", "Lead response", MudBlazor.Icons.Material.Filled.Timer, LeadsCapabilities.Reports, Order: 80),
            new("lead-scoring", "/admin/lead-scoring", "Lead scoring", MudBlazor.Icons.Material.Filled.Scoreboard, LeadsCapabilities.ManageRules, MenuSection.Administration, 72),
        ],
        Jobs = [typeof(Jobs.ResponseClockJob), typeof(Jobs.LeadRescoreJob)],
        DemoSeeder = typeof(Features.LeadsDemoData),
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Features.CreateLead>();
        services.AddScoped<Timeline.Contracts.ITaskSubject, Features.LeadTaskSubject>();
        services.AddScoped<Features.LeadAssignment>();
        services.AddScoped<Features.ResponseClock>();
        services.AddScoped<Features.LeadScoring>();
        services.AddScoped<Features.LeadRulesDemoData>();
        services.AddScoped<Features.ScoringDemoRules>();
        services.AddScoped<Features.ManageAssignmentRules>();
        services.AddScoped<Features.ManageLeadSettings>();
        services.AddScoped<Features.LeadResponseReporting>();
        services.AddScoped<Features.ScoringRules>();
        services.AddScoped<Features.GetLeadScore>();
        services.AddScoped<Features.ConvertLead>();
        services.AddScoped<Contracts.ILeadImport, Features.LeadImport>();
        AddWebForms(services, configuration);
        services.AddScoped<Features.LeadPrivacy>();
        services.AddScoped<Features.SaveLead>();
        services.AddScoped<Features.GetLead>();
        services.AddScoped<Features.ListLeads>();
        services.AddScoped<Features.ArchiveLead>();
        services.AddScoped<Features.LeadActivities>();
        services.AddScoped<Features.LeadStatusChanges>();
        services.AddScoped<Features.DisqualifyReasons>();
        services.AddScoped<Features.LeadShares>();
        services.AddScoped<Features.DemoLeads>();
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        Api.LeadsApi.Map(api);
        Api.LeadAssignmentApi.Map(api);
        Api.LeadScoringApi.Map(api);
        Api.ConvertLeadApi.Map(api);
        Api.LeadFormsApi.Map(api);
    }

    public void MapPublicPages(IEndpointRouteBuilder app) => Api.LeadFormsApi.MapPublicPages(app);

    private static void AddWebForms(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Features.LeadFormOptions.Section);
        services.Configure<Features.LeadFormOptions>(section);
        services.AddScoped<Features.ManageLeadForms>();
        services.AddScoped<Features.SubmitLeadForm>();
        services.AddSingleton<Features.FormFillTime>();
        services.AddSingleton<Api.HostedFormPage>();
        var postsPerMinute = Math.Max(1, (section.Get<Features.LeadFormOptions>() ?? new()).PostsPerMinute);
        // Per client address AND form: one busy office behind a NAT cannot starve another company's form.
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(Api.LeadFormsApi.PublicPostPolicy, http =>
        {
            var form = http.Request.RouteValues["formKey"] as string ?? "";
            var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
            return RateLimitPartition.GetFixedWindowLimiter($"{client}|{(form.Length > 40 ? form[..40] : form)}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = postsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
            });
        }));
    }
}
