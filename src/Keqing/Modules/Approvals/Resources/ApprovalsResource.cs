using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Approvals.Resources;

/// <summary>The Approvals module's texts: English keys, Chinese in ApprovalsResource.zh-CN.resx next to this file.</summary>
public sealed class ApprovalsResource : ITextResource;
