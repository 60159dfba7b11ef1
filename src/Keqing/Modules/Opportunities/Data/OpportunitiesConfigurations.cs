using Keqing.Infrastructure.Money;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Opportunities.Data;

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> b)
    {
        b.ToTable("opportunities_pipelines");
        b.Property(x => x.Name).HasMaxLength(100);
    }
}

internal sealed class StageConfiguration : IEntityTypeConfiguration<Stage>
{
    public void Configure(EntityTypeBuilder<Stage> b)
    {
        b.ToTable("opportunities_stages");
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => new { x.PipelineId, x.Order });
        b.HasOne<Pipeline>().WithMany().HasForeignKey(x => x.PipelineId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CloseReasonConfiguration : IEntityTypeConfiguration<CloseReason>
{
    public void Configure(EntityTypeBuilder<CloseReason> b)
    {
        b.ToTable("opportunities_close_reasons");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Text).HasMaxLength(200);
    }
}

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> b)
    {
        b.ToTable("opportunities");
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasMoney(x => x.Amount);
        b.Property(x => x.ForecastCategory).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.NextStep).HasMaxLength(1000);
        b.Property(x => x.CloseReason).HasMaxLength(200);
        b.Property(x => x.LostTo).HasMaxLength(200);
        b.HasOne<Stage>().WithMany().HasForeignKey(x => x.StageId).OnDelete(DeleteBehavior.Restrict);
        const string live = "\"ArchivedAt\" IS NULL";
        // The board: a pipeline's open opportunities by stage (column totals), and a rep's or team's.
        b.HasIndex(x => new { x.PipelineId, x.Status, x.StageId }).HasFilter(live).HasDatabaseName("IX_opportunities_live_Board");
        // The forecast: open ones by expected close date, won ones by close date (one index each; PostgreSQL ORs their
        // bitmaps), then by owner or team for a rep's or a manager's share.
        b.HasIndex(x => new { x.Status, x.ExpectedCloseDate }).HasFilter(live).HasDatabaseName("IX_opportunities_live_Close");
        b.HasIndex(x => new { x.Status, x.ClosedAt }).HasFilter(live).HasDatabaseName("IX_opportunities_live_Closed");
        b.HasIndex(x => new { x.OwnerId, x.ExpectedCloseDate }).HasFilter(live).HasDatabaseName("IX_opportunities_live_Owner");
        b.HasIndex(x => new { x.TeamId, x.ExpectedCloseDate }).HasFilter(live).HasDatabaseName("IX_opportunities_live_Team");
        b.HasIndex(x => new { x.CreatedAt, x.Id }).HasFilter(live).HasDatabaseName("IX_opportunities_live_CreatedAt");
        b.HasIndex(x => new { x.CustomerId, x.Status });
        b.HasIndex(x => x.LeadId).HasFilter("\"LeadId\" IS NOT NULL");
    }
}

internal sealed class StageChangeConfiguration : IEntityTypeConfiguration<StageChange>
{
    public void Configure(EntityTypeBuilder<StageChange> b)
    {
        b.ToTable("opportunities_stage_changes");
        b.HasIndex(x => new { x.OpportunityId, x.ChangedAt });
        b.HasOne<Opportunity>().WithMany().HasForeignKey(x => x.OpportunityId).OnDelete(DeleteBehavior.Cascade);
    }
}
