using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Features;

/// <summary>
/// Data-subject requests (DOMAIN P3, PIPL art. 45/47, GDPR art. 15/17/20): everything held about a person as a zip
/// (subject.json and one CSV per table), and erasure by anonymisation that keeps ids and aggregates, puts the person on
/// the suppression list and is audited. Admins only.
/// </summary>
public sealed class SubjectRequests(
    KeqingDb db, IDataSubjects subjects, IEnumerable<IPersonalDataStep> steps, SuppressionList suppression,
    AuditInterceptor audit, CurrentUser currentUser, TimeProvider clock) : ISubjectRequests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The zip of everything held about the subject.</summary>
    public async Task<byte[]> Export(DataSubject subject, CancellationToken ct)
    {
        EnsureAdmin();
        await EnsureExists(subject, ct);
        var parts = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<object>>>();
        foreach (var step in steps) parts[step.Part] = await step.Export(subject, ct);
        parts["privacy"] = await OwnData(subject, ct);
        var now = clock.GetUtcNow().UtcDateTime;

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var document = new { subject = new { type = subject.Type, id = subject.Id }, exportedAt = now, parts };
            Write(archive, "subject.json", JsonSerializer.Serialize(document, Json));
            foreach (var (part, tables) in parts)
            foreach (var (table, rows) in tables)
                Write(archive, $"{part}-{table}.csv", Csv(rows));
        }
        db.Add(Entry(subject, AuditAction.Exported, now, [new AuditFieldChange("parts", null, string.Join(",", parts.Keys))]));
        await db.SaveChangesAsync(ct);
        return zip.ToArray();
    }

    /// <summary>Anonymises the subject in every module, in one transaction, and records the erasure.</summary>
    public async Task<ErasureResult> Erase(DataSubject subject, ErasureRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("reason", request.Reason).MaxLength("reason", request.Reason, 500);
        if (request.Mode is not null && !request.Mode.Equals("anonymise", StringComparison.OrdinalIgnoreCase))
            errors.Add("mode", FieldErrors.Text("mode is anonymise: records stay (ids, amounts, counts) with their personal data replaced."));
        EnsureAdmin();
        errors.ThrowIfAny();
        var found = await EnsureExists(subject, ct);
        if (subject.Type == SubjectType.Customer && !found.IsPerson)
            throw new ValidationFailedException("id", FieldErrors.Text("An organisation is not a person: erase its contacts instead."));

        var erased = new Dictionary<string, int>();
        var all = new List<ErasedData>();
        foreach (var step in steps)
        {
            var result = await step.Erase(subject, ct);
            erased[step.Part] = result.Records;
            all.Add(result);
        }
        // Consents stay as evidence of what was allowed, without a source text that may name the person.
        var consents = await db.Set<Consent>().Where(c => c.SubjectType == subject.Type && c.SubjectId == subject.Id
            || (subject.Type == SubjectType.Customer && c.CustomerId == subject.Id)).ToListAsync(ct);
        foreach (var c in consents) c.Source = null;
        erased["consents"] = consents.Count;
        var suppressed = await suppression.Add(new ErasedData(0, all.SelectMany(a => a.Phones).ToList(),
            all.SelectMany(a => a.Emails).ToList(), all.SelectMany(a => a.NamesWithBirthdays).ToList()), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // Every other record a step erased (its contacts, records merged into it, interactions, tasks …) gets its own
        // erasure entry, so that record's audit trail no longer shows the values recorded before.
        foreach (var record in db.ChangeTracker.Entries<IAudited>()
                     .Where(e => e.State == EntityState.Modified && e.Entity.Id != subject.Id && audit.IsRedacted(e.Entity.Id)).ToList())
            db.Add(new AuditEntry
            {
                EntityType = Infrastructure.Records.RecordTypes.KeyOf(record.Metadata.ClrType), EntityId = record.Entity.Id, Action = AuditAction.Erased,
                UserId = currentUser.UserIdOrNull, At = now,
                Changes = JsonSerializer.Serialize(new[] { new AuditFieldChange(subject.Type == SubjectType.Customer ? "customerId" : "contactId", null, subject.Id.ToString()) },
                    JsonSerializerOptions.Web),
            });
        db.Add(Entry(subject, AuditAction.Erased, now, [
            new AuditFieldChange("reason", null, request.Reason!.Trim()),
            new AuditFieldChange("records", null, JsonSerializer.Serialize(erased)),
            new AuditFieldChange("suppressions", null, suppressed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]));
        await db.SaveChangesAsync(ct);
        return new ErasureResult(subject, now, erased, suppressed);
    }

    private void EnsureAdmin()
    {
        if (!currentUser.Can(PrivacyCapabilities.SubjectRequests)) throw new ForbiddenException(FieldErrors.Text("Only an admin handles data-subject requests."));
    }

    private async Task<DataSubjectInfo> EnsureExists(DataSubject subject, CancellationToken ct) =>
        await subjects.FindVisible(subject, ct) ?? throw new NotFoundException(subject.Type == SubjectType.Customer ? "customer" : "contact");

    /// <summary>Privacy's own records about the subject: consents, and the audit and access log of its records.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> OwnData(DataSubject subject, CancellationToken ct)
    {
        var ids = new List<Guid> { subject.Id };
        if (subject.Type == SubjectType.Customer) ids.AddRange(await subjects.ContactsOf(subject.Id, ct));
        var consents = await db.Set<Consent>().AsNoTracking().Where(c => ids.Contains(c.SubjectId)).OrderBy(c => c.RecordedAt).ToListAsync(ct);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => ids.Contains(a.EntityId)).OrderBy(a => a.Id).Take(10_000).ToListAsync(ct);
        return new Dictionary<string, IReadOnlyList<object>>
        {
            ["consents"] = consents.Select(c => (object)Consents.ToDto(c)).ToList(),
            ["audit"] = audit.Select(a => (object)new { a.Id, a.EntityType, a.EntityId, Action = a.Action.ToString(), a.UserId, a.At, a.Changes }).ToList(),
        };
    }

    private AuditEntry Entry(DataSubject subject, AuditAction action, DateTime now, IReadOnlyList<AuditFieldChange> changes) => new()
    {
        EntityType = subject.RecordType, EntityId = subject.Id, Action = action, UserId = currentUser.UserIdOrNull, At = now,
        Changes = JsonSerializer.Serialize(changes, JsonSerializerOptions.Web),
    };

    private static void Write(ZipArchive archive, string name, string content)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(true));
        writer.Write(content);
    }

    /// <summary>One CSV of rows: a column per top-level property; lists and objects as JSON text.</summary>
    private static string Csv(IReadOnlyList<object> rows)
    {
        var elements = rows.Select(r => JsonSerializer.SerializeToElement(r, r.GetType(), Json)).ToList();
        var columns = elements.SelectMany(e => e.ValueKind == JsonValueKind.Object ? e.EnumerateObject().Select(p => p.Name) : []).Distinct().ToList();
        var csv = new StringBuilder(SpreadsheetCells.CsvLine(columns)).Append("\r\n");
        foreach (var e in elements)
            csv.Append(SpreadsheetCells.CsvLine(columns.Select(c => e.TryGetProperty(c, out var v) ? Cell(v) : ""))).Append("\r\n");
        return csv.ToString();
    }

    private static string Cell(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Object or JsonValueKind.Array => v.GetRawText(),
        _ => v.GetRawText(),
    };

}
