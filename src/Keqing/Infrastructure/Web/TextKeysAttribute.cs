namespace Keqing.Infrastructure.Web;

/// <summary>
/// On a method whose switch arms return English resource keys (<c>X.A =&gt; "Some label"</c>) that a page then looks up
/// with <c>L[…]</c>: the texts test checks each of those literals has a zh-CN entry in its module's resource.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TextKeysAttribute : Attribute;
