using Keqing.Infrastructure.Audit;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Service.Data;

internal sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> b)
    {
        b.ToTable("service_skills");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Value).HasMaxLength(100);
        b.HasIndex(x => new { x.Kind, x.Value }).IsUnique();
    }
}

internal sealed class AgentProfileConfiguration : IEntityTypeConfiguration<AgentProfile>
{
    public void Configure(EntityTypeBuilder<AgentProfile> b)
    {
        b.ToTable("service_agents");
        b.Property(x => x.LastAssignedAt).AuditIgnored(); // technical: written by every assignment
        b.HasIndex(x => x.UserId).IsUnique();
    }
}

internal sealed class AgentSkillConfiguration : IEntityTypeConfiguration<AgentSkill>
{
    public void Configure(EntityTypeBuilder<AgentSkill> b)
    {
        b.ToTable("service_agent_skills");
        b.HasIndex(x => new { x.UserId, x.SkillId }).IsUnique();
        b.HasIndex(x => x.SkillId);
        b.HasOne<Skill>().WithMany().HasForeignKey(x => x.SkillId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamAssignmentConfiguration : IEntityTypeConfiguration<TeamAssignment>
{
    public void Configure(EntityTypeBuilder<TeamAssignment> b)
    {
        b.ToTable("service_team_assignment");
        b.HasIndex(x => x.TeamId).IsUnique();
    }
}

internal sealed class QueuedCaseConfiguration : IEntityTypeConfiguration<QueuedCase>
{
    public void Configure(EntityTypeBuilder<QueuedCase> b)
    {
        b.ToTable("service_queue");
        b.HasIndex(x => x.CaseId).IsUnique();
        // The queue page: a team's cases, oldest first (keyset on QueuedAt, Id).
        b.HasIndex(x => new { x.TeamId, x.QueuedAt, x.Id });
        b.HasOne<ServiceCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
