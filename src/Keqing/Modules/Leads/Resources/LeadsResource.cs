using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Leads.Resources;

/// <summary>The Leads module's texts: English keys, Chinese in LeadsResource.zh-CN.resx next to this file.</summary>
public sealed class LeadsResource : ITextResource;
