using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Service.Resources;

/// <summary>The Service module's texts: English keys, Chinese in ServiceResource.zh-CN.resx next to this file.</summary>
public sealed class ServiceResource : ITextResource;
