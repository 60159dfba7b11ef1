using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>A return visit one may see (404 otherwise), with its form and, while open, the contact-boundary warnings for calling now.</summary>
public sealed class GetReturnVisit(KeqingDb db, IRecordAccess access, ReturnVisitMapping mapping)
{
    public async Task<ReturnVisitDto> Handle(Guid id, CancellationToken ct) =>
        await mapping.One(await access.FindVisible(db.Set<ReturnVisit>().AsNoTracking(), id, ct), ct);
}
