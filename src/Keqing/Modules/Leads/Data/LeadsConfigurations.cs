using Keqing.Infrastructure.Audit;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Leads.Data;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.ToTable("leads");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Company).HasMaxLength(200);
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Province).HasMaxLength(50);
        b.Property(x => x.City).HasMaxLength(50);
        b.Property(x => x.Industry).HasMaxLength(100);
        b.Property(x => x.CreditCode).HasMaxLength(18);
        b.Property(x => x.SourceDetail).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.DisqualifyReason).HasMaxLength(200);
        b.Property(x => x.CompanySize).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.LegalBasis).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.SearchText).HasMaxLength(2000).AuditIgnored();
        // Derived by the scoring rules (re-computed daily and when the rules change): neither an edit nor a new version.
        b.Property(x => x.Score).AuditIgnored();
        b.Property(x => x.HotNotifiedAt).AuditIgnored();
        b.Property(x => x.ScoredAt).AuditIgnored();
        b.Property(x => x.ScoredWithRules).AuditIgnored();
        const string live = "\"ArchivedAt\" IS NULL";
        // Keyset lists: newest first overall, a rep's own, a manager's team's; by status for the open ones.
        b.HasIndex(x => new { x.CreatedAt, x.Id }).HasFilter(live).HasDatabaseName("IX_leads_live_CreatedAt");
        b.HasIndex(x => new { x.OwnerId, x.Status, x.CreatedAt }).HasFilter(live).HasDatabaseName("IX_leads_live_Owner");
        b.HasIndex(x => new { x.TeamId, x.Status, x.CreatedAt }).HasFilter(live).HasDatabaseName("IX_leads_live_Team");
        // The response clock's scan: unanswered leads by their next deadline.
        b.HasIndex(x => x.RemindAt).HasFilter("\"FirstRespondedAt\" IS NULL AND \"ReminderSentAt\" IS NULL").HasDatabaseName("IX_leads_remind");
        b.HasIndex(x => x.RespondBy).HasFilter("\"FirstRespondedAt\" IS NULL AND \"BreachAlertedAt\" IS NULL").HasDatabaseName("IX_leads_breach");
        b.HasIndex(x => x.ConvertedCustomerId).HasFilter("\"ConvertedCustomerId\" IS NOT NULL");
    }
}

internal sealed class LeadLookupConfiguration : IEntityTypeConfiguration<LeadLookup>
{
    public void Configure(EntityTypeBuilder<LeadLookup> b)
    {
        b.ToTable("leads_lookups");
        b.HasKey(x => new { x.Kind, x.Value, x.LeadId });
        b.Property(x => x.Kind).HasConversion<short>();
        b.Property(x => x.Value).HasMaxLength(320);
        b.HasIndex(x => x.LeadId);
        b.HasOne<Lead>().WithMany().HasForeignKey(x => x.LeadId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadActivityConfiguration : IEntityTypeConfiguration<LeadActivity>
{
    public void Configure(EntityTypeBuilder<LeadActivity> b)
    {
        b.ToTable("leads_activities");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.HasIndex(x => new { x.LeadId, x.OccurredAt, x.Id });
        b.HasOne<Lead>().WithMany().HasForeignKey(x => x.LeadId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadFormConfiguration : IEntityTypeConfiguration<LeadForm>
{
    public void Configure(EntityTypeBuilder<LeadForm> b)
    {
        b.ToTable("leads_forms");
        b.Property(x => x.Key).HasMaxLength(40);
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Fields).HasMaxLength(20000);
        b.Property(x => x.TitleZh).HasMaxLength(200);
        b.Property(x => x.TitleEn).HasMaxLength(200);
        b.Property(x => x.ThankYouZh).HasMaxLength(2000);
        b.Property(x => x.ThankYouEn).HasMaxLength(2000);
        b.Property(x => x.ConsentTextZh).HasMaxLength(2000);
        b.Property(x => x.ConsentTextEn).HasMaxLength(2000);
        b.Property(x => x.ConsentVersion).HasMaxLength(40);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.SourceDetail).HasMaxLength(200);
    }
}

internal sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> b)
    {
        b.ToTable("leads_form_submissions");
        b.Property(x => x.Values).HasMaxLength(20000);
        b.Property(x => x.ConsentVersion).HasMaxLength(40);
        b.HasIndex(x => new { x.FormId, x.SubmittedAt });
        b.HasIndex(x => x.LeadId);
        b.HasIndex(x => x.CustomerId);
    }
}

internal sealed class LeadAssignmentRuleConfiguration : IEntityTypeConfiguration<LeadAssignmentRule>
{
    public void Configure(EntityTypeBuilder<LeadAssignmentRule> b)
    {
        b.ToTable("leads_assignment_rules");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Target).HasConversion<string>().HasMaxLength(20);
        b.PrimitiveCollection(x => x.Sources).ElementType().HasConversion<string>();
        b.PrimitiveCollection(x => x.CompanySizes).ElementType().HasConversion<string>();
        b.HasIndex(x => x.Order);
    }
}

internal sealed class LeadScoringRuleConfiguration : IEntityTypeConfiguration<LeadScoringRule>
{
    public void Configure(EntityTypeBuilder<LeadScoringRule> b)
    {
        b.ToTable("leads_scoring_rules");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Field).HasMaxLength(40);
        b.Property(x => x.Operator).HasMaxLength(20);
        b.Property(x => x.Activity).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class DisqualifyReasonConfiguration : IEntityTypeConfiguration<DisqualifyReason>
{
    public void Configure(EntityTypeBuilder<DisqualifyReason> b)
    {
        b.ToTable("leads_disqualify_reasons");
        b.Property(x => x.Text).HasMaxLength(200);
    }
}

internal sealed class LeadSettingsConfiguration : IEntityTypeConfiguration<LeadSettings>
{
    public void Configure(EntityTypeBuilder<LeadSettings> b) => b.ToTable("leads_settings");
}
