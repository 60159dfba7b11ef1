using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Opportunities.Resources;

/// <summary>The Opportunities module's texts: English keys, Chinese in OpportunitiesResource.zh-CN.resx next to this file.</summary>
public sealed class OpportunitiesResource : ITextResource;
