using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Products.Resources;

/// <summary>The Products module's texts: English keys, Chinese in ProductsResource.zh-CN.resx next to this file.</summary>
public sealed class ProductsResource : ITextResource;
