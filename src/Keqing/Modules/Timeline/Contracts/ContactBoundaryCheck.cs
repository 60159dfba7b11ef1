using Keqing.Infrastructure.Data;
using Keqing.Modules.Timeline.Domain;
using Keqing.Modules.Timeline.Features;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Contracts;

/// <summary>
/// The contact-boundary check (DOMAIN P4) every channel that reaches a customer must ask before it does: logged and
/// scheduled contacts here, and later campaigns, email and SMS sends, notifications to customers. It looks up what the
/// rules need (settings, this week's contacts, opt-ins) and answers with warnings; a caller that goes ahead despite
/// them records that with Privacy's <c>BoundaryOverrideLog</c>, which feeds the admin's override report.
/// </summary>
public sealed class ContactBoundaryCheck(KeqingDb db, TimelineSettingsStore settings)
{
    /// <summary>The warnings for a contact (logged or scheduled) with a customer.</summary>
    public async Task<IReadOnlyList<BoundaryWarning>> Check(Guid customerId, InteractionChannel channel, InteractionDirection direction,
        DateTime at, IReadOnlyList<Guid> contactIds, bool personalOccasion, Guid? excludeInteractionId, CancellationToken ct)
    {
        var rules = await settings.Current(ct);
        var personalWithoutOptIn = personalOccasion && await NotEveryoneOptedIn(contactIds, ct);
        var outbound = direction == InteractionDirection.Outbound;
        var others = 0;
        if (outbound && rules.MaxContactsPerChannelPerWeek is not null)
        {
            var (start, end) = ContactBoundaries.WeekOf(at, rules.Zone);
            others = await db.Set<Interaction>().CountAsync(i => i.CustomerId == customerId && i.Channel == channel
                && i.Direction == InteractionDirection.Outbound && i.OccurredAt >= start && i.OccurredAt < end
                && (excludeInteractionId == null || i.Id != excludeInteractionId), ct);
        }
        return ContactBoundaries.Check(rules, channel, at, outbound, others, personalWithoutOptIn);
    }

    private async Task<bool> NotEveryoneOptedIn(IReadOnlyList<Guid> contactIds, CancellationToken ct)
    {
        if (contactIds.Count == 0) return true;
        var ids = contactIds.ToList();
        var optedIn = await db.Set<ContactPreference>().CountAsync(p => ids.Contains(p.ContactId) && p.PersonalOccasionOptIn, ct);
        return optedIn < ids.Distinct().Count();
    }
}
