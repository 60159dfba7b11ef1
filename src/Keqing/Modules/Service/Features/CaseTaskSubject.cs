using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>Tasks can be about a case (a low score's follow-up call): one the acting user may see.</summary>
public sealed class CaseTaskSubject(KeqingDb db, CaseAccess access) : ITaskSubject
{
    public static readonly string CaseRecordType = RecordTypes.KeyOf<ServiceCase>();

    public string RecordType => CaseRecordType;

    public async Task<bool> IsVisible(Guid id, CancellationToken ct) =>
        await (await access.Visible(db.Set<ServiceCase>().AsNoTracking(), ct)).AnyAsync(c => c.Id == id, ct);
}
