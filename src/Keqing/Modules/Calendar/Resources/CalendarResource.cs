using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Calendar.Resources;

/// <summary>The Calendar module's texts: English keys, Chinese in CalendarResource.zh-CN.resx next to this file.</summary>
public sealed class CalendarResource : ITextResource;
