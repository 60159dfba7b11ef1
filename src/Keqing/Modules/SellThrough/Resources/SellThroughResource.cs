using Keqing.Infrastructure.Web;

namespace Keqing.Modules.SellThrough.Resources;

/// <summary>The SellThrough module's texts: English keys, Chinese in SellThroughResource.zh-CN.resx next to this file.</summary>
public sealed class SellThroughResource : ITextResource;
