using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Service.Data;

internal sealed class CaseSurveyConfiguration : IEntityTypeConfiguration<CaseSurvey>
{
    public void Configure(EntityTypeBuilder<CaseSurvey> b)
    {
        b.ToTable("service_surveys");
        b.Property(x => x.Culture).HasMaxLength(10);
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.HasIndex(x => new { x.CaseId, x.SentAt });
        b.HasIndex(x => x.ContactId);
        b.HasOne<ServiceCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseReviewConfiguration : IEntityTypeConfiguration<CaseReview>
{
    public void Configure(EntityTypeBuilder<CaseReview> b)
    {
        b.ToTable("service_reviews");
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasIndex(x => x.CaseId).IsUnique();
        b.HasOne<ServiceCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseMeasureConfiguration : IEntityTypeConfiguration<CaseMeasure>
{
    public void Configure(EntityTypeBuilder<CaseMeasure> b)
    {
        b.ToTable("service_case_measures");
        b.HasKey(x => x.CaseId);
        b.HasOne<ServiceCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
