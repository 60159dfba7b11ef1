using Keqing.Modules.Calendar.Domain;
using Keqing.Modules.Calendar.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Calendar.Data;

internal sealed class CompanyCalendarConfiguration : IEntityTypeConfiguration<CompanyCalendar>
{
    public void Configure(EntityTypeBuilder<CompanyCalendar> b)
    {
        b.ToTable("calendar_company");
        b.Property(x => x.TimeZone).HasMaxLength(64);
        b.Property(x => x.Name).HasMaxLength(CompanyCalendarStore.MaxNameLength);
    }
}
