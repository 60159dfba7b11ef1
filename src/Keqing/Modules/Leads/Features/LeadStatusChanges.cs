using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;

namespace Keqing.Modules.Leads.Features;

/// <summary>A lead status change that its current status does not allow: 409 with the title "Wrong lead status".</summary>
public sealed class LeadTransitionException(string message) : Exception(message);

/// <summary>
/// Qualifies a lead (from new, contacted or disqualified) or disqualifies it with a reason of the admin's list (from
/// new, contacted or qualified); a converted lead does neither. Qualifying a qualified lead changes nothing.
/// </summary>
public sealed class LeadStatusChanges(KeqingDb db, IRecordAccess access, DisqualifyReasons reasons, LeadPrivacy privacy,
    CurrentUser currentUser, TimeProvider time)
{
    public async Task<LeadDto> Qualify(Guid id, CancellationToken ct)
    {
        var lead = await Writable(id, ct);
        if (lead.Status == LeadStatus.Converted)
            throw new LeadTransitionException(FieldErrors.Text("A converted lead cannot be qualified again."));
        if (lead.Status != LeadStatus.Qualified)
        {
            lead.DisqualifyReason = null;
            Change(lead, LeadStatus.Qualified, null);
            await db.SaveChangesAsync(ct);
        }
        return await privacy.Protect(lead.ToDto(), log: false, ct);
    }

    public async Task<LeadDto> Disqualify(Guid id, DisqualifyRequest request, CancellationToken ct)
    {
        var lead = await Writable(id, ct);
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) throw new ValidationFailedException("reason", FieldErrors.Text("Choose a reason."));
        var listed = await reasons.Find(reason, ct)
            ?? throw new ValidationFailedException("reason", FieldErrors.Text("Choose one of the listed reasons."));
        switch (lead.Status)
        {
            case LeadStatus.Converted:
                throw new LeadTransitionException(FieldErrors.Text("A converted lead cannot be disqualified."));
            case LeadStatus.Disqualified:
                throw new LeadTransitionException(FieldErrors.Text("This lead is disqualified already."));
        }
        lead.DisqualifyReason = listed.Text;
        Change(lead, LeadStatus.Disqualified, listed.Text);
        await db.SaveChangesAsync(ct);
        return await privacy.Protect(lead.ToDto(), log: false, ct);
    }

    private async Task<Lead> Writable(Guid id, CancellationToken ct)
    {
        var lead = await access.FindVisible(db.Set<Lead>(), id, ct);
        await access.EnsureCanWrite(lead, ct);
        if (lead.ArchivedAt is not null) throw new LeadTransitionException(FieldErrors.Text("This lead is archived."));
        return lead;
    }

    private void Change(Lead lead, LeadStatus status, string? text)
    {
        var now = time.GetUtcNow().UtcDateTime;
        lead.Status = status;
        lead.UpdatedAt = now;
        db.Add(new LeadActivity
        {
            LeadId = lead.Id, Kind = LeadActivityKind.StatusChanged, OccurredAt = now, UserId = currentUser.UserId,
            Text = text is null ? status.ToString() : $"{status}: {text}",
        });
    }
}
