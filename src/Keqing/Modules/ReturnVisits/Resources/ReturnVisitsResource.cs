using Keqing.Infrastructure.Web;

namespace Keqing.Modules.ReturnVisits.Resources;

/// <summary>Return visits' texts: English keys, Chinese in ReturnVisitsResource.zh-CN.resx next to this file.</summary>
public sealed class ReturnVisitsResource : ITextResource;
