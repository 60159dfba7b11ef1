using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Audit;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Privacy.Domain;

/// <summary>
/// A person's consent, or refusal, to one purpose over one channel (DOMAIN P2), with where it came from; withdrawing
/// keeps the row (the history is evidence) and stamps <see cref="WithdrawnAt"/>.
/// </summary>
[RecordType("privacy.consent", LegacyName = "Consent")]
public sealed class Consent : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public SubjectType SubjectType { get; set; }
    public Guid SubjectId { get; set; }
    /// <summary>The customer the subject belongs to (itself for a customer): consents follow its record access.</summary>
    public Guid CustomerId { get; set; }
    public ConsentPurpose Purpose { get; set; }
    public ConsentChannel Channel { get; set; }
    public bool Granted { get; set; }
    /// <summary>How it was given: a signed form, the web shop's checkbox, a recorded call …</summary>
    public string? Source { get; set; }
    public DateTime RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public Guid? WithdrawnBy { get; set; }
}
