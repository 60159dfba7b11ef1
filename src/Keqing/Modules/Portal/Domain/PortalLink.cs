using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Portal.Contracts;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Portal.Domain;

/// <summary>
/// A one-time sign-in link sent to a contact's address: only the SHA-256 of its token is stored, it expires after
/// <c>Keqing:Portal:LinkMinutes</c> and is used once.
/// </summary>
public sealed class PortalLink
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public string TokenHash { get; set; } = "";
    [SubjectLink(SubjectType.Contact)] public Guid ContactId { get; set; }
    public Guid CustomerId { get; set; }
    /// <summary>The address the link was sent to: the contact's personal data, exported and erased with them.</summary>
    [Personal(Sensitivity.Contact)] public string Email { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}

/// <summary>
/// One request for a sign-in link, whether or not the address belongs to a contact: what the per-address and per-client
/// limits count, on every node alike. The address is kept only as a hash.
/// </summary>
public sealed class PortalLinkRequest
{
    public Guid Id { get; set; } = OrderedId.New();
    public string EmailHash { get; set; } = "";
    public string Client { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>The portal's settings (one row; absent until an admin saves them).</summary>
[RecordType("portal.settings")]
public sealed class PortalSettings : IAudited, IVersioned
{
    public static readonly Guid SingletonId = new("6f1e1d7a-0000-4000-8000-0000000000e1");
    public Guid Id { get; set; } = SingletonId;
    public PortalCaseVisibility CaseVisibility { get; set; } = PortalCaseVisibility.Organisation;
    public long Version { get; set; }
}
