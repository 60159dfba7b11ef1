using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>
/// Field work's part in a data-subject request about a customer (DOMAIN P3). A visit at a person's home or office tells
/// where they are, and its notes and photos are about them: export lists the visits at the customer; erasure removes
/// the coordinates of both check-in and check-out, the notes and the photos, keeping who visited when (the employee's
/// working time, counts and time on site). A dispatch's note and the technician's result are about the customer's
/// equipment and premises: export lists them, erasure removes both notes and keeps who was sent when and the outcome.
/// A contact's request touches neither (visits and dispatches are at customers).
/// </summary>
public sealed class FieldWorkPersonalData(KeqingDb db, AuditInterceptor audit) : IPersonalDataStep
{
    public string Part => "field-work";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> Export(DataSubject subject, CancellationToken ct)
    {
        if (subject.Type != SubjectType.Customer) return new Dictionary<string, IReadOnlyList<object>>();
        var visits = await db.Set<Visit>().AsNoTracking().Where(v => v.CustomerId == subject.Id).OrderBy(v => v.CheckInAt).ToListAsync(ct);
        var ids = visits.Select(v => v.Id).ToList();
        var photos = await db.Set<VisitPhoto>().AsNoTracking().Where(p => ids.Contains(p.VisitId))
            .Select(p => new { p.Id, p.VisitId, p.FileName, p.ContentType, p.Size, p.UploadedAt }).ToListAsync(ct);
        var dispatches = await db.Set<Dispatch>().AsNoTracking().Where(d => d.CustomerId == subject.Id).OrderBy(d => d.WindowFrom).ToListAsync(ct);
        return new Dictionary<string, IReadOnlyList<object>>
        {
            ["visits"] = visits.Select(v => (object)new
            {
                v.Id, v.CheckInAt, v.CheckOutAt, v.CheckInLat, v.CheckInLng, v.CheckInAccuracyM, v.CheckOutLat, v.CheckOutLng, v.CheckOutAccuracyM, v.Notes,
            }).ToList(),
            ["photos"] = photos.Cast<object>().ToList(),
            ["dispatches"] = dispatches.Select(d => (object)new { d.Id, d.RecordLabel, d.WindowFrom, d.WindowTo, d.Note, d.Status, d.ResultNote, d.ResultAt }).ToList(),
        };
    }

    public async Task<ErasedData> Erase(DataSubject subject, CancellationToken ct)
    {
        if (subject.Type != SubjectType.Customer) return ErasedData.Count(0);
        var visits = await db.Set<Visit>().Where(v => v.CustomerId == subject.Id).ToListAsync(ct);
        foreach (var v in visits)
        {
            audit.RedactValuesOf(v.Id);
            (v.CheckInLat, v.CheckInLng, v.CheckInAccuracyM, v.CheckOutLat, v.CheckOutLng, v.CheckOutAccuracyM, v.Notes) =
                (null, null, null, null, null, null, null);
        }
        var ids = visits.Select(v => v.Id).ToList();
        db.RemoveRange(await db.Set<VisitPhoto>().Where(p => ids.Contains(p.VisitId)).ToListAsync(ct));
        var dispatches = await db.Set<Dispatch>().Where(d => d.CustomerId == subject.Id).ToListAsync(ct);
        foreach (var d in dispatches)
        {
            audit.RedactValuesOf(d.Id);
            (d.Note, d.ResultNote) = (null, null);
        }
        return ErasedData.Count(visits.Count + dispatches.Count);
    }
}
