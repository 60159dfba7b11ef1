using Keqing.Modules.Portal.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Portal.Data;

internal sealed class PortalLinkConfiguration : IEntityTypeConfiguration<PortalLink>
{
    public void Configure(EntityTypeBuilder<PortalLink> b)
    {
        b.ToTable("portal_links");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.Property(x => x.Email).HasMaxLength(320);
    }
}

internal sealed class PortalLinkRequestConfiguration : IEntityTypeConfiguration<PortalLinkRequest>
{
    public void Configure(EntityTypeBuilder<PortalLinkRequest> b)
    {
        b.ToTable("portal_link_requests");
        b.Property(x => x.EmailHash).HasMaxLength(64);
        b.Property(x => x.Client).HasMaxLength(64);
        b.HasIndex(x => new { x.EmailHash, x.At });
        b.HasIndex(x => new { x.Client, x.At });
    }
}

internal sealed class PortalSettingsConfiguration : IEntityTypeConfiguration<PortalSettings>
{
    public void Configure(EntityTypeBuilder<PortalSettings> b)
    {
        b.ToTable("portal_settings");
        b.Property(x => x.CaseVisibility).HasConversion<string>().HasMaxLength(20);
    }
}
