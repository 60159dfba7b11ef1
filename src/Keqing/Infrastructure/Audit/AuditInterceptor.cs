using System.Globalization;
using System.Text.Json;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Keqing.Infrastructure.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change of an <see cref="IAudited"/> entity and bumps
/// <see cref="IVersioned.Version"/>, inside the same SaveChanges, so no handler can forget either.
/// </summary>
public sealed class AuditInterceptor(CurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    private readonly HashSet<Guid> redactedRecords = [];

    /// <summary>
    /// Records this scope's changes of the record with every value shown as <c>***</c>: an erasure (DOMAIN P3) audits
    /// which fields it erased without copying the personal data it erases into the audit log.
    /// </summary>
    public void RedactValuesOf(Guid recordId) => redactedRecords.Add(recordId);

    /// <summary>Whether this scope records the record's changes redacted (an erasure changed it).</summary>
    public bool IsRedacted(Guid recordId) => redactedRecords.Contains(recordId);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Record(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Record(db);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = currentUser.UserIdOrNull;
        var entries = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            // Bookkeeping columns (a failed sign-in's counter, stamps) are not a new version: a stranger's wrong
            // passwords must not make an admin's pending edit of that user stale.
            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified
                    && !p.Metadata.IsShadowProperty() && p.Metadata.FindAnnotation(AuditAnnotations.Ignored) is null
                    && p.Metadata.Name != nameof(IVersioned.Version) && !Equals(p.OriginalValue, p.CurrentValue)))
                versioned.Version = (long)entry.Property(nameof(IVersioned.Version)).OriginalValue! + 1;

            if (entry.Entity is not IAudited audited) continue;
            var (action, changes) = entry.State switch
            {
                EntityState.Added => (AuditAction.Created, Describe(entry, added: true, redactedRecords.Contains(audited.Id))),
                EntityState.Modified => (AuditAction.Updated, Describe(entry, added: false, redactedRecords.Contains(audited.Id))),
                EntityState.Deleted => (AuditAction.Deleted, []),
                _ => (AuditAction.Updated, (List<AuditFieldChange>?)null),
            };
            if (changes is null || (action == AuditAction.Updated && changes.Count == 0)) continue;
            entries.Add(new AuditEntry
            {
                EntityType = Records.RecordTypes.KeyOf(entry.Metadata.ClrType),
                EntityId = audited.Id,
                Action = action,
                UserId = userId,
                At = now,
                Changes = JsonSerializer.Serialize(changes, JsonSerializerOptions.Web),
            });
        }
        db.Set<AuditEntry>().AddRange(entries);
    }

    private static List<AuditFieldChange> Describe(EntityEntry entry, bool added, bool redactAll)
    {
        var changes = new List<AuditFieldChange>();
        foreach (var property in entry.Properties)
        {
            var meta = property.Metadata;
            if (meta.IsShadowProperty() || meta.FindAnnotation(AuditAnnotations.Ignored) is not null) continue;
            if (meta.IsPrimaryKey() || meta.Name == nameof(IVersioned.Version)) continue;
            if (!added && !property.IsModified) continue;
            var redacted = redactAll || meta.FindAnnotation(AuditAnnotations.Redacted) is not null;
            var oldValue = added ? null : Render(property.OriginalValue);
            var newValue = Render(property.CurrentValue);
            if (!added && oldValue == newValue) continue;
            if (added && newValue is null) continue;
            changes.Add(redacted
                ? new AuditFieldChange(meta.Name, oldValue is null ? null : "***", newValue is null ? null : "***")
                : new AuditFieldChange(meta.Name, oldValue, newValue));
        }
        return changes;
    }

    private static string? Render(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => JsonSerializer.Serialize(e, JsonSerializerOptions.Web),
        _ => value.ToString(),
    };
}
