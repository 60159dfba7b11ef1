using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Orders.Resources;

/// <summary>The Orders module's texts: English keys, Chinese in OrdersResource.zh-CN.resx next to this file.</summary>
public sealed class OrdersResource : ITextResource;
