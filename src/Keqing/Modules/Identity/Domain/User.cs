using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Identity.Domain;

/// <summary>An employee who signs in to Keqing.</summary>
[RecordType("identity.user", LegacyName = "User")]
public sealed class User : IdentityUser<Guid>, IAudited, IVersioned
{
    public User() => Id = OrderedId.New();

    public string DisplayName { get; set; } = "";
    public Guid? TeamId { get; set; }
    /// <summary>A deactivated user can neither sign in nor use a token; their records stay in the archive.</summary>
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>A role (Admin, SalesRep …); what each may do is in <see cref="Contracts.Roles"/>.</summary>
public sealed class Role : IdentityRole<Guid>
{
    public Role() => Id = OrderedId.New();
}
