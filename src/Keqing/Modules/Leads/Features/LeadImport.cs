using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>Leads for the import pipeline, made one by one through <see cref="CreateLead"/>; see <see cref="ILeadImport"/>.</summary>
public sealed class LeadImport(KeqingDb db, CreateLead create) : ILeadImport
{
    public IReadOnlyList<string> Validate(LeadInput input) =>
        [.. CreateLead.Problems(input).Select(p => $"{p.Field}: {p.Message}")];

    public async Task<IReadOnlyDictionary<int, Guid>> FindExisting(IReadOnlyList<LeadImportRow> rows, CancellationToken ct)
    {
        var keys = rows.ToDictionary(r => r.RowNo, r => Keys(r.Input).ToList());
        var phones = keys.Values.SelectMany(k => k).Where(k => k.Kind == LeadLookupKind.Phone).Select(k => k.Value).Distinct().ToList();
        var emails = keys.Values.SelectMany(k => k).Where(k => k.Kind == LeadLookupKind.Email).Select(k => k.Value).Distinct().ToList();
        if (phones.Count + emails.Count == 0) return new Dictionary<int, Guid>();
        var held = await db.Set<LeadLookup>().AsNoTracking()
            .Where(l => (l.Kind == LeadLookupKind.Phone && phones.Contains(l.Value)) || (l.Kind == LeadLookupKind.Email && emails.Contains(l.Value)))
            .Join(db.Set<Lead>().Where(x => x.ArchivedAt == null), l => l.LeadId, x => x.Id, (l, x) => new { l.Kind, l.Value, l.LeadId })
            .ToListAsync(ct);
        var byKey = held.GroupBy(h => (h.Kind, h.Value)).ToDictionary(g => g.Key, g => g.Min(h => h.LeadId));
        var found = new Dictionary<int, Guid>();
        foreach (var (rowNo, rowKeys) in keys)
            foreach (var key in rowKeys)
                if (byKey.TryGetValue(key, out var leadId)) { found[rowNo] = leadId; break; }
        return found;
    }

    public async Task<IReadOnlyList<LeadImportResult>> Write(IReadOnlyList<LeadImportRow> rows, Guid importerId, CancellationToken ct)
    {
        var existing = await FindExisting(rows, ct);
        var inBatch = new Dictionary<(LeadLookupKind, string), Guid>();
        var results = new List<LeadImportResult>(rows.Count);
        foreach (var row in rows)
        {
            var keys = Keys(row.Input).ToList();
            if (existing.TryGetValue(row.RowNo, out var leadId) || keys.Any(k => inBatch.TryGetValue(k, out leadId)))
            {
                results.Add(new LeadImportResult(row.RowNo, false, leadId));
                continue;
            }
            var lead = await create.Add(row.Input with { Source = LeadSource.Import }, importerId, importerId, ct);
            foreach (var key in keys) inBatch.TryAdd(key, lead.Id);
            results.Add(new LeadImportResult(row.RowNo, true, lead.Id));
        }
        await db.SaveChangesAsync(ct);
        return results;
    }

    private static IEnumerable<(LeadLookupKind Kind, string Value)> Keys(LeadInput input) =>
        (input.Phones ?? []).Select(ContactPoints.NormalizePhone).OfType<string>().Select(v => (LeadLookupKind.Phone, v))
            .Concat((input.Emails ?? []).Select(ContactPoints.NormalizeEmail).OfType<string>().Select(v => (LeadLookupKind.Email, v)));
}
