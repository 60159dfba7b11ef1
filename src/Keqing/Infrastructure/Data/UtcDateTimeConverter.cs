using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Keqing.Infrastructure.Data;

/// <summary>Stores every DateTime as UTC and reads it back marked UTC, whatever the provider returns.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
