using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Infrastructure.Calendar;

internal sealed class CompanyCalendarConfiguration : IEntityTypeConfiguration<CompanyCalendar>
{
    public void Configure(EntityTypeBuilder<CompanyCalendar> b)
    {
        b.ToTable("infra_calendar");
        b.Property(x => x.TimeZone).HasMaxLength(64);
    }
}
