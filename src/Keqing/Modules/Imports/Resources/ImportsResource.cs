using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Imports.Resources;

/// <summary>The Imports module's texts: English keys, Chinese in ImportsResource.zh-CN.resx next to this file.</summary>
public sealed class ImportsResource : ITextResource;
