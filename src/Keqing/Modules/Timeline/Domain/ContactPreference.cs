using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Timeline.Domain;

/// <summary>A contact's wishes about being contacted (DOMAIN P4): whether they invited personal-occasion contact.</summary>
[RecordType("timeline.contact-preference", LegacyName = "ContactPreference")]
public sealed class ContactPreference : Infrastructure.Audit.IAudited
{
    public Guid Id => ContactId;
    public Guid ContactId { get; set; }
    public Guid CustomerId { get; set; }
    public bool PersonalOccasionOptIn { get; set; }
    public DateTime UpdatedAt { get; set; }
}
