using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Customers.Domain;

/// <summary>A field an admin added to customers without a code change; it shows in forms, grid and API.</summary>
[RecordType("customers.custom-field", LegacyName = "CustomFieldDefinition")]
public sealed class CustomFieldDefinition : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>The key in <c>customFields</c>: lower camelCase letters and digits.</summary>
    public required string Key { get; set; }
    public required string Label { get; set; }
    public CustomFieldType Type { get; set; }
    public List<string> Options { get; set; } = [];
    public bool Required { get; set; }
    public int Position { get; set; }
    /// <summary>The personal-data category of its values (DOMAIN P1); roles without it see <c>***</c>.</summary>
    public Keqing.Modules.Privacy.Contracts.Sensitivity Sensitivity { get; set; }
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
}
