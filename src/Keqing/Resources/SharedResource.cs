using Keqing.Infrastructure.Web;

namespace Keqing.Resources;

/// <summary>
/// The texts of the shell (layout, menu, home, shared components) and of Infrastructure: English keys, Chinese in
/// SharedResource.zh-CN.resx next to this file. A module keeps its own texts in its own resource.
/// </summary>
public sealed class SharedResource : ITextResource;
