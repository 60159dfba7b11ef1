using Keqing.Infrastructure.Text;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Service.Data;

internal sealed class ServiceCaseConfiguration : IEntityTypeConfiguration<ServiceCase>
{
    public void Configure(EntityTypeBuilder<ServiceCase> b)
    {
        b.ToTable("service_cases");
        b.Property(x => x.Number).HasMaxLength(40);
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(10_000);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Priority).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Language).HasMaxLength(LanguageTag.MaxLength);
        b.Ignore(x => x.IsOpen);
        b.HasIndex(x => x.Number).IsUnique();
        // The lists: newest first, by owner (我的工单), by team (the queue), by customer (its other open cases, complaints).
        b.HasIndex(x => new { x.CreatedAt, x.Id });
        b.HasIndex(x => new { x.OwnerId, x.Status });
        b.HasIndex(x => new { x.TeamId, x.Status });
        b.HasIndex(x => new { x.CustomerId, x.Status });
        b.HasIndex(x => x.ContactId).HasFilter("\"ContactId\" IS NOT NULL");
    }
}

internal sealed class CaseMessageConfiguration : IEntityTypeConfiguration<CaseMessage>
{
    public void Configure(EntityTypeBuilder<CaseMessage> b)
    {
        b.ToTable("service_messages");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Body).HasMaxLength(20_000);
        b.HasIndex(x => new { x.CaseId, x.At });
        b.HasOne<ServiceCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> b)
    {
        b.ToTable("service_attachments");
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.HasIndex(x => new { x.CaseId, x.MessageId });
        b.HasOne<ServiceCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseLinkConfiguration : IEntityTypeConfiguration<CaseLink>
{
    public void Configure(EntityTypeBuilder<CaseLink> b)
    {
        b.ToTable("service_links");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.CaseId, x.OtherCaseId }).IsUnique();
        b.HasIndex(x => x.OtherCaseId);
    }
}

internal sealed class CaseCategoryConfiguration : IEntityTypeConfiguration<CaseCategory>
{
    public void Configure(EntityTypeBuilder<CaseCategory> b)
    {
        b.ToTable("service_categories");
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.ParentId);
    }
}
