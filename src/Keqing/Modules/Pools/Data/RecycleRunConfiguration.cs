using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Pools.Data;

internal sealed class RecycleRunConfiguration : IEntityTypeConfiguration<RecycleRun>
{
    public void Configure(EntityTypeBuilder<RecycleRun> b)
    {
        b.ToTable("pools_recycle_runs");
        b.HasIndex(x => x.At);
    }
}
