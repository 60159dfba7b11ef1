using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Pools.Data;

internal sealed class PoolConfiguration : IEntityTypeConfiguration<Pool>
{
    public void Configure(EntityTypeBuilder<Pool> b)
    {
        b.ToTable("pools_pools");
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.PoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Rules).WithOne().HasForeignKey(x => x.PoolId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PoolMemberConfiguration : IEntityTypeConfiguration<PoolMember>
{
    public void Configure(EntityTypeBuilder<PoolMember> b)
    {
        b.ToTable("pools_members");
        b.HasIndex(x => new { x.PoolId, x.TeamId });
        b.HasIndex(x => new { x.PoolId, x.UserId });
        b.HasIndex(x => x.UserId);
        b.HasIndex(x => x.TeamId);
    }
}

internal sealed class PoolRuleConfiguration : IEntityTypeConfiguration<PoolRule>
{
    public void Configure(EntityTypeBuilder<PoolRule> b)
    {
        b.ToTable("pools_rules");
        // Stored as Customers stores a grade ("A" … "D"), so the job's SQL compares the two columns directly.
        b.Property(x => x.Grade).HasConversion<string>().HasMaxLength(1);
        b.HasIndex(x => x.PoolId);
    }
}

internal sealed class PoolCustomerConfiguration : IEntityTypeConfiguration<PoolCustomer>
{
    public void Configure(EntityTypeBuilder<PoolCustomer> b)
    {
        b.ToTable("pools_customers");
        b.HasKey(x => x.CustomerId);
        b.Property(x => x.Reason).HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(500);
        // A pool's list, newest arrivals first, paged by (InPoolSince, CustomerId).
        b.HasIndex(x => new { x.PoolId, x.InPoolSince, x.CustomerId }).HasFilter("\"PoolId\" IS NOT NULL").IsDescending(false, true, true);
        b.HasIndex(x => x.RunId).HasFilter("\"RunId\" IS NOT NULL");
        // The recycle job's due sets: owned, unlocked customers whose clock started before a cutoff (see RecycleCustomers).
        b.HasIndex(x => x.FollowUpFrom).HasFilter("\"PoolId\" IS NULL AND \"LockedAt\" IS NULL").HasDatabaseName("IX_pools_customers_due_FollowUpFrom");
        b.HasIndex(x => x.OwnedFrom).HasFilter("\"PoolId\" IS NULL AND \"LockedAt\" IS NULL").HasDatabaseName("IX_pools_customers_due_OwnedFrom");
    }
}

internal sealed class PoolMoveConfiguration : IEntityTypeConfiguration<PoolMove>
{
    public void Configure(EntityTypeBuilder<PoolMove> b)
    {
        b.ToTable("pools_moves");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Reason).HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => new { x.CustomerId, x.At });
        // The daily quota: a member's claims since the start of their day.
        b.HasIndex(x => new { x.ToOwnerId, x.Kind, x.At });
        // The reclaim wait: when a rep last lost a customer.
        b.HasIndex(x => new { x.FromOwnerId, x.CustomerId, x.At });
        // RunId (the recycle run that made a move) is kept for the record, not indexed: nothing reads moves by run, and
        // every recycled move would pay for the index.
    }
}

internal sealed class PoolWarningConfiguration : IEntityTypeConfiguration<PoolWarning>
{
    public void Configure(EntityTypeBuilder<PoolWarning> b)
    {
        b.ToTable("pools_warnings");
        b.HasKey(x => new { x.CustomerId, x.DueAt });
        // The to-do centre reads an owner's standing warnings (PoolsTodo): without it, every call scans all warnings.
        b.HasIndex(x => new { x.OwnerId, x.DueAt });
    }
}
