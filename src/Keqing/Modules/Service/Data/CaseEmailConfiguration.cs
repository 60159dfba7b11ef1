using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Service.Data;

internal sealed class CaseEmailConfiguration : IEntityTypeConfiguration<CaseEmail>
{
    public void Configure(EntityTypeBuilder<CaseEmail> b)
    {
        b.ToTable("service_case_emails");
        b.Property(x => x.Direction).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.MessageId).HasMaxLength(500);
        b.Property(x => x.Address).HasMaxLength(320);
        // Threading looks a reply's In-Reply-To and References up here.
        b.HasIndex(x => x.MessageId);
        b.HasIndex(x => new { x.CaseId, x.At });
        b.HasOne<ServiceCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
