using Keqing.Infrastructure.Audit;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Identity.Data;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("identity_users");
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.Property(x => x.PasswordHash).AuditRedacted();
        b.Property(x => x.SecurityStamp).AuditIgnored();
        b.Property(x => x.ConcurrencyStamp).AuditIgnored();
        b.Property(x => x.NormalizedEmail).AuditIgnored();
        b.Property(x => x.NormalizedUserName).AuditIgnored();
        b.Property(x => x.AccessFailedCount).AuditIgnored();
        b.Property(x => x.LockoutEnd).AuditIgnored();
        b.HasIndex(x => x.TeamId);
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> b) => b.ToTable("identity_roles");
}

internal sealed class IdentityTablesConfiguration :
    IEntityTypeConfiguration<IdentityUserRole<Guid>>, IEntityTypeConfiguration<IdentityUserClaim<Guid>>,
    IEntityTypeConfiguration<IdentityUserLogin<Guid>>, IEntityTypeConfiguration<IdentityRoleClaim<Guid>>,
    IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> b) => b.ToTable("identity_user_roles");
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> b) => b.ToTable("identity_user_claims");
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> b) => b.ToTable("identity_user_logins");
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> b) => b.ToTable("identity_role_claims");
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> b) => b.ToTable("identity_user_tokens");
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("identity_teams");
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => x.Name).IsUnique();
        b.HasIndex(x => x.ManagerId);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("identity_api_tokens");
        b.Property(x => x.TokenHash).HasMaxLength(32);
        b.Property(x => x.Label).HasMaxLength(100);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class RecordShareConfiguration : IEntityTypeConfiguration<RecordShare>
{
    public void Configure(EntityTypeBuilder<RecordShare> b)
    {
        b.ToTable("identity_record_shares");
        b.Property(x => x.RecordType).HasMaxLength(100);
        // One share per grantee and record (a repeated request finds it); a null team or user never collides on either provider.
        b.HasIndex(x => new { x.RecordType, x.TeamId, x.RecordId }).IsUnique();
        b.HasIndex(x => new { x.RecordType, x.UserId, x.RecordId }).IsUnique();
        b.HasIndex(x => new { x.RecordType, x.RecordId });
    }
}
