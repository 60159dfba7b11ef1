using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>Visits as the API shows them: names, photos, time on site, the coordinates masked by the caller's grants.</summary>
public sealed class VisitMapping(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, IPersonalDataMasker masker)
{
    public const string RecordType = "field.visit";

    public async Task<VisitDto> One(Visit visit, CancellationToken ct) => (await Many([visit], ct))[0];

    public async Task<IReadOnlyList<VisitDto>> Many(IReadOnlyList<Visit> visits, CancellationToken ct)
    {
        if (visits.Count == 0) return [];
        var names = await customers.Find(visits.Select(v => v.CustomerId).Distinct(), ct);
        var people = await users.Names(visits.Select(v => v.OwnerId).Distinct(), ct);
        var ids = visits.Select(v => v.Id).ToList();
        var photos = (await db.Set<VisitPhoto>().AsNoTracking().Where(p => ids.Contains(p.VisitId)).OrderBy(p => p.Id)
                .Select(p => new { p.VisitId, Dto = new VisitPhotoDto(p.Id, p.FileName, p.ContentType, p.Size, p.UploadedAt) }).ToListAsync(ct))
            .ToLookup(p => p.VisitId, p => p.Dto);
        var dtos = visits.Select(v => new VisitDto
        {
            Id = v.Id, CustomerId = v.CustomerId, CustomerName = names.TryGetValue(v.CustomerId, out var c) ? c.Name : "",
            UserId = v.OwnerId, UserName = people.GetValueOrDefault(v.OwnerId, ""), TeamId = v.TeamId,
            CheckInAt = v.CheckInAt, CheckOutAt = v.CheckOutAt,
            MinutesOnSite = v.CheckOutAt is { } outAt ? VisitTimeline.MinutesOnSite(v.CheckInAt, outAt) : null,
            Consent = v.Consent, CheckInLat = v.CheckInLat, CheckInLng = v.CheckInLng, CheckInAccuracyM = v.CheckInAccuracyM,
            CheckOutLat = v.CheckOutLat, CheckOutLng = v.CheckOutLng, CheckOutAccuracyM = v.CheckOutAccuracyM,
            Notes = v.Notes, Photos = photos[v.Id].ToList(), Version = v.Version,
        }).ToList();
        return await masker.Mask(RecordType, dtos, d => d.Id, ct);
    }
}
