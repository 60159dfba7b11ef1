namespace Keqing.Modules.Timeline.Contracts;

/// <summary>
/// The contact-boundary check (DOMAIN P4) every channel that reaches a customer must ask before it does: logged and
/// scheduled contacts here, and later campaigns, email and SMS sends, notifications to customers. It looks up what the
/// rules need (settings, this week's contacts, opt-ins) and answers with warnings; a caller that goes ahead despite
/// them records that with Privacy's <c>IBoundaryOverrideLog</c>, which feeds the admin's override report.
/// </summary>
public interface IContactBoundaryCheck
{
    /// <summary>The warnings for a contact (logged or scheduled) with a customer.</summary>
    Task<IReadOnlyList<BoundaryWarning>> Check(Guid customerId, InteractionChannel channel, InteractionDirection direction,
        DateTime at, IReadOnlyList<Guid> contactIds, bool personalOccasion, Guid? excludeInteractionId, CancellationToken ct);
}
