using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// A lead's history: logging a contact (call, email, meeting, message) stops its response clock and moves a new lead
/// to contacted; a note is history only.
/// </summary>
public sealed class LeadActivities(KeqingDb db, IRecordAccess access, LeadScoring scoring, LeadPrivacy privacy,
    CurrentUser currentUser, TimeProvider time)
{
    /// <summary>The kinds a person logs, by their API names.</summary>
    public static readonly IReadOnlyDictionary<string, LeadActivityKind> Loggable = new Dictionary<string, LeadActivityKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["call"] = LeadActivityKind.Call, ["email"] = LeadActivityKind.Email, ["meeting"] = LeadActivityKind.Meeting,
        ["message"] = LeadActivityKind.Message, ["note"] = LeadActivityKind.Note,
    };

    /// <summary>Whether logging this kind answers the lead (stops the clock).</summary>
    public static bool IsContact(LeadActivityKind kind) =>
        kind is LeadActivityKind.Call or LeadActivityKind.Email or LeadActivityKind.Meeting or LeadActivityKind.Message;

    public async Task<LeadActivityDto> Log(Guid leadId, LeadActivityInput input, CancellationToken ct)
    {
        var lead = await access.FindVisible(db.Set<Lead>(), leadId, ct);
        await access.EnsureCanWrite(lead, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new FieldErrors().MaxLength("text", input.Text?.Trim(), 4000);
        var kind = LeadActivityKind.Note;
        if (input.Kind is null || !Loggable.TryGetValue(input.Kind, out kind))
            errors.Add("kind", FieldErrors.Text("kind is one of {0}.", string.Join(", ", Loggable.Keys)));
        else if (kind == LeadActivityKind.Note && string.IsNullOrWhiteSpace(input.Text))
            errors.Add("text", FieldErrors.Text("A note needs a text."));
        var at = input.OccurredAt is { } given ? Utc(given) : now;
        if (at > now.AddMinutes(5)) errors.Add("occurredAt", FieldErrors.Text("A contact cannot be logged in the future."));
        if (at < lead.CreatedAt.AddDays(-1)) errors.Add("occurredAt", FieldErrors.Text("A contact cannot be logged before the lead was created."));
        errors.ThrowIfAny();
        if (lead.ArchivedAt is not null) throw new ConflictException(FieldErrors.Text("This lead is archived."));

        var activity = new LeadActivity { LeadId = lead.Id, Kind = kind, OccurredAt = at, UserId = currentUser.UserId, Text = Blank(input.Text) };
        db.Add(activity);
        if (IsContact(kind))
        {
            ResponseClock.Stop(lead, at < lead.CreatedAt ? lead.CreatedAt : at);
            if (lead.Status == LeadStatus.New)
            {
                lead.Status = LeadStatus.Contacted;
                db.Add(new LeadActivity { LeadId = lead.Id, Kind = LeadActivityKind.StatusChanged, OccurredAt = now, UserId = currentUser.UserId, Text = nameof(LeadStatus.Contacted) });
            }
        }
        await scoring.Rescore(lead, ct);
        lead.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return (await privacy.Protect([activity.ToDto()], ct))[0];
    }

    /// <summary>The lead's history, newest first (at most 500 events).</summary>
    public async Task<IReadOnlyList<LeadActivityDto>> List(Guid leadId, CancellationToken ct)
    {
        var lead = await access.FindVisible(db.Set<Lead>().AsNoTracking(), leadId, ct);
        var rows = await db.Set<LeadActivity>().AsNoTracking().Where(a => a.LeadId == lead.Id)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(500).ToListAsync(ct);
        return await privacy.Protect(rows.Select(a => a.ToDto()).ToList(), ct);
    }

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
