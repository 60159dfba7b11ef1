using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Pools.Data;

internal sealed class CustomerLimitConfiguration : IEntityTypeConfiguration<CustomerLimit>
{
    public void Configure(EntityTypeBuilder<CustomerLimit> b)
    {
        b.ToTable("pools_customer_limits");
        // One limit per user and one per team.
        b.HasIndex(x => x.UserId).IsUnique().HasFilter("\"UserId\" IS NOT NULL");
        b.HasIndex(x => x.TeamId).IsUnique().HasFilter("\"TeamId\" IS NOT NULL");
    }
}
