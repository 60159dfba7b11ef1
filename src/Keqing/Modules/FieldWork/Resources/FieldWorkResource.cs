using Keqing.Infrastructure.Web;

namespace Keqing.Modules.FieldWork.Resources;

/// <summary>Field work's texts: English keys, Chinese in FieldWorkResource.zh-CN.resx next to this file.</summary>
public sealed class FieldWorkResource : ITextResource;
