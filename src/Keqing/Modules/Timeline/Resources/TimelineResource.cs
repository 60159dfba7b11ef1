using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Timeline.Resources;

/// <summary>The Timeline module's texts: English keys, Chinese in TimelineResource.zh-CN.resx next to this file.</summary>
public sealed class TimelineResource : ITextResource;
