using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>
/// Dispatches in a data-subject request about a customer (DOMAIN P3): the agent's note and the technician's result are
/// about the customer's equipment and premises; export lists them, erasure removes both notes and keeps who was sent
/// when and the outcome.
/// </summary>
public sealed class DispatchPersonalData(KeqingDb db, AuditInterceptor audit) : IPersonalDataStep
{
    public string Part => "field-dispatches";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> Export(DataSubject subject, CancellationToken ct)
    {
        if (subject.Type != SubjectType.Customer) return new Dictionary<string, IReadOnlyList<object>>();
        var dispatches = await db.Set<Dispatch>().AsNoTracking().Where(d => d.CustomerId == subject.Id).OrderBy(d => d.WindowFrom).ToListAsync(ct);
        return new Dictionary<string, IReadOnlyList<object>>
        {
            ["dispatches"] = dispatches.Select(d => (object)new { d.Id, d.RecordLabel, d.WindowFrom, d.WindowTo, d.Note, d.Status, d.ResultNote, d.ResultAt }).ToList(),
        };
    }

    public async Task<ErasedData> Erase(DataSubject subject, CancellationToken ct)
    {
        if (subject.Type != SubjectType.Customer) return ErasedData.Count(0);
        var dispatches = await db.Set<Dispatch>().Where(d => d.CustomerId == subject.Id).ToListAsync(ct);
        foreach (var d in dispatches)
        {
            audit.RedactValuesOf(d.Id);
            (d.Note, d.ResultNote) = (null, null);
        }
        return ErasedData.Count(dispatches.Count);
    }
}
