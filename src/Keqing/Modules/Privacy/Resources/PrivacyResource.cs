using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Privacy.Resources;

/// <summary>The Privacy module's texts: English keys, Chinese in PrivacyResource.zh-CN.resx next to this file.</summary>
public sealed class PrivacyResource : ITextResource;
