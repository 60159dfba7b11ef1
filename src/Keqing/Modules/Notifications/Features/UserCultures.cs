using System.Globalization;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Notifications.Features;

/// <summary>A user's language: the one of their notification preferences, else the default (the one <see cref="Notifier"/> writes in).</summary>
public sealed class UserCultures(KeqingDb db) : IUserCultures
{
    public async Task<CultureInfo> Of(Guid userId, CancellationToken ct) =>
        CultureInfo.GetCultureInfo(await db.Set<NotificationSettings>().AsNoTracking().Where(s => s.UserId == userId)
            .Select(s => s.Culture).FirstOrDefaultAsync(ct) ?? NotificationSettings.DefaultCulture);
}
