using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Portal.Contracts;
using Keqing.Modules.Portal.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Portal.Features;

/// <summary>The portal's settings: which cases a contact sees (all of their organisation's until an admin chooses otherwise).</summary>
public sealed class PortalSettingsStore(KeqingDb db)
{
    public async Task<PortalSettingsDto> Get(CancellationToken ct)
    {
        var s = await db.Set<PortalSettings>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == PortalSettings.SingletonId, ct);
        return s is null ? new PortalSettingsDto(PortalCaseVisibility.Organisation, 0) : new PortalSettingsDto(s.CaseVisibility, s.Version);
    }

    public async Task<PortalSettingsDto> Update(long expectedVersion, PortalSettingsInput input, CancellationToken ct)
    {
        if (input.CaseVisibility is not { } visibility || !Enum.IsDefined(visibility))
            throw new ValidationFailedException("caseVisibility", FieldErrors.Text("caseVisibility is ownCases or organisation."));
        var s = await db.Set<PortalSettings>().FirstOrDefaultAsync(x => x.Id == PortalSettings.SingletonId, ct);
        if (s is null)
        {
            if (!Preconditions.Matches(expectedVersion, 0)) throw new PreconditionFailedException();
            s = new PortalSettings { Version = 1 };
            db.Add(s);
        }
        else Preconditions.ExpectVersion(db, s, expectedVersion);
        s.CaseVisibility = visibility;
        await db.SaveChangesAsync(ct);
        return new PortalSettingsDto(s.CaseVisibility, s.Version);
    }
}
