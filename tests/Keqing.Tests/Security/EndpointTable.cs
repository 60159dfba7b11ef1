using Keqing.Modules.Identity.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Security;

/// <summary>What a request is expected to get, by access alone (any 2xx–4xx that is not one of the refusals is "Allowed").</summary>
public enum Expect { Allowed, Forbidden, Hidden, Unauthenticated, SignInRedirect, BadRequest }

/// <summary>How the record a request acts on relates to the caller: theirs, a teammate's, another team's, or none.</summary>
public enum Relation { None, Own, Team, OtherTeam }

/// <summary>What the route's ids (and query or body) point at.</summary>
public enum On { Nothing, Customer, Contact, Interaction, Commitment, Task, Share, User, Token, UnknownId, Team, Victim, Lead }

/// <summary>The designed outcome for a role (null = anonymous) and a relation.</summary>
public delegate Expect AccessRule(string? role, Relation relation);

/// <summary>One row of the endpoint table: an endpoint, its access rule, what it acts on and what to send.</summary>
/// <param name="Key">"METHOD /route/{template}" exactly as the app's EndpointDataSource has it (no trailing slash).</param>
/// <param name="Destructive">The call changes the record for good (archive, delete, complete, hand over): each allowed cell gets fresh records.</param>
public sealed record EndpointRow(string Key, AccessRule Rule, On On = On.Nothing, Func<AccessCell, object?>? Body = null,
    Func<AccessCell, string>? Query = null, bool Destructive = false);

/// <summary>The ids one request of the matrix uses.</summary>
public sealed record AccessCell(string? Role, Relation Relation, Guid CallerId, Guid CustomerId, Guid? TargetId, Guid? ShareId,
    Guid OwnerId, Guid TeamAId, Guid TeamBId, Guid OutsiderId, Guid OtherUserId);

/// <summary>
/// The designed access of every endpoint (DOMAIN P5). The access-control matrix (<see cref="AccessMatrixTests"/>) and the
/// hostile-payload suite (<see cref="HostilePayloadTests"/>) are generated from it, and a test fails for any endpoint the
/// app serves that has no row here. Adding an endpoint = adding one line.
/// </summary>
public static class EndpointTable
{
    private static bool IsManager(string role) => Roles.Managers.Contains(role);

    // ---- rules ----
    public static readonly AccessRule Public = (_, _) => Expect.Allowed;
    public static readonly AccessRule SignedIn = (role, _) => role is null ? Expect.Unauthenticated : Expect.Allowed;
    /// <summary>Signed-in users only, on an id nobody has: 404 for every role.</summary>
    public static readonly AccessRule SignedInUnknown = (role, _) => role is null ? Expect.Unauthenticated : Expect.Hidden;
    public static AccessRule Only(params string[] roles) => (role, _) =>
        role is null ? Expect.Unauthenticated : roles.Contains(role) ? Expect.Allowed : Expect.Forbidden;
    public static readonly AccessRule Admin = Only(Roles.Admin);
    /// <summary>Admin only, on an id that does not exist: admin 404, everyone else 403 first.</summary>
    public static readonly AccessRule AdminUnknown = (role, _) =>
        role is null ? Expect.Unauthenticated : role == Roles.Admin ? Expect.Hidden : Expect.Forbidden;
    /// <summary>Record access: own records, the team's for managers, all for admins; 404 otherwise (never 403, never revealing).</summary>
    public static readonly AccessRule Sees = (role, relation) => role is null ? Expect.Unauthenticated
        : role == Roles.Admin || relation == Relation.Own || (relation == Relation.Team && IsManager(role)) ? Expect.Allowed : Expect.Hidden;
    /// <summary>
    /// Reading one customer (ADR 0070): record access, and any customer for the roles that look callers up (service) or
    /// read the archive (analyst); a marketer's are those with a marketing consent, which the matrix's customers lack.
    /// </summary>
    public static readonly AccessRule Reads = (role, relation) =>
        role is Roles.ServiceAgent or Roles.ServiceManager or Roles.Analyst ? Expect.Allowed : Sees(role, relation);
    /// <summary>
    /// Creating a record on a customer named in the body: a customer one may not see is a field error (400, "no customer
    /// you may see has this id", the same as for an id that does not exist), since the URL's resource is the collection.
    /// </summary>
    public static readonly AccessRule SeesReferenced = (role, relation) =>
        Sees(role, relation) is Expect.Hidden ? Expect.BadRequest : Sees(role, relation);
    /// <summary>Acting for an employee (hand-over): admins, and managers for their own team.</summary>
    public static readonly AccessRule ManagesEmployee = (role, relation) => role is null ? Expect.Unauthenticated
        : role == Roles.Admin || (IsManager(role) && relation != Relation.OtherTeam) ? Expect.Allowed : Expect.Forbidden;
    /// <summary>One's own tokens; an admin's are everyone's; anyone else's are 404.</summary>
    public static readonly AccessRule OwnOrAdmin = (role, relation) => role is null ? Expect.Unauthenticated
        : role == Roles.Admin || relation == Relation.Own ? Expect.Allowed : Expect.Hidden;
    /// <summary>A page: anonymous users are sent to sign in; <paramref name="roles"/> (default: everyone) see it.</summary>
    public static AccessRule Page(params string[] roles) => (role, _) =>
        role is null ? Expect.SignInRedirect : roles.Length == 0 || roles.Contains(role) ? Expect.Allowed : Expect.Forbidden;
    /// <summary>A form post to a page without an antiforgery token: refused (400) for those who may see the page.</summary>
    public static AccessRule PagePost(params string[] roles) => (role, _) =>
        role is null ? Expect.SignInRedirect : roles.Length == 0 || roles.Contains(role) ? Expect.BadRequest : Expect.Forbidden;
    public static readonly AccessRule NeedsAntiforgery = (_, _) => Expect.BadRequest;

    private static readonly string[] Managers = [Roles.Admin, Roles.SalesManager, Roles.ServiceManager];
    private static readonly string[] Importers = [Roles.Admin, Roles.SalesManager, Roles.Marketer];
    /// <summary>The roles that work opportunities (opportunities.work).</summary>
    private static readonly string[] Sellers = [Roles.Admin, Roles.SalesManager, Roles.SalesRep];

    /// <summary>These roles only, on an id nobody has: 404 for them, 403 first for everyone else.</summary>
    public static AccessRule OnlyUnknown(params string[] roles) => (role, _) =>
        role is null ? Expect.Unauthenticated : roles.Contains(role) ? Expect.Hidden : Expect.Forbidden;

    /// <summary>Importers only, on an import id nobody has: 404 for them, 403 first for everyone else.</summary>
    private static readonly string[] FormBuilders = [Roles.Admin, Roles.Marketer];

    /// <summary>Form builders only, on a form id nobody has: 404 for them, 403 first for everyone else.</summary>
    public static readonly AccessRule FormBuildersUnknown = (role, _) =>
        role is null ? Expect.Unauthenticated : FormBuilders.Contains(role) ? Expect.Hidden : Expect.Forbidden;
    /// <summary>A public web form's address with a key nobody has: 404 for anyone, signed in or not.</summary>
    public static readonly AccessRule UnknownForm = (_, _) => Expect.Hidden;

    public static readonly AccessRule ImportersUnknown = (role, _) =>
        role is null ? Expect.Unauthenticated : Importers.Contains(role) ? Expect.Hidden : Expect.Forbidden;

    private static readonly string[] LeadRuleManagers = [Roles.Admin, Roles.SalesManager];
    private static readonly string[] LeadReporters = [Roles.Admin, Roles.SalesManager, Roles.Marketer, Roles.Analyst];

    /// <summary>Lead rule managers only, on a rule id nobody has: 404 for them, 403 first for everyone else.</summary>
    public static readonly AccessRule LeadRuleManagersUnknown = (role, _) =>
        role is null ? Expect.Unauthenticated : LeadRuleManagers.Contains(role) ? Expect.Hidden : Expect.Forbidden;

    /// <summary>Working leads (leads.work), on a lead id nobody has: 404 for those who work leads, 403 first for everyone else.</summary>
    public static readonly AccessRule LeadWorkersUnknown = (role, _) =>
        role is null ? Expect.Unauthenticated : LeadWorkers.Contains(role) ? Expect.Hidden : Expect.Forbidden;

    /// <summary>Revealing a health value (the default grants): on a record one sees, the roles that may reveal it; 403 for the rest.</summary>
    public static readonly AccessRule RevealsHealth = (role, relation) =>
        Sees(role, relation) is not Expect.Allowed ? Sees(role, relation) : Managers.Contains(role) ? Expect.Allowed : Expect.Forbidden;

    /// <summary>The roles holding <c>leads.work</c>.</summary>
    public static readonly string[] LeadWorkers = [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.Marketer];
    /// <summary>A lead: <c>leads.work</c> first (403 without), then record access as for customers.</summary>
    public static readonly AccessRule WorksLead = (role, relation) =>
        role is null ? Expect.Unauthenticated : !LeadWorkers.Contains(role) ? Expect.Forbidden : Sees(role, relation);
    private static readonly string[] Forecasters = [Roles.Admin, Roles.SalesManager, Roles.SalesRep, Roles.Analyst];
    private static readonly string[] Assigners = [Roles.Admin, Roles.SalesManager];

    /// <summary>Assigners only (opportunities.assign), on an opportunity id nobody has: 404 for them, 403 first for everyone else.</summary>
    public static readonly AccessRule AssignersUnknown = (role, _) =>
        role is null ? Expect.Unauthenticated : Assigners.Contains(role) ? Expect.Hidden : Expect.Forbidden;

    // ---- bodies ----
    private static object Interaction(AccessCell c) => new { customerId = c.CustomerId, channel = "call", subject = "矩阵" };
    private static object Commitment(AccessCell c) => new { customerId = c.CustomerId, what = "寄样品", dueAt = DateTime.UtcNow.AddDays(3) };
    private static object Task(AccessCell c) => new { title = "回访", dueAt = DateTime.UtcNow.AddDays(2), customerId = c.CustomerId };
    // A name of its own per call: the same name twice is a likely duplicate (409 without ?duplicatesConfirmed=true).
    private static object Customer(AccessCell c) => new { kind = "person", name = Keqing.Tests.Fixtures.ApiHelpers.Unique("矩阵客户") };

    public static readonly IReadOnlyList<EndpointRow> Rows =
    [
        // Host
        new("* /health/live", Public),
        new("* /health/ready", Public),
        new("GET /culture/{name}", Public),
        new("GET /openapi/{documentName}.json", Public),
        new("GET /api-reference/{documentName?}", Public),
        new("GET /login", Public),
        new("POST /login", NeedsAntiforgery),
        new("POST /account/logout", NeedsAntiforgery),

        // Pages (record access inside a page is the API's: the handlers are the same)
        new("GET /", Page()), new("POST /", PagePost()),
        new("GET /customers", Page()), new("POST /customers", PagePost()),
        new("GET /customers/new", Page()), new("POST /customers/new", PagePost()),
        new("GET /customers/{Id:guid}", Page()), new("POST /customers/{Id:guid}", PagePost()),
        new("GET /customers/{Id:guid}/edit", Page()), new("POST /customers/{Id:guid}/edit", PagePost()),
        new("GET /customers/{Id:guid}/brief", Page()), new("POST /customers/{Id:guid}/brief", PagePost()),
        new("GET /customers/{Id:guid}/timeline", Page()), new("POST /customers/{Id:guid}/timeline", PagePost()),
        new("GET /me/account", Page()), new("POST /me/account", PagePost()),
        new("GET /me/day", Page()), new("POST /me/day", PagePost()),
        new("GET /me/notifications", Page()), new("POST /me/notifications", PagePost()),
        new("GET /notifications", Page()), new("POST /notifications", PagePost()),
        new("GET /admin/users", Page(Roles.Admin)), new("POST /admin/users", PagePost(Roles.Admin)),
        new("GET /admin/teams", Page(Roles.Admin)), new("POST /admin/teams", PagePost(Roles.Admin)),
        new("GET /admin/custom-fields", Page(Roles.Admin)), new("POST /admin/custom-fields", PagePost(Roles.Admin)),
        new("GET /admin/robots", Page(Roles.Admin)), new("POST /admin/robots", PagePost(Roles.Admin)),
        new("GET /admin/handover", Page(Managers)), new("POST /admin/handover", PagePost(Managers)),
        new("GET /admin/privacy", Page(Roles.Admin)), new("POST /admin/privacy", PagePost(Roles.Admin)),
        new("GET /admin/timeline-settings", Page(Roles.Admin)), new("POST /admin/timeline-settings", PagePost(Roles.Admin)),
        new("GET /no-access", Page()), new("POST /no-access", PagePost()),
        new("GET /not-found", Public), new("POST /not-found", NeedsAntiforgery),
        new("GET /customers/duplicates", Page()), new("POST /customers/duplicates", PagePost()),
        new("GET /customers/merge", Page()), new("POST /customers/merge", PagePost()),
        new("GET /imports", Page(Importers)), new("POST /imports", PagePost(Importers)),
        new("GET /leads", Page(LeadWorkers)), new("POST /leads", PagePost(LeadWorkers)),
        new("GET /leads/new", Page(LeadWorkers)), new("POST /leads/new", PagePost(LeadWorkers)),
        new("GET /leads/{Id:guid}", Page(LeadWorkers)), new("POST /leads/{Id:guid}", PagePost(LeadWorkers)),
        new("GET /leads/{Id:guid}/edit", Page(LeadWorkers)), new("POST /leads/{Id:guid}/edit", PagePost(LeadWorkers)),

        // Identity
        new("POST /api/auth/token", Public, Body: _ => new { email = Fixtures.KeqingApp.AdminEmail, password = Fixtures.KeqingApp.AdminPassword }),
        new("GET /api/auth/tokens", SignedIn),
        new("DELETE /api/auth/tokens/{id:guid}", OwnOrAdmin, On.Token, Destructive: true),
        new("GET /api/me", SignedIn),
        new("GET /api/users", Admin),
        new("GET /api/users/{id:guid}", Admin, On.User),
        new("POST /api/users", Admin, Body: _ => new { }),
        new("PUT /api/users/{id:guid}", Admin, On.User, Body: _ => new { email = "x@example.com", displayName = "x", roles = new[] { Roles.SalesRep } }),
        new("POST /api/users/{id:guid}/deactivate", Admin, On.Victim, Destructive: true),
        new("POST /api/users/{id:guid}/activate", Admin, On.Victim, Destructive: true),
        new("POST /api/users/{id:guid}/reset-password", Admin, On.Victim, Body: _ => new { newPassword = "Matrix-password-9" }, Destructive: true),
        new("GET /api/teams", SignedIn),
        new("GET /api/teams/{id:guid}", SignedIn, On.Team),
        new("POST /api/teams", Admin, Body: _ => new { }),
        new("PUT /api/teams/{id:guid}", Admin, On.Team, Body: _ => new { name = "改名" }),

        // Customers
        new("GET /api/customers", SignedIn),
        new("GET /api/customers/count", SignedIn),
        new("POST /api/customers", SignedIn, Body: Customer),
        new("GET /api/customers/{id:guid}", Reads, On.Customer),
        new("PUT /api/customers/{id:guid}", Sees, On.Customer, Body: Customer),
        new("DELETE /api/customers/{id:guid}", Sees, On.Customer, Destructive: true),
        new("POST /api/customers/{id:guid}/restore", Admin, On.Customer),
        new("GET /api/customers/{id:guid}/audit", Sees, On.Customer),
        new("GET /api/audit", Sees, On.Customer, Query: c => $"entity=Customer&id={c.CustomerId}"),
        new("GET /api/customers/{id:guid}/shares", Sees, On.Customer),
        new("POST /api/customers/{id:guid}/shares", Sees, On.Customer, Body: c => new { userId = c.OutsiderId }),
        new("DELETE /api/customers/{id:guid}/shares/{shareId:guid}", Sees, On.Share, Destructive: true),
        new("GET /api/customers/{id:guid}/contacts", Reads, On.Customer),
        new("POST /api/customers/{id:guid}/contacts", Sees, On.Customer, Body: _ => new { name = "王经理" }),
        new("GET /api/contacts/{id:guid}", Reads, On.Contact),
        new("PUT /api/contacts/{id:guid}", Sees, On.Contact, Body: _ => new { name = "王经理" }),
        new("DELETE /api/contacts/{id:guid}", Sees, On.Contact, Destructive: true),
        new("GET /api/custom-fields", SignedIn),
        new("POST /api/custom-fields", Admin, Body: _ => new { }),
        new("PUT /api/custom-fields/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { }),
        new("GET /api/customers/export", SignedIn, Query: _ => "format=csv"),
        new("GET /api/customers/{id:guid}/duplicates", Reads, On.Customer),
        new("POST /api/customers/duplicates/check", SignedIn, Body: _ => new { name = "矩阵客户", phones = new[] { "13900000000" } }),
        new("POST /api/customers/{id:guid}/merge", Sees, On.Customer, Body: _ => new { otherIds = new[] { Guid.NewGuid() } }),
        new("GET /api/duplicates", SignedIn),
        new("POST /api/duplicates/{id:guid}/dismiss", SignedInUnknown, On.UnknownId),
        new("POST /api/duplicates/scan", Admin, Destructive: true),
        new("GET /api/duplicates/scan", Admin),

        // Imports (each user sees their own imports, an admin all; an id nobody has is 404)
        new("GET /api/imports", Only(Importers)),
        new("GET /api/imports/fields", SignedIn),
        new("POST /api/imports", Only(Importers)),
        new("GET /api/imports/{id:guid}", ImportersUnknown, On.UnknownId),
        new("GET /api/imports/{id:guid}/preview", ImportersUnknown, On.UnknownId),
        new("GET /api/imports/{id:guid}/errors", ImportersUnknown, On.UnknownId),
        new("PUT /api/imports/{id:guid}/mapping", ImportersUnknown, On.UnknownId, Body: _ => new Dictionary<string, string?> { ["公司名称"] = "name" }),
        new("POST /api/imports/{id:guid}/start", ImportersUnknown, On.UnknownId),
        new("POST /api/imports/{id:guid}/cancel", ImportersUnknown, On.UnknownId),

        // Leads
        new("GET /api/leads", Only(LeadWorkers)),
        new("GET /api/leads/count", Only(LeadWorkers)),
        new("POST /api/leads", Only(LeadWorkers), Body: _ => new { name = "矩阵线索", phones = new[] { "13900000001" } }),
        new("GET /api/leads/{id:guid}", WorksLead, On.Lead),
        new("PUT /api/leads/{id:guid}", WorksLead, On.Lead, Body: _ => new { name = "矩阵线索" }),
        new("DELETE /api/leads/{id:guid}", WorksLead, On.Lead, Destructive: true),
        new("GET /api/leads/{id:guid}/activities", WorksLead, On.Lead),
        new("POST /api/leads/{id:guid}/activities", WorksLead, On.Lead, Body: _ => new { kind = "call", text = "矩阵" }),
        new("POST /api/leads/{id:guid}/qualify", WorksLead, On.Lead),
        new("POST /api/leads/{id:guid}/disqualify", WorksLead, On.Lead, Body: _ => new { reason = "无预算" }),
        new("GET /api/leads/{id:guid}/audit", WorksLead, On.Lead),
        new("GET /api/leads/{id:guid}/shares", WorksLead, On.Lead),
        new("POST /api/leads/{id:guid}/shares", WorksLead, On.Lead, Body: c => new { userId = c.OutsiderId }),
        new("DELETE /api/leads/{id:guid}/shares/{shareId:guid}", WorksLead, On.Lead, Destructive: true),
        new("GET /api/lead-disqualify-reasons", Only(LeadWorkers)),
        new("POST /api/lead-disqualify-reasons", Only(LeadRuleManagers), Body: _ => new { }),
        new("PUT /api/lead-disqualify-reasons/{id:guid}", LeadRuleManagersUnknown, On.UnknownId, Body: _ => new { text = "矩阵原因" }),
        new("DELETE /api/lead-disqualify-reasons/{id:guid}", LeadRuleManagersUnknown, On.UnknownId),

        // Privacy
        new("GET /api/privacy/grants", Admin),
        new("PUT /api/privacy/grants", Admin, Body: _ => Array.Empty<object>()),
        new("GET /api/privacy/my-grants", SignedIn),
        new("POST /api/privacy/reveal", RevealsHealth, On.Customer, Body: c => new { subjectType = "customer", id = c.CustomerId, category = "health", reason = "矩阵测试原因" }),
        new("GET /api/privacy/access-log", Admin),
        new("GET /api/privacy/boundary-overrides", Admin),
        new("GET /api/privacy/subjects/customers/{id:guid}/export", Admin, On.Customer),
        new("GET /api/privacy/subjects/contacts/{id:guid}/export", Admin, On.Contact),
        new("POST /api/privacy/subjects/customers/{id:guid}/erase", Admin, On.Customer, Body: _ => new { reason = "矩阵测试" }, Destructive: true),
        new("POST /api/privacy/subjects/contacts/{id:guid}/erase", Admin, On.Contact, Body: _ => new { reason = "矩阵测试" }, Destructive: true),
        new("GET /api/customers/{id:guid}/consents", Sees, On.Customer),
        new("POST /api/customers/{id:guid}/consents", Sees, On.Customer, Body: _ => new { purpose = "marketing", channel = "email", granted = true, source = "矩阵" }),
        new("GET /api/contacts/{id:guid}/consents", Sees, On.Contact),
        new("POST /api/contacts/{id:guid}/consents", Sees, On.Contact, Body: _ => new { purpose = "marketing", channel = "email", granted = true, source = "矩阵" }),
        new("POST /api/consents/{id:guid}/withdraw", SignedInUnknown, On.UnknownId),

        // Timeline
        new("GET /api/customers/{id:guid}/timeline", Sees, On.Customer),
        new("GET /api/customers/{id:guid}/brief", Sees, On.Customer),
        new("GET /api/interactions", SignedIn),
        new("POST /api/interactions", SeesReferenced, On.Customer, Body: Interaction),
        new("GET /api/interactions/{id:guid}", Sees, On.Interaction),
        new("PUT /api/interactions/{id:guid}", Sees, On.Interaction, Body: Interaction),
        new("DELETE /api/interactions/{id:guid}", Sees, On.Interaction, Destructive: true),
        new("GET /api/commitments", SignedIn),
        new("POST /api/commitments", SeesReferenced, On.Customer, Body: Commitment),
        new("POST /api/commitments/{id:guid}/complete", Sees, On.Commitment, Destructive: true),
        new("POST /api/commitments/{id:guid}/break", Sees, On.Commitment, Destructive: true),
        new("GET /api/tasks", SignedIn),
        new("POST /api/tasks", SeesReferenced, On.Customer, Body: Task),
        new("GET /api/tasks/{id:guid}", Sees, On.Task),
        new("PUT /api/tasks/{id:guid}", Sees, On.Task, Body: Task),
        new("POST /api/tasks/{id:guid}/complete", Sees, On.Task, Destructive: true),
        new("GET /api/me/day", SignedIn),
        new("GET /api/me/day/customers", SignedIn, Query: _ => "offset=0&limit=5"),
        new("GET /api/me/alerts", SignedIn),
        new("POST /api/me/alerts/{id:guid}/read", SignedInUnknown, On.UnknownId),
        new("POST /api/handovers", ManagesEmployee, On.User, Body: c => new { fromUserId = c.TargetId, toUserIds = new[] { c.OtherUserId } }, Destructive: true),
        new("GET /api/handovers/outstanding", ManagesEmployee, On.User, Query: c => $"userId={c.TargetId}"),
        new("GET /api/timeline/settings", SignedIn),
        new("GET /api/calendar", SignedIn),
        new("PUT /api/calendar", Admin, Body: _ => new { }),
        new("PUT /api/timeline/settings", Admin, Body: _ => new { }),
        new("GET /api/contacts/{id:guid}/preferences", Sees, On.Contact),
        new("PUT /api/contacts/{id:guid}/preferences", Sees, On.Contact, Body: _ => new { personalOccasionOptIn = true }),

        // Notifications
        new("GET /api/notifications", SignedIn),
        new("GET /api/notifications/unread-count", SignedIn),
        new("POST /api/notifications/{id:guid}/read", SignedInUnknown, On.UnknownId),
        new("POST /api/notifications/read-all", SignedIn),
        new("GET /api/me/notification-preferences", SignedIn),
        new("PUT /api/me/notification-preferences", SignedIn, Body: _ => new { }),
        new("POST /api/me/notification-preferences/test", SignedIn),
        new("GET /api/robots", Admin),
        new("GET /api/robots/{id:guid}", AdminUnknown, On.UnknownId),
        new("POST /api/robots", Admin, Body: _ => new { }),
        new("PUT /api/robots/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { }),
        new("DELETE /api/robots/{id:guid}", AdminUnknown, On.UnknownId),
        new("POST /api/robots/{id:guid}/test", AdminUnknown, On.UnknownId),
        new("GET /api/notification-deliveries", Admin),
        new("GET /api/notification-deliveries/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /api/company-registry", SignedIn, Query: _ => "name=明远"),

        // Leads: assignment rules, settings, the response report
        new("GET /admin/lead-rules", Page(LeadRuleManagers)), new("POST /admin/lead-rules", PagePost(LeadRuleManagers)),
        new("GET /reports/lead-response", Page(LeadReporters)), new("POST /reports/lead-response", PagePost(LeadReporters)),
        new("GET /api/lead-assignment-rules", Only(LeadRuleManagers)),
        new("GET /api/lead-assignment-rules/{id:guid}", LeadRuleManagersUnknown, On.UnknownId),
        new("POST /api/lead-assignment-rules", Only(LeadRuleManagers), Body: _ => new { }),
        new("PUT /api/lead-assignment-rules/{id:guid}", LeadRuleManagersUnknown, On.UnknownId, Body: _ => new { }),
        new("DELETE /api/lead-assignment-rules/{id:guid}", LeadRuleManagersUnknown, On.UnknownId),
        new("PUT /api/lead-assignment-rules/order", Only(LeadRuleManagers), Body: _ => new { ids = Array.Empty<Guid>() }),
        new("GET /api/lead-settings", SignedIn),
        new("PUT /api/lead-settings", Only(LeadRuleManagers), Body: _ => new { }),
        new("GET /api/reports/lead-response", Only(LeadReporters), Query: _ => "groupBy=team"),
        // Leads: scoring (DELETE checks If-Match before the id: 428 for those who may)
        new("GET /admin/lead-scoring", Page(LeadRuleManagers)), new("POST /admin/lead-scoring", PagePost(LeadRuleManagers)),
        new("GET /api/leads/{id:guid}/score", OnlyUnknown(LeadWorkers), On.UnknownId),
        new("GET /api/lead-scoring-rules", Only(LeadRuleManagers)),
        new("GET /api/lead-scoring-rules/{id:guid}", OnlyUnknown(LeadRuleManagers), On.UnknownId),
        new("POST /api/lead-scoring-rules", Only(LeadRuleManagers), Body: _ => new { name = "矩阵", kind = "behaviour", activity = "replied", points = 5 }),
        new("PUT /api/lead-scoring-rules/{id:guid}", OnlyUnknown(LeadRuleManagers), On.UnknownId, Body: _ => new { name = "矩阵", kind = "behaviour", activity = "replied", points = 5 }),
        new("DELETE /api/lead-scoring-rules/{id:guid}", Only(LeadRuleManagers), On.UnknownId),
        // Lead conversion (package D)
        new("GET /api/leads/{id:guid}/convert-suggestions", LeadWorkersUnknown, On.UnknownId),
        new("POST /api/leads/{id:guid}/convert", LeadWorkersUnknown, On.UnknownId,
            Body: c => new { customerId = c.CustomerId, contact = new { name = "矩阵" } }),
        new("GET /leads/{Id:guid}/convert", Page(LeadWorkers)), new("POST /leads/{Id:guid}/convert", PagePost(LeadWorkers)),
        // Web-to-lead forms
        new("GET /admin/lead-forms", Page(FormBuilders)), new("POST /admin/lead-forms", PagePost(FormBuilders)),
        new("GET /api/forms", Only(FormBuilders)),
        new("GET /api/forms/{id:guid}", FormBuildersUnknown, On.UnknownId),
        new("GET /api/forms/{id:guid}/snippet", FormBuildersUnknown, On.UnknownId),
        new("POST /api/forms", Only(FormBuilders), Body: _ => new { }),
        new("PUT /api/forms/{id:guid}", FormBuildersUnknown, On.UnknownId, Body: _ => new { }),
        new("DELETE /api/forms/{id:guid}", FormBuildersUnknown, On.UnknownId),
        new("POST /api/public/forms/{formKey}", UnknownForm, Body: _ => new { name = "矩阵" }),
        new("GET /f/{formKey}", UnknownForm),
        // Opportunities (record access on one opportunity: OpportunityAccessTests)
        new("GET /opportunities", Page(Sellers)), new("POST /opportunities", PagePost(Sellers)),
        new("GET /opportunities/{Id:guid}", Page(Sellers)), new("POST /opportunities/{Id:guid}", PagePost(Sellers)),
        new("GET /admin/pipelines", Page(Roles.Admin)), new("POST /admin/pipelines", PagePost(Roles.Admin)),
        new("GET /api/pipelines", Only(Sellers)),
        new("POST /api/pipelines", Admin, Body: _ => new { name = Fixtures.ApiHelpers.Unique("矩阵流程"), stages = new[] { new { name = "接触", probability = 10 } } }),
        new("PUT /api/pipelines/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { name = "x", stages = new[] { new { name = "接触", probability = 10 } } }),
        new("DELETE /api/pipelines/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /api/pipelines/{id:guid}/board", OnlyUnknown(Sellers), On.UnknownId),
        new("GET /api/opportunity-reasons", Only(Sellers), Query: _ => "kind=lost"),
        new("POST /api/opportunity-reasons", Admin, Body: _ => new { kind = "lost", text = Fixtures.ApiHelpers.Unique("矩阵原因") }),
        new("PUT /api/opportunity-reasons/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { kind = "lost", text = "x" }),
        new("DELETE /api/opportunity-reasons/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /api/opportunities", Only(Sellers)),
        new("GET /api/opportunities/count", Only(Sellers)),
        new("POST /api/opportunities", (role, relation) => role is not null && Sellers.Contains(role) ? SeesReferenced(role, relation) : Only(Sellers)(role, relation), On.Customer,
            Body: c => new { customerId = c.CustomerId, name = "矩阵商机", amount = new { amount = 1000m, currency = "CNY" }, expectedCloseDate = "2026-12-31" }),
        new("GET /api/opportunities/{id:guid}", OnlyUnknown(Sellers), On.UnknownId),
        new("PUT /api/opportunities/{id:guid}", OnlyUnknown(Sellers), On.UnknownId, Body: _ => new { name = "x", amount = new { amount = 1m, currency = "CNY" }, expectedCloseDate = "2026-12-31" }),
        new("DELETE /api/opportunities/{id:guid}", OnlyUnknown(Sellers), On.UnknownId),
        new("POST /api/opportunities/{id:guid}/move", OnlyUnknown(Sellers), On.UnknownId, Body: _ => new { stageId = Guid.NewGuid() }),
        new("POST /api/opportunities/{id:guid}/win", OnlyUnknown(Sellers), On.UnknownId, Body: _ => new { reason = "价格" }),
        new("POST /api/opportunities/{id:guid}/lose", OnlyUnknown(Sellers), On.UnknownId, Body: _ => new { reason = "价格", competitor = "迈瑞" }),
        // Opportunities: forecast and who should take the deal (package F)
        new("GET /forecast", Page(Forecasters)), new("POST /forecast", PagePost(Forecasters)),
        new("GET /api/forecast", Only(Forecasters), Query: _ => "period=2026Q4"),
        new("GET /api/forecast/opportunities", Only(Forecasters), Query: c => $"period=2026-12&measure=weighted&userId={c.OwnerId}"),
        new("GET /api/opportunities/{id:guid}/recommended-reps", AssignersUnknown, On.UnknownId),
        new("POST /api/opportunities/{id:guid}/assign", AssignersUnknown, On.UnknownId, Body: c => new { userId = c.OtherUserId }),
        // ---- Products, categories, price groups, price lists, price resolution (package A) ----
        new("GET /api/products", SignedIn),
        new("GET /api/products/{id:guid}", SignedInUnknown, On.UnknownId),
        new("POST /api/products", Admin, Body: _ => new { sku = Fixtures.ApiHelpers.Unique("矩阵"), name = "矩阵产品", unit = "台", listPrice = new { amount = 1m, currency = "CNY" }, cost = new { amount = 1m, currency = "CNY" }, vatRatePercent = 13 }),
        new("PUT /api/products/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { sku = "X", name = "x", unit = "台", listPrice = new { amount = 1m, currency = "CNY" }, cost = new { amount = 1m, currency = "CNY" }, vatRatePercent = 13 }),
        new("DELETE /api/products/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /api/product-categories", SignedIn),
        new("POST /api/product-categories", Admin, Body: _ => new { name = Fixtures.ApiHelpers.Unique("矩阵类目") }),
        new("PUT /api/product-categories/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { name = "x" }),
        new("DELETE /api/product-categories/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /api/price-groups", SignedIn),
        new("POST /api/price-groups", Admin, Body: _ => new { name = Fixtures.ApiHelpers.Unique("矩阵价格组") }),
        new("PUT /api/price-groups/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { name = "x" }),
        new("DELETE /api/price-groups/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /api/price-groups/{id:guid}/members", AdminUnknown, On.UnknownId),
        new("PUT /api/price-groups/{id:guid}/members", AdminUnknown, On.UnknownId, Body: c => new { customerIds = new[] { c.CustomerId } }),
        new("GET /api/price-lists", Admin),
        new("GET /api/price-lists/{id:guid}", AdminUnknown, On.UnknownId),
        new("POST /api/price-lists", Admin, Body: _ => new { name = "矩阵价格表", scope = "standard", currency = "CNY", items = Array.Empty<object>() }),
        new("PUT /api/price-lists/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { name = "x", scope = "standard", currency = "CNY", items = Array.Empty<object>() }),
        new("DELETE /api/price-lists/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /api/prices/resolve", SignedIn, On.Customer, Query: c => $"customerId={c.CustomerId}&productId={Guid.NewGuid()}&date=2026-06-01&quantity=1"),
        new("GET /products", Page()), new("POST /products", PagePost()),
        new("GET /products/{Id:guid}", Page()), new("POST /products/{Id:guid}", PagePost()),
        new("GET /products/new", Page(Roles.Admin)), new("POST /products/new", PagePost(Roles.Admin)),
        new("GET /admin/product-categories", Page(Roles.Admin)), new("POST /admin/product-categories", PagePost(Roles.Admin)),
        new("GET /admin/price-lists", Page(Roles.Admin)), new("POST /admin/price-lists", PagePost(Roles.Admin)),
        // (rows of package A above this line)
        //
        // ---- Approvals: flows and acting on requests (package B) ----
        // (one request in full and acting on it: ApprovalApiTests; an id nobody has is 404 for every signed-in user)
        new("GET /api/approval-flows", Admin),
        new("GET /api/approval-flows/record-types", Admin),
        new("GET /api/approval-flows/{id:guid}", AdminUnknown, On.UnknownId),
        new("POST /api/approval-flows", Admin, Body: _ => ApprovalsAccessRules.FlowBody),
        new("PUT /api/approval-flows/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => ApprovalsAccessRules.FlowBody),
        new("DELETE /api/approval-flows/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /api/approvals", SignedIn, Query: _ => "view=waiting"),
        new("GET /api/approvals/count", SignedIn),
        new("GET /api/approvals/{id:guid}", SignedInUnknown, On.UnknownId),
        new("POST /api/approvals/{id:guid}/approve", SignedInUnknown, On.UnknownId, Body: _ => new { reason = "同意" }),
        new("POST /api/approvals/{id:guid}/reject", SignedInUnknown, On.UnknownId, Body: _ => new { reason = "折扣过大" }),
        new("POST /api/approvals/{id:guid}/send-back", SignedInUnknown, On.UnknownId, Body: _ => new { reason = "请补充" }),
        new("POST /api/approvals/{id:guid}/add-signer", SignedInUnknown, On.UnknownId, Body: c => new { userId = c.OtherUserId }),
        new("POST /api/approvals/{id:guid}/delegate", SignedInUnknown, On.UnknownId, Body: c => new { userId = c.OtherUserId, reason = "出差" }),
        new("POST /api/approvals/{id:guid}/withdraw", SignedInUnknown, On.UnknownId),
        new("GET /api/approval-delegations", SignedIn),
        new("POST /api/approval-delegations", SignedIn, Body: c => ApprovalsAccessRules.DelegationBody(c)),
        new("DELETE /api/approval-delegations/{id:guid}", SignedInUnknown, On.UnknownId),
        new("GET /approvals", Page()), new("POST /approvals", PagePost()),
        new("GET /approvals/{Id:guid}", Page()), new("POST /approvals/{Id:guid}", PagePost()),
        new("GET /admin/approval-flows", Page(Roles.Admin)), new("POST /admin/approval-flows", PagePost(Roles.Admin)),
        // (rows of package B above this line)
        //
        // ---- Quotes (package C) ----
        new("GET /api/quotes", Only(QuotesAccessRules.QuoteWorkers)),
        new("GET /api/quotes/open", QuotesAccessRules.WorksOnCustomer, On.Customer, Query: c => $"customerId={c.CustomerId}"),
        new("POST /api/quotes", QuotesAccessRules.CreatesForCustomer, On.Customer, Body: c => new { customerId = c.CustomerId, title = "矩阵报价" }),
        new("GET /api/quotes/{id:guid}", QuotesAccessRules.WorkersUnknown, On.UnknownId),
        new("PUT /api/quotes/{id:guid}", QuotesAccessRules.WorkersUnknown, On.UnknownId, Body: _ => new { title = "x", lines = Array.Empty<object>() }),
        new("DELETE /api/quotes/{id:guid}", QuotesAccessRules.WorkersUnknown, On.UnknownId),
        new("POST /api/quotes/{id:guid}/revise", QuotesAccessRules.WorkersUnknown, On.UnknownId),
        new("POST /api/quotes/{id:guid}/submit", QuotesAccessRules.WorkersUnknown, On.UnknownId),
        new("POST /api/quotes/{id:guid}/withdraw", QuotesAccessRules.WorkersUnknown, On.UnknownId),
        new("POST /api/quotes/{id:guid}/send", QuotesAccessRules.WorkersUnknown, On.UnknownId),
        new("POST /api/quotes/{id:guid}/accept", QuotesAccessRules.WorkersUnknown, On.UnknownId),
        new("POST /api/quotes/{id:guid}/reject", QuotesAccessRules.WorkersUnknown, On.UnknownId, Body: _ => new { reason = "价格" }),
        new("GET /quotes", Page(QuotesAccessRules.QuoteWorkers)), new("POST /quotes", PagePost(QuotesAccessRules.QuoteWorkers)),
        new("GET /quotes/new", Page(QuotesAccessRules.QuoteWorkers)), new("POST /quotes/new", PagePost(QuotesAccessRules.QuoteWorkers)),
        new("GET /quotes/{Id:guid}", Page(QuotesAccessRules.QuoteWorkers)), new("POST /quotes/{Id:guid}", PagePost(QuotesAccessRules.QuoteWorkers)),
        // (rows of package C above this line)
        //
        // ---- Quotes: printed quote, PDF and letterhead (package D) ----
        new("GET /quotes/{Id:guid}/print", Page(Sellers)), new("POST /quotes/{Id:guid}/print", PagePost(Sellers)),
        new("GET /admin/quote-settings", Page(Roles.Admin)), new("POST /admin/quote-settings", PagePost(Roles.Admin)),
        new("GET /api/quotes/{id:guid}/pdf", OnlyUnknown(Sellers), On.UnknownId),
        new("GET /api/quote-settings/letterhead", Only(Sellers)),
        new("PUT /api/quote-settings/letterhead", Admin, Body: _ => new { companyNameZh = "矩阵医疗器械有限公司" }),
        // (rows of package D above this line)
        //
        // ---- Orders (package E) ----
        new("GET /orders", Page(Sellers)), new("POST /orders", PagePost(Sellers)),
        new("GET /orders/new", Page(Sellers)), new("POST /orders/new", PagePost(Sellers)),
        new("GET /orders/{Id:guid}", Page(Sellers)), new("POST /orders/{Id:guid}", PagePost(Sellers)),
        new("GET /api/orders", Only(Sellers)),
        new("POST /api/orders", (role, relation) => role is not null && Sellers.Contains(role) ? SeesReferenced(role, relation) : Only(Sellers)(role, relation), On.Customer,
            Body: c => new { customerId = c.CustomerId, lines = new[] { new { productId = Guid.NewGuid(), quantity = 1 } } }),
        new("POST /api/orders/from-quote/{id:guid}", OnlyUnknown(Sellers), On.UnknownId),
        new("GET /api/orders/{id:guid}", OnlyUnknown(Sellers), On.UnknownId),
        new("PUT /api/orders/{id:guid}", OnlyUnknown(Sellers), On.UnknownId, Body: _ => new { notes = "矩阵" }),
        new("DELETE /api/orders/{id:guid}", OnlyUnknown(Sellers), On.UnknownId),
        new("POST /api/orders/{id:guid}/ship", OnlyUnknown(Sellers), On.UnknownId),
        new("POST /api/orders/{id:guid}/deliver", OnlyUnknown(Sellers), On.UnknownId),
        new("POST /api/orders/{id:guid}/cancel", OnlyUnknown(Sellers), On.UnknownId),
        // (rows of package E above this line)
        //
        // ---- Sales database (进销存): intake and import (package F) ----
        new("GET /sell-through", Page(SellThroughAccessRules.Reporters)), new("POST /sell-through", PagePost(SellThroughAccessRules.Reporters)),
        new("GET /sell-through/report", Page(SellThroughAccessRules.Reporters)), new("POST /sell-through/report", PagePost(SellThroughAccessRules.Reporters)),
        new("GET /api/sell-through", Only(SellThroughAccessRules.Reporters), On.Customer, Query: c => $"customerId={c.CustomerId}&from=2026-01&to=2026-12"),
        new("POST /api/sell-through", Only(SellThroughAccessRules.Reporters), On.Customer,
            Body: c => new { rows = new[] { new { distributorId = c.CustomerId, productId = Guid.NewGuid(), month = "2026-10", opening = 1, purchases = 1, sales = 1, closing = 1 } } }),
        // (rows of package F above this line)
        //
        // ---- Sales database (进销存): trend, heat map, alerts (package G) ----
        new("GET /api/sell-through/trend", SellThroughAnalyticsAccessRules.Trend, On.Customer, Query: c => $"customerId={c.CustomerId}&productId={Guid.Empty}"),
        new("GET /api/sell-through/heatmap", Only(SellThroughAnalyticsAccessRules.Analysers), Query: _ => "month=2026-10"),
        new("GET /api/sell-through/alerts", Only(SellThroughAnalyticsAccessRules.Reporters)),
        new("GET /api/sell-through/settings", Only(SellThroughAnalyticsAccessRules.Reporters)),
        new("PUT /api/sell-through/settings", Admin, Body: _ => new { }),
        new("GET /sell-through/trend", Page(SellThroughAnalyticsAccessRules.Reporters)), new("POST /sell-through/trend", PagePost(SellThroughAnalyticsAccessRules.Reporters)),
        new("GET /sell-through/heatmap", Page(SellThroughAnalyticsAccessRules.Analysers)), new("POST /sell-through/heatmap", PagePost(SellThroughAnalyticsAccessRules.Analysers)),
        new("GET /sell-through/alerts", Page(SellThroughAnalyticsAccessRules.Reporters)), new("POST /sell-through/alerts", PagePost(SellThroughAnalyticsAccessRules.Reporters)),
        new("GET /admin/sell-through-settings", Page(Roles.Admin)), new("POST /admin/sell-through-settings", PagePost(Roles.Admin)),
        // (rows of package G above this line)

        // ---- session 11 (package K) ----
        new("GET /api/quote-settings/discount-limits", Admin),
        new("PUT /api/quote-settings/discount-limits", Admin, Body: _ => new { roles = new[] { new { role = Roles.SalesRep, maxPercent = 5m } } }),
        new("GET /api/quote-settings/discount-limits/me", Only(QuotesAccessRules.QuoteWorkers)),
        new("GET /api/quotes/{id:guid}/approval", QuotesAccessRules.WorkersUnknown, On.UnknownId),
        // (rows of package K above this line)

        // ---- session 11 (package L) ----
        // (rows of package L above this line)

        // ---- session 11 (package M) ----
        new("POST /api/sell-through/alerts/scan", Only(Roles.Admin, Roles.SalesManager)),
        // (rows of package M above this line)

        // ---- session 11 (package P) ----
        // (rows of package P above this line)

        // ---- session 11 (package Q) ----
        // (rows of package Q above this line)
        //

        // ---- session 12 (package A) ----
        new("GET /cases", Page(ServiceAccessRules.Workers)), new("POST /cases", PagePost(ServiceAccessRules.Workers)),
        new("GET /cases/call", Page(ServiceAccessRules.Workers)), new("POST /cases/call", PagePost(ServiceAccessRules.Workers)),
        new("GET /cases/{Id:guid}", Page()), new("POST /cases/{Id:guid}", PagePost()), // read collaborators open a shared case (issue 16)
        new("GET /api/cases", Only(ServiceAccessRules.Workers)),
        new("POST /api/cases", Only(ServiceAccessRules.Workers), On.Customer, Body: c => new { customerId = c.CustomerId, subject = "矩阵工单", type = "complaint" }),
        new("GET /api/cases/{id:guid}", SignedInUnknown, On.UnknownId), // record access only: a read share opens it
        new("PUT /api/cases/{id:guid}", ServiceAccessRules.WorkersUnknown, On.UnknownId, Body: _ => new { subject = "矩阵" }),
        new("POST /api/cases/{id:guid}/reply", ServiceAccessRules.WorkersUnknown, On.UnknownId, Body: _ => new { body = "您好" }),
        new("POST /api/cases/{id:guid}/note", ServiceAccessRules.WorkersUnknown, On.UnknownId, Body: _ => new { body = "备注" }),
        new("POST /api/cases/{id:guid}/assign", ServiceAccessRules.WorkersUnknown, On.UnknownId, Body: c => new { ownerId = c.CallerId }),
        new("POST /api/cases/{id:guid}/resolve", ServiceAccessRules.WorkersUnknown, On.UnknownId),
        new("POST /api/cases/{id:guid}/close", ServiceAccessRules.WorkersUnknown, On.UnknownId),
        new("POST /api/cases/{id:guid}/reopen", ServiceAccessRules.WorkersUnknown, On.UnknownId),
        new("POST /api/cases/{id:guid}/merge", ServiceAccessRules.WorkersUnknown, On.UnknownId, Body: _ => new { intoId = Guid.NewGuid() }),
        new("POST /api/cases/{id:guid}/link", ServiceAccessRules.WorkersUnknown, On.UnknownId, Body: _ => new { otherId = Guid.NewGuid() }),
        new("POST /api/cases/{id:guid}/attachments", ServiceAccessRules.WorkersUnknown, On.UnknownId),
        new("GET /api/case-attachments/{id:guid}", SignedInUnknown, On.UnknownId),
        new("GET /api/case-categories", Only(ServiceAccessRules.Workers)),
        new("POST /api/case-categories", Admin, Body: _ => new { name = Keqing.Tests.Fixtures.ApiHelpers.Unique("矩阵分类") }),
        new("PUT /api/case-categories/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { name = "矩阵" }),
        new("DELETE /api/case-categories/{id:guid}", AdminUnknown, On.UnknownId),
        // (rows of package A above this line)

        // ---- session 12 (package B) ----
        // (the mailbox itself, its webhook and its messages in full: Mailbox/MailboxApiTests, MailboxWebhookTests, MailboxImapTests)
        new("GET /api/mailboxes", Admin),
        new("GET /api/mailboxes/{id:guid}", AdminUnknown, On.UnknownId),
        new("POST /api/mailboxes", Admin, Body: _ => new { name = "矩阵邮箱", address = "matrix-inbox@keqing.example" }),
        new("PUT /api/mailboxes/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { name = "矩阵邮箱", address = "matrix-inbox@keqing.example" }),
        new("DELETE /api/mailboxes/{id:guid}", AdminUnknown, On.UnknownId),
        new("POST /api/mailboxes/{id:guid}/test", AdminUnknown, On.UnknownId),
        new("POST /api/mailboxes/{id:guid}/poll", AdminUnknown, On.UnknownId),
        new("POST /api/mailboxes/{id:guid}/webhook-secret", AdminUnknown, On.UnknownId),
        new("GET /api/mailboxes/{id:guid}/messages", AdminUnknown, On.UnknownId),
        // A mail service's post to a mailbox key nobody has: 404 for anyone, signed in or not.
        new("POST /api/public/mail/{mailboxKey}", UnknownForm),
        new("GET /admin/mailboxes", Page(Roles.Admin)), new("POST /admin/mailboxes", PagePost(Roles.Admin)),
        // (rows of package B above this line)

        // ---- session 12 (package C) ----
        new("GET /api/calendars", SignedIn),
        new("GET /api/calendars/{id:guid}", SignedInUnknown, On.UnknownId),
        new("POST /api/calendars", Admin, Body: _ => SlaAccessRules.CalendarBody()),
        new("PUT /api/calendars/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => SlaAccessRules.CalendarBody()),
        new("DELETE /api/calendars/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /admin/calendars", Page(Roles.Admin)), new("POST /admin/calendars", PagePost(Roles.Admin)),
        new("GET /api/sla-policies", Admin),
        new("GET /api/sla-policies/{id:guid}", AdminUnknown, On.UnknownId),
        new("POST /api/sla-policies", Admin, Body: _ => SlaAccessRules.PolicyBody),
        new("PUT /api/sla-policies/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => SlaAccessRules.PolicyBody),
        new("DELETE /api/sla-policies/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /admin/sla-policies", Page(Roles.Admin)), new("POST /admin/sla-policies", PagePost(Roles.Admin)),
        // (rows of package C above this line)

        // ---- session 12 (package D) ----
        new("GET /api/kb/articles", SignedIn, Query: _ => "q=发票"),
        new("POST /api/kb/articles", Only(KbAccessRules.Writers), Body: _ => new { title = "矩阵文章", body = "**正文**", tags = new[] { "矩阵" } }),
        new("GET /api/kb/articles/{id:guid}", SignedInUnknown, On.UnknownId),
        new("PUT /api/kb/articles/{id:guid}", OnlyUnknown(KbAccessRules.Writers), On.UnknownId, Body: _ => new { title = "矩阵文章" }),
        new("DELETE /api/kb/articles/{id:guid}", OnlyUnknown(KbAccessRules.Publishers), On.UnknownId),
        new("POST /api/kb/articles/{id:guid}/publish", OnlyUnknown(KbAccessRules.Publishers), On.UnknownId),
        new("POST /api/kb/articles/{id:guid}/archive", OnlyUnknown(KbAccessRules.Publishers), On.UnknownId),
        new("GET /api/kb/articles/{id:guid}/versions", SignedInUnknown, On.UnknownId),
        new("GET /api/kb/articles/{id:guid}/versions/{number:int}", SignedInUnknown, On.UnknownId),
        new("POST /api/kb/articles/{id:guid}/helpful", SignedInUnknown, On.UnknownId, Body: _ => new { helpful = true }),
        new("GET /api/kb/suggestions", SignedIn, Query: _ => "text=发票抬头写错了"),
        new("GET /api/kb/categories", SignedIn),
        new("POST /api/kb/categories", Admin, Body: _ => new { name = Fixtures.ApiHelpers.Unique("矩阵类目") }),
        new("PUT /api/kb/categories/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { name = "x" }),
        new("DELETE /api/kb/categories/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /kb", Page()), new("POST /kb", PagePost()),
        new("GET /kb/{Id:guid}", Page()), new("POST /kb/{Id:guid}", PagePost()),
        new("GET /kb/new", Page(KbAccessRules.Writers)), new("POST /kb/new", PagePost(KbAccessRules.Writers)),
        new("GET /kb/{Id:guid}/edit", Page(KbAccessRules.Writers)), new("POST /kb/{Id:guid}/edit", PagePost(KbAccessRules.Writers)),
        new("GET /admin/kb-categories", Page(Roles.Admin)), new("POST /admin/kb-categories", PagePost(Roles.Admin)),
        // (rows of package D above this line)

        // ---- session 12 (package G) ----
        new("GET /api/pools", SignedIn),
        new("POST /api/pools", Admin, Body: _ => PoolsAccessRules.Pool()),
        new("GET /api/pools/{id:guid}", SignedInUnknown, On.UnknownId),
        new("PUT /api/pools/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => PoolsAccessRules.Pool()),
        new("DELETE /api/pools/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /api/pools/{id:guid}/customers", SignedInUnknown, On.UnknownId),
        new("POST /api/pools/{id:guid}/claim", SignedInUnknown, On.UnknownId, Body: c => new { customerIds = new[] { c.CustomerId } }),
        new("POST /api/pools/{id:guid}/assign", SignedInUnknown, On.UnknownId, Body: c => new { customerIds = new[] { c.CustomerId }, userId = c.CallerId }),
        new("POST /api/customers/{id:guid}/release", PoolsAccessRules.Releases, On.Customer, Body: _ => new { poolId = Guid.NewGuid(), reason = "客户已转向竞品" }),
        new("GET /api/customers/{id:guid}/pool-state", Sees, On.Customer),
        new("POST /api/customers/{id:guid}/lock", PoolsAccessRules.Locks, On.Customer),
        new("POST /api/customers/{id:guid}/unlock", PoolsAccessRules.Locks, On.Customer),
        // (rows of package G above this line)

        // ---- session 12 (package H) ----
        new("GET /api/me/todo", SignedIn),
        new("GET /api/me/todo/counts", SignedIn),
        new("GET /todo", Page()), new("POST /todo", PagePost()),
        // (rows of package H above this line)

        // ---- session 12 (package I) ----
        new("GET /field/nearby", Page(FieldWorkAccessRules.Visitors)), new("POST /field/nearby", PagePost(FieldWorkAccessRules.Visitors)),
        new("GET /field/team-day", Page(FieldWorkAccessRules.TeamDayViewers)), new("POST /field/team-day", PagePost(FieldWorkAccessRules.TeamDayViewers)),
        new("GET /admin/field", Page(Roles.Admin)), new("POST /admin/field", PagePost(Roles.Admin)),
        new("POST /api/visits/check-in", FieldWorkAccessRules.SeesReferencedCustomer, On.Customer, Body: c => new { customerId = c.CustomerId, consent = false }),
        new("POST /api/visits/check-out", OnlyUnknown(FieldWorkAccessRules.Visitors), Body: _ => new { visitId = Guid.NewGuid() }),
        new("GET /api/visits", Only(FieldWorkAccessRules.Visitors), Query: _ => "date=2026-11-24"),
        new("GET /api/visits/open", Only(FieldWorkAccessRules.Visitors)),
        new("GET /api/visits/{id:guid}", OnlyUnknown(FieldWorkAccessRules.Visitors), On.UnknownId),
        new("PUT /api/visits/{id:guid}/notes", OnlyUnknown(FieldWorkAccessRules.Visitors), On.UnknownId, Body: _ => new { notes = "矩阵" }),
        new("POST /api/visits/{id:guid}/photos", OnlyUnknown(FieldWorkAccessRules.Visitors), On.UnknownId),
        new("GET /api/visit-photos/{id:guid}", OnlyUnknown(FieldWorkAccessRules.Visitors), On.UnknownId),
        new("GET /api/customers/nearby", Only(FieldWorkAccessRules.Visitors), Query: _ => "lat=31.2304&lng=121.4737&radiusKm=5"),
        new("GET /api/customers/{id:guid}/location", FieldWorkAccessRules.SeesCustomer, On.Customer),
        new("PUT /api/customers/{id:guid}/location", FieldWorkAccessRules.SeesCustomer, On.Customer, Body: _ => new { latitude = 31.2304, longitude = 121.4737 }),
        new("GET /api/field/settings", Only(FieldWorkAccessRules.Visitors)),
        new("PUT /api/field/settings", Admin, Body: _ => new { tileUrl = (string?)null }),
        // No tile address is configured in the matrix's database: 404 for those who may see the map.
        new("GET /api/field/tiles", OnlyUnknown(FieldWorkAccessRules.TeamDayViewers), Query: _ => "z=1&x=0&y=0"),
        // (rows of package I above this line)

        // ---- session 13 (package A) ----
        // (rows of package A above this line)

        // ---- session 13 (package B) ----
        // (a case's clock and suggestions in full: Service/CaseSlaTests)
        new("GET /api/cases/{id:guid}/sla", ServiceAccessRules.WorkersUnknown, On.UnknownId),
        new("GET /api/cases/{id:guid}/suggestions", ServiceAccessRules.WorkersUnknown, On.UnknownId),
        // (rows of package B above this line)

        // ---- session 13 (package C) ----
        new("GET /cases/queue", Page(ServiceAccessRules.Workers)), new("POST /cases/queue", PagePost(ServiceAccessRules.Workers)),
        new("GET /admin/skills", Page(Roles.Admin)), new("POST /admin/skills", PagePost(Roles.Admin)),
        new("GET /admin/case-categories", Page(Roles.Admin)), new("POST /admin/case-categories", PagePost(Roles.Admin)),
        new("GET /api/skills", Admin),
        new("POST /api/skills", Admin, Body: _ => new { kind = "language", value = Fixtures.ApiHelpers.Unique("方言") }),
        new("DELETE /api/skills/{id:guid}", AdminUnknown, On.UnknownId),
        new("GET /api/skills/agents", Admin),
        new("PUT /api/skills/agents/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { capacity = 5 }),
        new("GET /api/skills/me", Only(ServiceAccessRules.Workers)),
        new("PUT /api/skills/me/availability", Only(ServiceAccessRules.Workers), Body: _ => new { available = true }),
        new("GET /api/skills/teams", Admin),
        new("PUT /api/skills/teams/{id:guid}", Admin, On.Team, Body: _ => new { autoAssign = false }),
        new("GET /api/queues/{id:guid}", ServiceAccessRules.WorkersUnknown, On.UnknownId),
        new("POST /api/queues/{id:guid}/take", ServiceAccessRules.WorkersUnknown, On.UnknownId, Body: _ => new { }),
        // (rows of package C above this line)

        // ---- session 13 (package D) ----
        new("GET /api/cases/{id:guid}/loop", ServiceAccessRules.WorkersUnknown, On.UnknownId),
        new("POST /api/cases/{id:guid}/review", ServiceAccessRules.WorkersUnknown, On.UnknownId, Body: _ => new { note = "矩阵复盘" }),
        new("GET /api/reports/service", Only(ServiceAccessRules.Workers), Query: _ => "groupBy=team"),
        new("POST /api/public/surveys/{token}", UnknownForm, Body: _ => new { csat = 3, nps = 8 }),
        new("GET /survey/{token}", UnknownForm),
        new("GET /reports/service", Page(ServiceAccessRules.Workers)), new("POST /reports/service", PagePost(ServiceAccessRules.Workers)),
        // (rows of package D above this line)

        // ---- session 13 (package E) ----
        new("POST /api/portal/login", Public, Body: _ => new { email = $"matrix-{Guid.NewGuid():N}@example.com" }),
        new("POST /api/portal/sign-in", PortalAccessRules.ForgedLink, Body: _ => new { token = "forged-token" }),
        new("POST /api/portal/logout", PortalAccessRules.ContactsOnly),
        new("GET /api/portal/me", PortalAccessRules.ContactsOnly),
        new("GET /api/portal/cases", PortalAccessRules.ContactsOnly),
        new("POST /api/portal/cases", PortalAccessRules.ContactsOnly),
        new("GET /api/portal/cases/{id:guid}", PortalAccessRules.ContactsOnly, On.UnknownId),
        new("POST /api/portal/cases/{id:guid}/reply", PortalAccessRules.ContactsOnly, On.UnknownId),
        new("GET /api/portal/files/{id:guid}", PortalAccessRules.ContactsOnly, On.UnknownId),
        new("GET /api/portal/articles", PortalAccessRules.ContactsOnly),
        new("GET /api/portal/articles/{id:guid}", PortalAccessRules.ContactsOnly, On.UnknownId),
        new("GET /api/portal/preferences", PortalAccessRules.ContactsOnly),
        new("PUT /api/portal/preferences", PortalAccessRules.ContactsOnly, Body: _ => new { preferences = new[] { new { purpose = "marketing", channel = "email", granted = false } } }),
        new("GET /api/portal-settings", Admin),
        new("PUT /api/portal-settings", Admin, Body: _ => new { caseVisibility = "organisation" }),
        new("GET /portal/login", Public), new("POST /portal/login", NeedsAntiforgery),
        new("GET /portal/sign-in", Public), new("POST /portal/sign-in", NeedsAntiforgery),
        new("GET /portal", PortalAccessRules.ContactPages),
        new("GET /portal/cases/new", PortalAccessRules.ContactPages), new("POST /portal/cases/new", PortalAccessRules.ContactPages),
        new("GET /portal/cases/{id:guid}", PortalAccessRules.ContactPages, On.UnknownId),
        new("POST /portal/cases/{id:guid}/reply", PortalAccessRules.ContactPages, On.UnknownId),
        new("GET /portal/kb", PortalAccessRules.ContactPages),
        new("GET /portal/kb/{id:guid}", PortalAccessRules.ContactPages, On.UnknownId),
        new("GET /portal/preferences", PortalAccessRules.ContactPages), new("POST /portal/preferences", PortalAccessRules.ContactPages),
        new("POST /portal/logout", PortalAccessRules.ContactPages),
        // (rows of package E above this line)

        // ---- session 13 (package F) ----
        new("GET /pools", Page()), new("POST /pools", PagePost()),
        new("GET /api/customer-limits", Admin),
        new("GET /api/customer-limits/me", SignedIn),
        new("GET /api/customer-limits/{id:guid}", AdminUnknown, On.UnknownId),
        new("POST /api/customer-limits", Admin, Body: _ => new { teamId = Guid.NewGuid(), maxOwned = 50 }),
        new("PUT /api/customer-limits/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => new { maxOwned = 50 }),
        new("DELETE /api/customer-limits/{id:guid}", AdminUnknown, On.UnknownId),
        // (rows of package F above this line)

        // ---- session 13 (package G) ----
        new("GET /api/customers/{id:guid}/collaborators", Sees, On.Customer),
        new("POST /api/customers/{id:guid}/collaborators", Sees, On.Customer, Body: c => new { userId = c.OutsiderId, access = "read" }),
        new("DELETE /api/customers/{id:guid}/collaborators/{shareId:guid}", Sees, On.Share, Destructive: true),
        new("GET /api/leads/{id:guid}/collaborators", WorksLead, On.Lead),
        new("POST /api/leads/{id:guid}/collaborators", WorksLead, On.Lead, Body: c => new { userId = c.OutsiderId, access = "write" }),
        new("DELETE /api/leads/{id:guid}/collaborators/{shareId:guid}", WorksLead, On.Lead, Destructive: true),
        new("GET /api/opportunities/{id:guid}/collaborators", CollaboratorsAccessRules.OpportunityWorkersUnknown, On.UnknownId),
        new("POST /api/opportunities/{id:guid}/collaborators", CollaboratorsAccessRules.OpportunityWorkersUnknown, On.UnknownId, Body: c => new { userId = c.OutsiderId }),
        new("DELETE /api/opportunities/{id:guid}/collaborators/{shareId:guid}", CollaboratorsAccessRules.OpportunityWorkersUnknown, On.UnknownId),
        new("GET /api/quotes/{id:guid}/collaborators", CollaboratorsAccessRules.QuoteWorkersUnknown, On.UnknownId),
        new("POST /api/quotes/{id:guid}/collaborators", CollaboratorsAccessRules.QuoteWorkersUnknown, On.UnknownId, Body: c => new { userId = c.OutsiderId }),
        new("DELETE /api/quotes/{id:guid}/collaborators/{shareId:guid}", CollaboratorsAccessRules.QuoteWorkersUnknown, On.UnknownId),
        new("GET /api/cases/{id:guid}/collaborators", CollaboratorsAccessRules.CaseWorkersUnknown, On.UnknownId),
        new("POST /api/cases/{id:guid}/collaborators", CollaboratorsAccessRules.CaseWorkersUnknown, On.UnknownId, Body: c => new { teamId = c.TeamBId }),
        new("DELETE /api/cases/{id:guid}/collaborators/{shareId:guid}", CollaboratorsAccessRules.CaseWorkersUnknown, On.UnknownId),
        // (rows of package G above this line)

        // ---- session 13 (package H) ----
        new("GET /api/return-visit-forms", Admin),
        new("POST /api/return-visit-forms", Admin, Body: _ => ReturnVisitsAccessRules.Form()),
        new("GET /api/return-visit-forms/{id:guid}", AdminUnknown, On.UnknownId),
        new("PUT /api/return-visit-forms/{id:guid}", AdminUnknown, On.UnknownId, Body: _ => ReturnVisitsAccessRules.Form()),
        new("GET /api/return-visit-rules", Admin),
        new("PUT /api/return-visit-rules", Admin, Body: _ => ReturnVisitsAccessRules.Rules()),
        new("GET /api/return-visits", Only(ReturnVisitsAccessRules.Workers), Query: _ => "state=due"),
        new("GET /api/return-visits/report", Only(ReturnVisitsAccessRules.Reporters)),
        new("GET /api/return-visits/{id:guid}", OnlyUnknown(ReturnVisitsAccessRules.Workers), On.UnknownId),
        new("POST /api/return-visits/{id:guid}/complete", OnlyUnknown(ReturnVisitsAccessRules.Workers), On.UnknownId,
            Body: _ => new { answers = new[] { new { key = "q1", score = 5 } } }),
        new("POST /api/return-visits/{id:guid}/cancel", OnlyUnknown(ReturnVisitsAccessRules.Workers), On.UnknownId, Body: _ => new { reason = "客户要求不再回访" }),
        new("GET /return-visits", Page(ReturnVisitsAccessRules.Workers)), new("POST /return-visits", PagePost(ReturnVisitsAccessRules.Workers)),
        new("GET /return-visits/{Id:guid}", Page(ReturnVisitsAccessRules.Workers)), new("POST /return-visits/{Id:guid}", PagePost(ReturnVisitsAccessRules.Workers)),
        new("GET /admin/return-visits", Page(Roles.Admin)), new("POST /admin/return-visits", PagePost(Roles.Admin)),
        new("GET /reports/return-visits", Page(ReturnVisitsAccessRules.Reporters)), new("POST /reports/return-visits", PagePost(ReturnVisitsAccessRules.Reporters)),
        // (rows of package H above this line)

        // ---- session 14 (package A) ----
        // (rows of package A above this line)

        // ---- session 14 (package B) ----
        // (rows of package B above this line)

        // ---- session 14 (package C) ----
        new("GET /admin/pools", Page(Roles.Admin)), new("POST /admin/pools", PagePost(Roles.Admin)),
        // (rows of package C above this line)

        // ---- session 14 (package D) ----
        new("POST /api/cases/{id:guid}/dispatch", ServiceAccessRules.WorkersUnknown, On.UnknownId,
            Body: c => new { technicianId = c.CallerId, from = DateTime.UtcNow.AddHours(1), to = DateTime.UtcNow.AddHours(2), note = "矩阵" }),
        new("GET /api/cases/{id:guid}/dispatches", ServiceAccessRules.WorkersUnknown, On.UnknownId),
        new("GET /api/me/dispatches", Only(FieldWorkAccessRules.Visitors)),
        new("GET /api/dispatches/{id:guid}", OnlyUnknown(FieldWorkAccessRules.Visitors), On.UnknownId),
        new("POST /api/dispatches/{id:guid}/result", OnlyUnknown(FieldWorkAccessRules.Visitors), On.UnknownId, Body: _ => new { outcome = "done", note = "矩阵" }),
        new("GET /field/dispatches", Page(FieldWorkAccessRules.Visitors)), new("POST /field/dispatches", PagePost(FieldWorkAccessRules.Visitors)),
        // (rows of package D above this line)

        // ---- session 14 (package E) ----
        // (rows of package E above this line)

        // ---- session 14 (package F) ----
        // (rows of package F above this line)

        // ---- session 14 (package G) ----
        // (rows of package G above this line)

        // ---- session 14 (package H) ----
        // (rows of package H above this line)

        // ---- session 15 (package C) ----
        new("GET /api/public/case-files/{token}", UnknownForm),
        new("GET /admin/portal", Page(Roles.Admin)), new("POST /admin/portal", PagePost(Roles.Admin)),
        new("GET /api/mail-triage", Only(ServiceAccessRules.Workers)),
        new("POST /api/mail-triage/{id:guid}/sender", ServiceAccessRules.WorkersUnknown, On.UnknownId, Body: _ => new { customerId = Guid.NewGuid() }),
        new("POST /api/mail-triage/{id:guid}/discard", ServiceAccessRules.WorkersUnknown, On.UnknownId),
        new("GET /mail/triage", Page(ServiceAccessRules.Workers)), new("POST /mail/triage", PagePost(ServiceAccessRules.Workers)),
        // (rows of package C above this line)

        // ---- session 15 (package E) ----
        new("GET /api/skills/intake", Admin),
        new("PUT /api/skills/intake", Admin, Body: _ => new { teamId = (Guid?)null }),
        // (rows of package E above this line)
    ];

    /// <summary>Every "METHOD /route" the app serves, except static files and Blazor's own plumbing.</summary>
    public static IReadOnlyList<string> ServedKeys(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Route: Route(e)))
            .Where(x => !IsPlumbing(x.Endpoint, x.Route))
            .SelectMany(x => (x.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {x.Route}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    private static string Route(RouteEndpoint e)
    {
        var route = "/" + (e.RoutePattern.RawText ?? "").Trim('/');
        return route;
    }

    private static bool IsPlumbing(RouteEndpoint e, string route) =>
        route.StartsWith("/_framework", StringComparison.Ordinal) || route.StartsWith("/_content", StringComparison.Ordinal)
        || route.StartsWith("/_blazor", StringComparison.Ordinal) || route.Contains("{**path:file}", StringComparison.Ordinal)
        || e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")
        || Path.HasExtension(route.Split('{')[0]);
}
