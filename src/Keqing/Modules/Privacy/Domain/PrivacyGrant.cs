using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Audit;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Privacy.Domain;

/// <summary>An admin's setting of how far one role sees one category; a missing row means the built-in default.</summary>
[RecordType("privacy.grant", LegacyName = "PrivacyGrant")]
public sealed class PrivacyGrant : IAudited
{
    public Guid Id { get; set; } = OrderedId.New();
    public required string Role { get; set; }
    public Sensitivity Category { get; set; }
    public GrantLevel Level { get; set; }
}

/// <summary>The built-in grants (docs/privacy.md): need to know, and the sensitive categories mostly behind a reveal.</summary>
public static class DefaultGrants
{
    public static GrantLevel Of(string role, Sensitivity category) => (role, category) switch
    {
        (_, Sensitivity.None) => GrantLevel.See,
        ("Analyst", _) => GrantLevel.None,
        (_, Sensitivity.Contact) => GrantLevel.See,
        ("Admin", _) => GrantLevel.Reveal,
        ("SalesManager", Sensitivity.Private or Sensitivity.Family) => GrantLevel.See,
        ("SalesManager", _) => GrantLevel.Reveal,
        ("SalesRep", Sensitivity.Private) => GrantLevel.See,
        ("SalesRep", Sensitivity.Family or Sensitivity.Finance) => GrantLevel.Reveal,
        ("ServiceManager", Sensitivity.Private or Sensitivity.Health) => GrantLevel.Reveal,
        _ => GrantLevel.None,
    };
}
