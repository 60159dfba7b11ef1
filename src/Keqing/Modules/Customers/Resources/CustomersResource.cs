using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Customers.Resources;

/// <summary>The Customers module's texts: English keys, Chinese in CustomersResource.zh-CN.resx next to this file.</summary>
public sealed class CustomersResource : ITextResource;
