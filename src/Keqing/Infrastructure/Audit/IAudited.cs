using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Infrastructure.Audit;

/// <summary>An entity whose every insert, update and delete the data layer records in the audit log.</summary>
public interface IAudited
{
    Guid Id { get; }
}

/// <summary>Marks properties in an entity's configuration for the audit log.</summary>
public static class AuditAnnotations
{
    public const string Redacted = "Keqing:AuditRedacted";
    public const string Ignored = "Keqing:AuditIgnored";

    /// <summary>The audit log records that this property changed, never its value.</summary>
    public static PropertyBuilder<T> AuditRedacted<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(Redacted, true);

    /// <summary>The audit log leaves this property out (derived or technical columns).</summary>
    public static PropertyBuilder<T> AuditIgnored<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(Ignored, true);
}
