using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Pools.Resources;

/// <summary>The Pools module's texts: English keys, Chinese in PoolsResource.zh-CN.resx next to this file.</summary>
public sealed class PoolsResource : ITextResource;
