using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Identity.Resources;

/// <summary>The Identity module's texts: English keys, Chinese in IdentityResource.zh-CN.resx next to this file.</summary>
public sealed class IdentityResource : ITextResource;
