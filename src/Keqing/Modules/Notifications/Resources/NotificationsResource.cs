using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Notifications.Resources;

/// <summary>The Notifications module's texts: English keys, Chinese in NotificationsResource.zh-CN.resx next to this file.</summary>
public sealed class NotificationsResource : ITextResource;
