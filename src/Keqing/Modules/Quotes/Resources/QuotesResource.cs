using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Quotes.Resources;

/// <summary>The Quotes module's texts: English keys, Chinese in QuotesResource.zh-CN.resx next to this file.</summary>
public sealed class QuotesResource : ITextResource;
