using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Marks the service report's cells out of date in the same save as the change (ADR 0100): every save that adds,
/// deletes or changes what the report reads of a case (owner, team, category, creation, merge, resolution), its kept
/// figures (<see cref="CaseMeasure"/>) or its surveys' answers adds a <see cref="ServiceReportMark"/> for the case's key
/// before the change and after it. Watching the change tracker, not the features, catches every path that changes a
/// case (assigning, auto-assignment, the team queue, hand-over, merge, a survey answer) and those written later.
/// Bulk statements (ExecuteUpdate) bypass it: none changes those fields today; one that does must add marks itself.
/// </summary>
public sealed class ServiceReportMarking : SaveChangesInterceptor
{
    private static readonly string[] CaseFields =
    [
        nameof(ServiceCase.OwnerId), nameof(ServiceCase.TeamId), nameof(ServiceCase.CategoryId), nameof(ServiceCase.CreatedAt),
        nameof(ServiceCase.MergedIntoId), nameof(ServiceCase.ResolvedAt),
    ];

    private static readonly string[] SurveyFields = [nameof(CaseSurvey.CaseId), nameof(CaseSurvey.AnsweredAt), nameof(CaseSurvey.Csat), nameof(CaseSurvey.Nps)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Mark(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) await Mark(db, cancellationToken);
        return result;
    }

    private static async Task Mark(DbContext db, CancellationToken ct)
    {
        var tracked = db.ChangeTracker.Entries().ToList();
        var entries = tracked.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var keys = new HashSet<(Guid OwnerId, DateTime CreatedAt)>();
        var casesOf = new HashSet<Guid>();
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case ServiceCase c:
                    if (entry.State != EntityState.Added && (entry.State == EntityState.Deleted || CaseFields.Any(f => entry.Property(f).IsModified)))
                        keys.Add(OriginalKey(entry));
                    if (entry.State == EntityState.Added || (entry.State == EntityState.Modified && CaseFields.Any(f => entry.Property(f).IsModified)))
                        keys.Add((c.OwnerId, c.CreatedAt));
                    break;
                case CaseMeasure m:
                    casesOf.Add(m.CaseId);
                    break;
                case CaseSurvey s when entry.State != EntityState.Modified || SurveyFields.Any(f => entry.Property(f).IsModified):
                    casesOf.Add(s.CaseId);
                    if (entry.State == EntityState.Modified) casesOf.Add((Guid)entry.Property(nameof(CaseSurvey.CaseId)).OriginalValue!);
                    break;
            }
        }
        foreach (var caseId in casesOf)
        {
            if (tracked.FirstOrDefault(e => e.Entity is ServiceCase x && x.Id == caseId) is { } caseEntry)
            {
                var c = (ServiceCase)caseEntry.Entity;
                keys.Add(caseEntry.State == EntityState.Deleted ? OriginalKey(caseEntry) : (c.OwnerId, c.CreatedAt));
                continue;
            }
            var stored = await db.Set<ServiceCase>().AsNoTracking().Where(x => x.Id == caseId)
                .Select(x => new { x.OwnerId, x.CreatedAt }).FirstOrDefaultAsync(ct);
            if (stored is not null) keys.Add((stored.OwnerId, stored.CreatedAt));
        }
        foreach (var (ownerId, createdAt) in keys) db.Add(new ServiceReportMark { OwnerId = ownerId, CreatedAt = createdAt });
    }

    private static (Guid, DateTime) OriginalKey(EntityEntry entry) =>
        ((Guid)entry.Property(nameof(ServiceCase.OwnerId)).OriginalValue!, (DateTime)entry.Property(nameof(ServiceCase.CreatedAt)).OriginalValue!);
}
