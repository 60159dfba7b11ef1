using Keqing.Infrastructure.Data;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>The contact-boundary check on Timeline's settings, contacts and opt-ins; see <see cref="IContactBoundaryCheck"/>.</summary>
public sealed class ContactBoundaryCheck(KeqingDb db, TimelineSettingsStore settings, ICompanyCalendar calendar) : IContactBoundaryCheck
{
    public async Task<IReadOnlyList<BoundaryWarning>> Check(Guid customerId, InteractionChannel channel, InteractionDirection direction,
        DateTime at, IReadOnlyList<Guid> contactIds, bool personalOccasion, Guid? excludeInteractionId, CancellationToken ct)
    {
        var rules = await settings.Current(ct);
        var zone = (await calendar.Current(ct)).Zone;
        var personalWithoutOptIn = personalOccasion && await NotEveryoneOptedIn(contactIds, ct);
        var outbound = direction == InteractionDirection.Outbound;
        var others = 0;
        if (outbound && rules.MaxContactsPerChannelPerWeek is not null)
        {
            var (start, end) = ContactBoundaries.WeekOf(at, zone);
            others = await db.Set<Interaction>().CountAsync(i => i.CustomerId == customerId && i.Channel == channel
                && i.Direction == InteractionDirection.Outbound && i.OccurredAt >= start && i.OccurredAt < end
                && (excludeInteractionId == null || i.Id != excludeInteractionId), ct);
        }
        return ContactBoundaries.Check(rules, zone, channel, at, outbound, others, personalWithoutOptIn);
    }

    private async Task<bool> NotEveryoneOptedIn(IReadOnlyList<Guid> contactIds, CancellationToken ct)
    {
        if (contactIds.Count == 0) return true;
        var ids = contactIds.ToList();
        var optedIn = await db.Set<ContactPreference>().CountAsync(p => ids.Contains(p.ContactId) && p.PersonalOccasionOptIn, ct);
        return optedIn < ids.Distinct().Count();
    }
}
