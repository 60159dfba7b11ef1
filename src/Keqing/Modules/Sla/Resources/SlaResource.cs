using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Sla.Resources;

/// <summary>The Sla module's texts: English keys, Chinese in SlaResource.zh-CN.resx next to this file.</summary>
public sealed class SlaResource : ITextResource;
