using Keqing.Modules.ReturnVisits.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.ReturnVisits.Data;

internal sealed class ReturnVisitConfiguration : IEntityTypeConfiguration<ReturnVisit>
{
    public void Configure(EntityTypeBuilder<ReturnVisit> b)
    {
        b.ToTable("returnvisits_visits");
        b.Property(x => x.SourceNumber).HasMaxLength(40);
        b.Property(x => x.Note).HasMaxLength(ReturnVisitRules.MaxText);
        b.Property(x => x.CancelReason).HasMaxLength(ReturnVisitRules.MaxReason);
        // One return visit per order or case, whoever schedules it and however often the event comes.
        b.HasIndex(x => new { x.Source, x.SourceId }).IsUnique();
        // "Mine" and the to-do section: open by owner, by due time.
        b.HasIndex(x => new { x.OwnerId, x.Status, x.DueAt });
        b.HasIndex(x => new { x.TeamId, x.Status, x.DueAt });
        b.HasIndex(x => x.CustomerId);
        b.HasIndex(x => x.FormVersionId);
    }
}

internal sealed class ReturnVisitFormConfiguration : IEntityTypeConfiguration<ReturnVisitForm>
{
    public void Configure(EntityTypeBuilder<ReturnVisitForm> b)
    {
        b.ToTable("returnvisits_forms");
        b.Property(x => x.Name).HasMaxLength(ReturnVisitRules.MaxName);
    }
}

internal sealed class ReturnVisitFormVersionConfiguration : IEntityTypeConfiguration<ReturnVisitFormVersion>
{
    public void Configure(EntityTypeBuilder<ReturnVisitFormVersion> b)
    {
        b.ToTable("returnvisits_form_versions");
        b.HasOne<ReturnVisitForm>().WithMany().HasForeignKey(x => x.FormId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.FormId, x.Number }).IsUnique();
    }
}

internal sealed class ReturnVisitRuleConfiguration : IEntityTypeConfiguration<ReturnVisitRule>
{
    public void Configure(EntityTypeBuilder<ReturnVisitRule> b) => b.ToTable("returnvisits_rules");
}
