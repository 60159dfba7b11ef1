using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Leads.Features;
using Keqing.Modules.Opportunities.Domain;
using Keqing.Modules.Privacy.Domain;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Leads;

/// <summary>
/// Converting a lead (DOMAIN S1) through the API on both providers: create or link a customer, a contact, an optional
/// opportunity, all in one transaction; history and consents move; record access; suggestions from the duplicate finder.
/// </summary>
public abstract class ConvertLeadTests(KeqingApp app)
{
    private sealed record Rep(UserDto User, HttpClient Client, Guid TeamId);

    private async Task<Rep> NewRep(string role = Roles.SalesRep)
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var user = await admin.CreateUser(role, team.Id);
        var client = await app.ClientFor(user.Email);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return new Rep(user, client, team.Id);
    }

    /// <summary>A lead owned by <paramref name="owner"/>, with a logged call and a web-form post that gave consent.</summary>
    private async Task<Guid> NewLead(Guid owner, string? company, string name = "王磊", string? phone = null, string? email = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var lead = await scope.ServiceProvider.GetRequiredService<CreateLead>().Add(new LeadInput(name, company, "采购经理",
            [phone ?? $"139{Random.Shared.Next(10_000_000, 99_999_999)}"], [email ?? $"{ApiHelpers.Unique("wl")}@example.com"],
            "江苏", "南京", "医疗", CompanySize.Medium, null, LeadSource.TradeShow, "CIOE 2026", LegalBasis.Consent, "要报价"), owner, owner,
            TestContext.Current.CancellationToken);
        db.Add(new LeadActivity { LeadId = lead.Id, Kind = LeadActivityKind.Call, OccurredAt = lead.CreatedAt.AddMinutes(5), UserId = owner, Text = "约了下周拜访" });
        var form = new LeadForm { Key = ApiHelpers.Unique("f"), Name = "官网咨询", AsksConsent = true, ConsentVersion = "v2", CreatedAt = lead.CreatedAt, UpdatedAt = lead.CreatedAt };
        db.Add(form);
        db.Add(new FormSubmission { FormId = form.Id, LeadId = lead.Id, SubmittedAt = lead.CreatedAt, ConsentGiven = true, ConsentVersion = "v2" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return lead.Id;
    }

    private async Task<T> InScope<T>(Func<KeqingDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<KeqingDb>());
    }

    /// <summary>A 400 naming <paramref name="field"/>.</summary>
    private static async Task Refused(HttpResponseMessage response, string field)
    {
        await response.ShouldBe(400);
        (await response.Read<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the error names {field}");
    }

    private static object Opportunity(string name, Guid? pipelineId = null) =>
        new { name, amount = new { amount = 120000.50m, currency = "CNY" }, expectedCloseDate = "2027-03-31", pipelineId };

    [Fact]
    public async Task A_lead_s_tasks_are_given_by_those_who_see_it_and_go_to_the_customer_it_becomes()
    {
        var rep = await NewRep();
        var other = await NewRep();
        var company = ApiHelpers.Unique("苏州康达医疗");
        var leadId = await NewLead(rep.User.Id, company);
        var due = DateTime.UtcNow.AddDays(2);

        var created = await rep.Client.PostAsJsonAsync("/api/tasks", new { title = "周二回电", dueAt = due, subjectType = "leads.lead", subjectId = leadId });
        await created.ShouldBe(201);
        var task = await created.Read<TaskDto>();
        task.SubjectType.Should().Be("leads.lead");
        task.SubjectId.Should().Be(leadId);
        task.CustomerId.Should().BeNull();

        // Another team's rep may not see the lead, so may not give a task about it; nor about a record type nobody declared.
        await Refused(await other.Client.PostAsJsonAsync("/api/tasks", new { title = "抢单", dueAt = due, subjectType = "leads.lead", subjectId = leadId }), "subjectId");
        await Refused(await rep.Client.PostAsJsonAsync("/api/tasks", new { title = "x", dueAt = due, subjectType = "nothing.here", subjectId = leadId }), "subjectType");
        await Refused(await rep.Client.PostAsJsonAsync("/api/tasks", new { title = "x", dueAt = due, subjectType = "leads.lead" }), "subjectId");

        var listed = await (await rep.Client.GetAsync($"/api/tasks?subjectType=leads.lead&subjectId={leadId}")).Read<Page<TaskDto>>();
        listed.Items.Should().ContainSingle(t => t.Id == task.Id);
        (await (await other.Client.GetAsync($"/api/tasks?subjectType=leads.lead&subjectId={leadId}")).Read<Page<TaskDto>>()).Items.Should().BeEmpty();

        var response = await rep.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", new
        {
            createCustomer = new { kind = "organization", name = company, city = "苏州" },
            contact = new { name = "王磊", phones = new[] { "13912345679" } },
        });
        await response.ShouldBe(200);
        var result = await response.Read<ConvertLeadResult>();

        var moved = await (await rep.Client.GetAsync($"/api/tasks/{task.Id}")).Read<TaskDto>();
        moved.CustomerId.Should().Be(result.CustomerId);
        moved.ContactId.Should().Be(result.ContactId);
        moved.SubjectId.Should().Be(leadId, "the task still says which lead it was given for");
        (await InScope(db => db.Set<TimelineEntry>().AnyAsync(e => e.CustomerId == result.CustomerId && e.SourceId == task.Id)))
            .Should().BeTrue("the open task shows on the customer's timeline");
        var onCustomer = await (await rep.Client.GetAsync($"/api/tasks?customerId={result.CustomerId}")).Read<Page<TaskDto>>();
        onCustomer.Items.Should().ContainSingle(t => t.Id == task.Id);
    }

    [Fact]
    public async Task Converting_creates_the_customer_contact_and_opportunity_and_moves_history_source_and_consents()
    {
        var rep = await NewRep();
        var company = ApiHelpers.Unique("南京明远医疗");
        var leadId = await NewLead(rep.User.Id, company);

        var response = await rep.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", new
        {
            createCustomer = new { kind = "organization", name = company, city = "南京" },
            contact = new { name = "王磊", title = "采购经理", phones = new[] { "13912345678" } },
            opportunity = Opportunity("CT 设备采购"),
        });
        await response.ShouldBe(200);
        var result = await response.Read<ConvertLeadResult>();
        result.CustomerCreated.Should().BeTrue();
        result.OpportunityId.Should().NotBeNull();

        var lead = await InScope(db => db.Set<Lead>().AsNoTracking().FirstAsync(l => l.Id == leadId));
        lead.Status.Should().Be(LeadStatus.Converted);
        (lead.ConvertedCustomerId, lead.ConvertedContactId, lead.ConvertedOpportunityId).Should().Be((result.CustomerId, result.ContactId, result.OpportunityId));
        lead.ConvertedAt.Should().NotBeNull();
        lead.FirstRespondedAt.Should().NotBeNull("converting a lead answers it");

        var customer = await InScope(db => db.Set<Customer>().AsNoTracking().FirstAsync(c => c.Id == result.CustomerId));
        customer.Source.Should().Be("lead: tradeShow, CIOE 2026");
        customer.LegalBasis.Should().Be(LegalBasis.Consent);
        customer.OwnerId.Should().Be(rep.User.Id);
        var contact = await InScope(db => db.Set<Contact>().AsNoTracking().FirstAsync(c => c.Id == result.ContactId));
        (contact.CustomerId, contact.Name, contact.Source, contact.LegalBasis).Should().Be((customer.Id, "王磊", "lead: tradeShow, CIOE 2026", LegalBasis.Consent));
        var opportunity = await InScope(db => db.Set<Opportunity>().AsNoTracking().FirstAsync(o => o.Id == result.OpportunityId));
        (opportunity.CustomerId, opportunity.ContactId, opportunity.LeadId, opportunity.OwnerId).Should().Be((customer.Id, contact.Id, leadId, rep.User.Id));
        opportunity.Amount.Amount.Should().Be(120000.50m);

        // One timeline entry per activity of the lead (created, the call, the conversion), of type "lead", on the customer.
        var all = await InScope(db => db.Set<TimelineEntry>().AsNoTracking().Where(e => e.CustomerId == customer.Id).ToListAsync());
        all.Should().ContainSingle(e => e.SourceModule == "opportunities", "the new opportunity is on the timeline too");
        var entries = all.Where(e => e.SourceModule != "opportunities").ToList();
        entries.Should().HaveCount(3).And.OnlyContain(e => e.Type == ConvertLead.TimelineType && e.SourceModule == "leads");
        entries.Should().ContainSingle(e => e.Summary == "约了下周拜访" && e.Channel == "call" && e.UserId == rep.User.Id);
        using var timeline = JsonDocument.Parse(await rep.Client.GetStringAsync($"/api/customers/{customer.Id}/timeline?type=lead"));
        timeline.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("summary").GetString())
            .Should().Contain("约了下周拜访", "the owner reads the lead's history on the customer's timeline");

        // The web form's consent is the contact's now, given when the form was posted.
        var consents = await InScope(db => db.Set<Consent>().AsNoTracking().Where(c => c.SubjectId == contact.Id).ToListAsync());
        consents.Should().ContainSingle().Which.Should().Match<Consent>(c => c.Granted && c.CustomerId == customer.Id
            && c.RecordedAt == lead.CreatedAt && c.Source!.Contains("官网咨询") && c.Source.Contains("v2"));

        // Once converted, it stays converted.
        await (await rep.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", new { customerId = customer.Id })).ShouldBe(409);
    }

    [Fact]
    public async Task A_suggested_existing_customer_is_linked_without_an_opportunity()
    {
        var rep = await NewRep();
        var company = ApiHelpers.Unique("苏州华康医院");
        var created = await rep.Client.PostAsJsonAsync("/api/customers", new { kind = "organization", name = company, city = "南京", province = "江苏" });
        await created.ShouldBe(201);
        var existing = await created.Read<CustomerDto>();
        var leadId = await NewLead(rep.User.Id, company);

        var suggestions = await (await rep.Client.GetAsync($"/api/leads/{leadId}/convert-suggestions")).Read<List<ConvertSuggestion>>();
        var first = suggestions.Should().NotBeEmpty().And.Subject.First();
        first.CustomerId.Should().Be(existing.Id);
        first.Reasons.Should().NotBeEmpty();
        suggestions.Select(s => s.Score).Should().BeInDescendingOrder();

        var response = await rep.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", new { customerId = existing.Id });
        await response.ShouldBe(200);
        var result = await response.Read<ConvertLeadResult>();
        (result.CustomerId, result.CustomerCreated, result.OpportunityId).Should().Be((existing.Id, false, (Guid?)null));
        var contacts = await InScope(db => db.Set<Contact>().AsNoTracking().Where(c => c.CustomerId == existing.Id).ToListAsync());
        contacts.Should().ContainSingle().Which.Name.Should().Be("王磊", "the contact defaults to the lead's person");
        (await InScope(db => db.Set<Customer>().CountAsync(c => c.Name == company))).Should().Be(1);
    }

    [Fact]
    public async Task Creating_a_customer_that_likely_exists_needs_a_confirmation()
    {
        var rep = await NewRep();
        var company = ApiHelpers.Unique("杭州远景");
        await (await rep.Client.PostAsJsonAsync("/api/customers", new { kind = "organization", name = company, city = "南京" })).ShouldBe(201);
        var leadId = await NewLead(rep.User.Id, company);
        var body = new { createCustomer = new { kind = "organization", name = company, city = "南京" } };

        var refused = await rep.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", body);
        await refused.ShouldBe(409);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("duplicates");
        (await InScope(db => db.Set<Lead>().AsNoTracking().FirstAsync(l => l.Id == leadId))).Status.Should().Be(LeadStatus.New);

        await (await rep.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", new { body.createCustomer, duplicatesConfirmed = true })).ShouldBe(200);
        (await InScope(db => db.Set<Customer>().CountAsync(c => c.Name == company))).Should().Be(2);
    }

    [Fact]
    public async Task A_bad_opportunity_rolls_back_the_whole_conversion()
    {
        var rep = await NewRep();
        var company = ApiHelpers.Unique("无锡回滚");
        var leadId = await NewLead(rep.User.Id, company);

        var response = await rep.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", new
        {
            createCustomer = new { kind = "organization", name = company },
            opportunity = Opportunity("不存在的流程", pipelineId: Guid.NewGuid()),
        });
        await response.ShouldBe(400);
        (await response.Content.ReadAsStringAsync()).Should().Contain("pipelineId");
        var missing = await rep.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", new
        {
            createCustomer = new { kind = "organization", name = company },
            opportunity = new { name = "" },
        });
        await missing.ShouldBe(400);
        var problem = await missing.Content.ReadAsStringAsync();
        problem.Should().Contain("opportunity.name").And.Contain("opportunity.amount").And.Contain("opportunity.expectedCloseDate");

        (await InScope(db => db.Set<Customer>().CountAsync(c => c.Name == company))).Should().Be(0);
        (await InScope(db => db.Set<Contact>().CountAsync(c => c.Source == "lead: tradeShow, CIOE 2026" && c.Name == company))).Should().Be(0);
        (await InScope(db => db.Set<TimelineEntry>().CountAsync(e => e.SourceModule == "leads" && e.Title.Contains(company)))).Should().Be(0);
        var lead = await InScope(db => db.Set<Lead>().AsNoTracking().FirstAsync(l => l.Id == leadId));
        (lead.Status, lead.ConvertedCustomerId).Should().Be((LeadStatus.New, (Guid?)null));
        (await InScope(db => db.Set<LeadActivity>().CountAsync(a => a.LeadId == leadId && a.Kind == LeadActivityKind.Converted))).Should().Be(0);
    }

    [Fact]
    public async Task Record_access_decides_who_converts_and_what_may_be_linked()
    {
        var owner = await NewRep();
        var stranger = await NewRep();
        var leadId = await NewLead(owner.User.Id, ApiHelpers.Unique("常州"));
        var theirs = await (await stranger.Client.PostAsJsonAsync("/api/customers", new { kind = "organization", name = ApiHelpers.Unique("别组客户") })).Read<CustomerDto>();

        await (await stranger.Client.GetAsync($"/api/leads/{leadId}/convert-suggestions")).ShouldBe(404);
        await (await stranger.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", new { customerId = theirs.Id })).ShouldBe(404);
        // The owner may not link a customer they cannot see: as if it did not exist.
        var hidden = await owner.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", new { customerId = theirs.Id });
        await hidden.ShouldBe(400);
        (await hidden.Content.ReadAsStringAsync()).Should().Contain("customerId");

        // A marketer works leads but opens no opportunities.
        var marketer = await NewRep(Roles.Marketer);
        var marketerLead = await NewLead(marketer.User.Id, ApiHelpers.Unique("营销"));
        await (await marketer.Client.PostAsJsonAsync($"/api/leads/{marketerLead}/convert", new
        {
            createCustomer = new { kind = "organization", name = ApiHelpers.Unique("营销客户") }, opportunity = Opportunity("x"),
        })).ShouldBe(403);
        // Neither or both of customerId and createCustomer is a 400 naming customerId.
        var neither = await owner.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", new { });
        await neither.ShouldBe(400);
        (await neither.Content.ReadAsStringAsync()).Should().Contain("customerId");
    }

    [Fact]
    public async Task A_disqualified_lead_is_not_converted()
    {
        var rep = await NewRep();
        var leadId = await NewLead(rep.User.Id, ApiHelpers.Unique("扬州"));
        await InScope(db => db.Set<Lead>().Where(l => l.Id == leadId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LeadStatus.Disqualified)));
        await (await rep.Client.PostAsJsonAsync($"/api/leads/{leadId}/convert", new
        {
            createCustomer = new { kind = "organization", name = ApiHelpers.Unique("扬州") },
        })).ShouldBe(409);
    }
}

public sealed class ConvertLeadTestsOnSqlite(SqliteApp app) : ConvertLeadTests(app), IClassFixture<SqliteApp>;
public sealed class ConvertLeadTestsOnPostgres(PostgresApp app) : ConvertLeadTests(app), IClassFixture<PostgresApp>;
