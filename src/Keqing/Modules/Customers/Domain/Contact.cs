using Keqing.Modules.Privacy.Contracts;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Customers.Domain;

/// <summary>A key person of a customer (DOMAIN A3): how to reach them and what matters to them.</summary>
[RecordType("customers.contact", LegacyName = "Contact")]
public sealed class Contact : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CustomerId { get; set; }
    public string Name { get; set; } = "";
    public string? Title { get; set; }
    [Personal(Sensitivity.Contact)] public List<string> Phones { get; set; } = [];
    [Personal(Sensitivity.Contact)] public List<string> Emails { get; set; } = [];
    [Personal(Sensitivity.Private)] public DateOnly? Birthday { get; set; }
    [Personal(Sensitivity.Private)] public string? Hobbies { get; set; }
    [Personal(Sensitivity.Private)] public string? Notes { get; set; }
    /// <summary>Family background (DOMAIN A3): spouse, children, what matters at home — category family (P1).</summary>
    [Personal(Sensitivity.Family)] public string? Family { get; set; }
    /// <summary>Where this person's data came from.</summary>
    public string? Source { get; set; }
    /// <summary>The lawful basis for holding this person's data (DOMAIN P2).</summary>
    public LegalBasis LegalBasis { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}
