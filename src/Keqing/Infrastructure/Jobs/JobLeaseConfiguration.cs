using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Infrastructure.Jobs;

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable(JobLeases.Table);
        b.HasKey(x => new { x.Job, x.Item });
        b.Property(x => x.Job).HasMaxLength(100);
        b.Property(x => x.Owner).HasMaxLength(100);
    }
}
