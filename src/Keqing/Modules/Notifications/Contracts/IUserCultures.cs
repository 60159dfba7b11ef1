using System.Globalization;

namespace Keqing.Modules.Notifications.Contracts;

/// <summary>
/// A user's language, as they chose it in their notification preferences (the one their notifications are written in):
/// for text stored for one person, such as the title of a task a job makes for them.
/// </summary>
public interface IUserCultures
{
    Task<CultureInfo> Of(Guid userId, CancellationToken ct);
}
