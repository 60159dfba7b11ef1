using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Portal.Resources;

/// <summary>The Portal module's texts: English keys, Chinese in PortalResource.zh-CN.resx next to this file.</summary>
public sealed class PortalResource : ITextResource;
