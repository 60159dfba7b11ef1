using Keqing.Modules.Approvals.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Approvals.Data;

internal sealed class ApprovalFlowConfiguration : IEntityTypeConfiguration<ApprovalFlow>
{
    public void Configure(EntityTypeBuilder<ApprovalFlow> b)
    {
        b.ToTable("approvals_flows");
        b.Property(x => x.RecordType).HasMaxLength(60);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.DiscountAbovePercent).HasPrecision(7, 4);
        b.Property(x => x.AmountCurrency).HasMaxLength(3).IsUnicode(false);
        b.Property(x => x.CustomerGrades).HasMaxLength(500);
        b.HasIndex(x => new { x.RecordType, x.Active, x.Priority });
    }
}

internal sealed class ApprovalFlowStepConfiguration : IEntityTypeConfiguration<ApprovalFlowStep>
{
    public void Configure(EntityTypeBuilder<ApprovalFlowStep> b)
    {
        b.ToTable("approvals_flow_steps");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Approver).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Fallback).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Role).HasMaxLength(40);
        b.Property(x => x.FallbackRole).HasMaxLength(40);
        b.Property(x => x.UserIds).HasMaxLength(2000);
        b.HasIndex(x => new { x.FlowId, x.Order });
        b.HasOne<ApprovalFlow>().WithMany().HasForeignKey(x => x.FlowId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> b)
    {
        b.ToTable("approvals_requests");
        b.Property(x => x.RecordType).HasMaxLength(60);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Href).HasMaxLength(300);
        b.Property(x => x.DiscountPercent).HasPrecision(7, 4);
        b.Property(x => x.DiscountLimitPercent).HasPrecision(7, 4);
        b.Property(x => x.AmountCurrency).HasMaxLength(3).IsUnicode(false);
        b.Property(x => x.CustomerGrade).HasMaxLength(40);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Reason).HasMaxLength(500);
        // The latest request of a record (StateOf, and "one pending request per record").
        b.HasIndex(x => new { x.RecordType, x.RecordId, x.SubmittedAt });
        b.HasIndex(x => new { x.SubmittedBy, x.SubmittedAt });
    }
}

internal sealed class ApprovalStepConfiguration : IEntityTypeConfiguration<ApprovalStep>
{
    public void Configure(EntityTypeBuilder<ApprovalStep> b)
    {
        b.ToTable("approvals_steps");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(200);
        b.HasIndex(x => new { x.RequestId, x.Order });
        b.HasOne<ApprovalRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApprovalTaskConfiguration : IEntityTypeConfiguration<ApprovalTask>
{
    public void Configure(EntityTypeBuilder<ApprovalTask> b)
    {
        b.ToTable("approvals_tasks");
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Comment).HasMaxLength(500);
        // "Waiting for me" and its count; "decided by me".
        b.HasIndex(x => new { x.ApproverId, x.Status });
        b.HasIndex(x => x.RequestId);
        b.HasOne<ApprovalRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ApprovalStep>().WithMany().HasForeignKey(x => x.StepId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApprovalActionConfiguration : IEntityTypeConfiguration<ApprovalAction>
{
    public void Configure(EntityTypeBuilder<ApprovalAction> b)
    {
        b.ToTable("approvals_actions");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.StepName).HasMaxLength(100);
        b.Property(x => x.Comment).HasMaxLength(500);
        b.HasIndex(x => new { x.RequestId, x.At });
        b.HasOne<ApprovalRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApprovalDelegationConfiguration : IEntityTypeConfiguration<ApprovalDelegation>
{
    public void Configure(EntityTypeBuilder<ApprovalDelegation> b)
    {
        b.ToTable("approvals_delegations");
        b.HasIndex(x => new { x.FromUserId, x.EndsAt });
    }
}
