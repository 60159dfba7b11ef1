namespace Keqing.Infrastructure.Web;

/// <summary>
/// Marks a string resource: the type's full name is the resource name, so its <c>*.zh-CN.resx</c> sits next to it in a
/// folder matching its namespace. The English text is the key (there is no neutral resx). <see cref="TextResources"/>
/// finds every such type, so a new module's texts are found without being registered anywhere.
/// </summary>
public interface ITextResource;
