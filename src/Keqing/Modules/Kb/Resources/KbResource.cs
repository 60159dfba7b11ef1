using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Kb.Resources;

/// <summary>The knowledge base's texts: English keys, Chinese in KbResource.zh-CN.resx next to this file.</summary>
public sealed class KbResource : ITextResource;
