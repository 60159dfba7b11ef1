using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Service.Data;

internal sealed class ServiceReportCellConfiguration : IEntityTypeConfiguration<ServiceReportCell>
{
    public void Configure(EntityTypeBuilder<ServiceReportCell> b)
    {
        b.ToTable("service_report_cells");
        b.HasKey(x => new { x.Day, x.OwnerId, x.TeamId, x.CategoryId });
    }
}

internal sealed class ServiceReportMarkConfiguration : IEntityTypeConfiguration<ServiceReportMark>
{
    public void Configure(EntityTypeBuilder<ServiceReportMark> b)
    {
        b.ToTable("service_report_marks");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}

internal sealed class ServiceReportStateConfiguration : IEntityTypeConfiguration<ServiceReportState>
{
    public void Configure(EntityTypeBuilder<ServiceReportState> b)
    {
        b.ToTable("service_report_state");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Zone).HasMaxLength(100);
    }
}
