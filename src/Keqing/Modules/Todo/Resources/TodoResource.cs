using Keqing.Infrastructure.Web;

namespace Keqing.Modules.Todo.Resources;

/// <summary>The Todo module's texts: English keys, Chinese in TodoResource.zh-CN.resx next to this file.</summary>
public sealed class TodoResource : ITextResource;
