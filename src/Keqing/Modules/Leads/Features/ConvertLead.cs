using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// Converts a lead the caller may change (new, contacted or qualified; converting qualifies it) into a customer (linked
/// or created by the archive's own rules), a contact and optionally an opportunity, in one SaveChanges: its history goes
/// to the customer's timeline (one "lead" entry per activity), its form consents to the contact, its source and legal
/// basis to what is created; the lead becomes Converted and keeps what it became. A failure anywhere leaves nothing.
/// </summary>
public sealed class ConvertLead(KeqingDb db, IRecordAccess access, ICustomerCreator creator, ICustomerDirectory customers,
    IOpportunityCreator opportunities, ITimelinePublisher timeline, ISubjectTasks tasks, IConsents consents, IUserDirectory users,
    CurrentUser currentUser, TimeProvider time)
{
    /// <summary>The type of the timeline entries a converted lead's history becomes.</summary>
    public const string TimelineType = "lead";

    public async Task<ConvertLeadResult> Handle(Guid id, ConvertLeadRequest request, CancellationToken ct)
    {
        var lead = await access.FindVisible(db.Set<Lead>(), id, ct);
        await access.EnsureCanWrite(lead, ct);
        if (lead.ArchivedAt is not null) throw new ConflictException(FieldErrors.Text("This lead is archived; restore it before converting it."));
        if (lead.Status == LeadStatus.Converted) throw new ConflictException(FieldErrors.Text("This lead was converted already."));
        if (lead.Status == LeadStatus.Disqualified) throw new ConflictException(FieldErrors.Text("This lead is disqualified; qualify it before converting it."));
        if (request.Opportunity is not null && !currentUser.Can(OpportunitiesCapabilities.Work))
            throw new ForbiddenException(FieldErrors.Text("You may not open opportunities; convert without one."));
        Check(request);

        var now = time.GetUtcNow().UtcDateTime;
        var (customerId, created) = await Customer(lead, request, ct);
        var contactId = await Contact(lead, customerId, request, ct);
        var opportunityId = request.Opportunity is { } o ? await Opportunity(o, customerId, contactId, lead, ct) : null;

        await MoveHistory(lead, customerId, now, ct);
        await CarryConsents(lead, customerId, contactId, ct);
        await tasks.MoveToCustomer(LeadTaskSubject.LeadRecordType, lead.Id, customerId, contactId, ct);
        lead.Status = LeadStatus.Converted;
        lead.ConvertedCustomerId = customerId;
        lead.ConvertedContactId = contactId;
        lead.ConvertedOpportunityId = opportunityId;
        lead.ConvertedAt = now;
        lead.UpdatedAt = now;
        ResponseClock.Stop(lead, now);
        await db.SaveChangesAsync(ct);
        return new ConvertLeadResult(lead.Id, customerId, created, contactId, opportunityId, now);
    }

    /// <summary>What the convert dialog starts from: the lead, the customers it probably is, and the defaults of what it would create.</summary>
    public async Task<ConvertDraft> Draft(Guid id, CancellationToken ct)
    {
        var lead = await access.FindVisible(db.Set<Lead>().AsNoTracking(), id, ct);
        return new ConvertDraft(lead.Id, lead.Name, lead.Company, lead.Status, lead.ConvertedCustomerId, await access.CanWrite(lead, ct),
            await Suggestions(id, ct), CustomerOf(lead), ContactOf(lead), currentUser.Can(OpportunitiesCapabilities.Work));
    }

    /// <summary>Existing customers the lead probably is, best first, with reasons (the archive's duplicate finder).</summary>
    public async Task<IReadOnlyList<ConvertSuggestion>> Suggestions(Guid id, CancellationToken ct)
    {
        var lead = await access.FindVisible(db.Set<Lead>().AsNoTracking(), id, ct);
        var byCompany = lead.Company is { } company
            ? await creator.LikelyExisting(new DuplicateProbe(company, lead.City, lead.Province, lead.Phones, lead.Emails, lead.CreditCode), ct)
            : [];
        // A lead without a company is a person: the customer it may be is a person of that name (or holding its phones).
        var byName = lead.Company is null && lead.Name.Length > 0
            ? await creator.LikelyExisting(new DuplicateProbe(lead.Name, lead.City, lead.Province, lead.Phones, lead.Emails), ct)
            : [];
        return [.. byCompany.Concat(byName).GroupBy(m => m.Id).Select(g => g.OrderByDescending(m => m.Score).First())
            .OrderByDescending(m => m.Score).ThenBy(m => m.Id)
            .Select(m => new ConvertSuggestion(m.Id, m.Name, m.City, m.OwnerId, m.Score, m.Reasons))];
    }

    private static void Check(ConvertLeadRequest request)
    {
        var errors = new FieldErrors();
        if (request.CustomerId is null && request.CreateCustomer is null)
            errors.Add("customerId", FieldErrors.Text("Choose an existing customer or create one."));
        if (request.CustomerId is not null && request.CreateCustomer is not null)
            errors.Add("customerId", FieldErrors.Text("Choose an existing customer or create one, not both."));
        if (request.ContactId is not null && request.Contact is not null)
            errors.Add("contactId", FieldErrors.Text("Choose an existing contact or create one, not both."));
        if (request.ContactId is not null && request.CreateCustomer is not null)
            errors.Add("contactId", FieldErrors.Text("A new customer has no contacts yet; create one."));
        if (request.Opportunity is { } o)
        {
            errors.Required("opportunity.name", o.Name).MaxLength("opportunity.name", o.Name, 200);
            if (o.Amount is null) errors.Add("opportunity.amount", FieldErrors.Text("Required."));
            if (o.ExpectedCloseDate is null) errors.Add("opportunity.expectedCloseDate", FieldErrors.Text("Required."));
        }
        errors.ThrowIfAny();
    }

    private async Task<(Guid Id, bool Created)> Customer(Lead lead, ConvertLeadRequest request, CancellationToken ct)
    {
        if (request.CustomerId is { } existing)
        {
            if (await customers.FindVisible(existing, ct) is not { Archived: false })
                throw new ValidationFailedException("customerId", FieldErrors.Text("No such customer."));
            if (!await customers.CanWrite(existing, ct))
                throw new ForbiddenException(FieldErrors.Text("You may read this customer but not change it."));
            return (existing, false);
        }
        // What the lead knew of where it came from and on which basis it is held goes to the new customer unless given.
        var create = request.CreateCustomer!;
        var input = create with
        {
            Source = create.Source ?? SourceText(lead),
            LegalBasis = create.LegalBasis ?? lead.LegalBasis,
            OwnerId = create.OwnerId ?? lead.OwnerId,
        };
        var creation = await creator.Add(input, request.DuplicatesConfirmed, ct);
        return creation.Id is { } id ? (id, true) : throw new LikelyExistingCustomerException(creation.Duplicates);
    }

    private async Task<Guid> Contact(Lead lead, Guid customerId, ConvertLeadRequest request, CancellationToken ct)
    {
        if (request.ContactId is { } contactId)
        {
            if (await customers.FindVisibleContact(contactId, ct) is not { } contact || contact.CustomerId != customerId)
                throw new ValidationFailedException("contactId", FieldErrors.Text("Not a contact of this customer."));
            return contactId;
        }
        var input = request.Contact ?? ContactOf(lead);
        if (string.IsNullOrWhiteSpace(input.Name))
            throw new ValidationFailedException("contact.name", FieldErrors.Text("The lead names no person: give the contact's name."));
        return await creator.AddContact(customerId, input with
        {
            Source = input.Source ?? SourceText(lead),
            LegalBasis = input.LegalBasis ?? lead.LegalBasis,
        }, ct);
    }

    private async Task<Guid?> Opportunity(ConvertOpportunity o, Guid customerId, Guid contactId, Lead lead, CancellationToken ct)
    {
        try
        {
            return await opportunities.Add(new OpportunityInput(customerId, o.Name!, o.Amount!.Value, o.ExpectedCloseDate!.Value, o.PipelineId,
                o.StageId, ContactId: contactId, OwnerId: lead.OwnerId, LeadId: lead.Id), ct);
        }
        catch (ValidationFailedException e)
        {
            // The request's opportunity is a part of it: its fields are named as such ("opportunity.pipelineId").
            throw new ValidationFailedException(e.Errors.ToDictionary(x => "opportunity." + x.Key, x => x.Value));
        }
    }

    /// <summary>The contact a lead's person becomes: the form's defaults in the convert dialog too.</summary>
    public static ContactInput ContactOf(Lead lead) =>
        new(lead.Name, lead.Title, lead.Phones, lead.Emails, Notes: lead.Notes, Source: SourceText(lead), LegalBasis: lead.LegalBasis);

    /// <summary>The customer a lead's company (or, without one, its person) becomes: the convert dialog's defaults.</summary>
    public static CustomerInput CustomerOf(Lead lead) => lead.Company is { } company
        ? new CustomerInput(CustomerKind.Organization, company, Industry: lead.Industry, Province: lead.Province, City: lead.City,
            Source: SourceText(lead), OwnerId: lead.OwnerId, CreditCode: lead.CreditCode, LegalBasis: lead.LegalBasis)
        : new CustomerInput(CustomerKind.Person, lead.Name, Industry: lead.Industry, Province: lead.Province, City: lead.City,
            Phones: lead.Phones, Emails: lead.Emails, Source: SourceText(lead), OwnerId: lead.OwnerId, LegalBasis: lead.LegalBasis);

    /// <summary>Where the lead came from, as the customer's and contact's source text: "lead: tradeShow, CIOE 2026".</summary>
    public static string SourceText(Lead lead)
    {
        var text = lead.SourceDetail is { } detail ? $"lead: {Camel(lead.Source)}, {detail}" : $"lead: {Camel(lead.Source)}";
        return text.Length > 100 ? text[..100] : text;
    }

    private static string Camel(LeadSource source)
    {
        var name = source.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>Each activity of the lead becomes one timeline entry of the customer (type "lead"), the conversion itself too.</summary>
    private async Task MoveHistory(Lead lead, Guid customerId, DateTime now, CancellationToken ct)
    {
        var activities = await db.Set<LeadActivity>().Where(a => a.LeadId == lead.Id).OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).ToListAsync(ct);
        var converted = new LeadActivity { LeadId = lead.Id, Kind = LeadActivityKind.Converted, OccurredAt = now, UserId = currentUser.UserId };
        db.Add(converted);
        activities.Add(converted);
        var teams = new Dictionary<Guid, Guid?>();
        foreach (var userId in activities.Select(a => a.UserId).OfType<Guid>().Distinct())
            teams[userId] = (await users.Find(userId, ct))?.TeamId;
        var title = lead.Company is { } company && lead.Name.Length > 0 ? $"{lead.Name} · {company}" : lead.Company ?? lead.Name;
        foreach (var activity in activities)
        {
            var team = activity.UserId is { } user ? teams[user] : lead.TeamId;
            timeline.Publish(new TimelineEntryInput(customerId, activity.OccurredAt, TimelineType, ChannelOf(activity.Kind),
                activity.UserId, team, $"{KindText(activity.Kind)}: {title}", activity.Text, "leads", activity.Id));
        }
    }

    /// <summary>The consents given on the lead's web forms go to the contact it became, with the time they were given.</summary>
    private async Task CarryConsents(Lead lead, Guid customerId, Guid contactId, CancellationToken ct)
    {
        var given = await db.Set<FormSubmission>().AsNoTracking().Where(s => s.LeadId == lead.Id && s.ConsentGiven)
            .Join(db.Set<LeadForm>().AsNoTracking(), s => s.FormId, f => f.Id, (s, f) => new { s.SubmittedAt, s.ConsentVersion, f.Name })
            .OrderBy(s => s.SubmittedAt).ToListAsync(ct);
        foreach (var consent in given)
            consents.Carry(new DataSubject(SubjectType.Contact, contactId), customerId, ConsentPurpose.Marketing, ConsentChannel.Any,
                consent.ConsentVersion is { } version ? $"web form {consent.Name}, consent text {version}" : $"web form {consent.Name}",
                consent.SubmittedAt);
    }

    private static string? ChannelOf(LeadActivityKind kind) => kind switch
    {
        LeadActivityKind.Call => "call",
        LeadActivityKind.Email or LeadActivityKind.Replied or LeadActivityKind.EmailOpened or LeadActivityKind.EmailClicked => "email",
        LeadActivityKind.Meeting => "visit",
        LeadActivityKind.Message => "im",
        LeadActivityKind.EventAttended => "event",
        _ => null,
    };

    private static string KindText(LeadActivityKind kind) => kind switch
    {
        LeadActivityKind.Created => FieldErrors.Text("Lead created"),
        LeadActivityKind.FormSubmitted => FieldErrors.Text("Lead: web form submitted"),
        LeadActivityKind.Call => FieldErrors.Text("Lead: call"),
        LeadActivityKind.Email => FieldErrors.Text("Lead: email"),
        LeadActivityKind.Meeting => FieldErrors.Text("Lead: meeting"),
        LeadActivityKind.Message => FieldErrors.Text("Lead: message"),
        LeadActivityKind.Note => FieldErrors.Text("Lead: note"),
        LeadActivityKind.EventAttended => FieldErrors.Text("Lead: event attended"),
        LeadActivityKind.Replied => FieldErrors.Text("Lead: replied"),
        LeadActivityKind.EmailOpened => FieldErrors.Text("Lead: email opened"),
        LeadActivityKind.EmailClicked => FieldErrors.Text("Lead: email link clicked"),
        LeadActivityKind.StatusChanged => FieldErrors.Text("Lead: status changed"),
        LeadActivityKind.OwnerChanged => FieldErrors.Text("Lead: owner changed"),
        LeadActivityKind.Converted => FieldErrors.Text("Lead converted"),
        _ => kind.ToString(),
    };
}

/// <summary>The customer a conversion would create likely exists (409 with the matches): link one, or confirm it is another.</summary>
public sealed class LikelyExistingCustomerException(IReadOnlyList<DuplicateMatch> matches)
    : Exception("This looks like a customer that exists already; link it, or confirm that it is another one.")
{
    public IReadOnlyList<DuplicateMatch> Matches { get; } = matches;
}
