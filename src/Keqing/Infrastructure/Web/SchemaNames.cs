using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace Keqing.Infrastructure.Web;

/// <summary>
/// OpenAPI schema names unique per type: a nested type is named with the types it is declared in
/// (<c>CreateUser.Request</c> → <c>CreateUserRequest</c>), so the many use-case <c>Request</c> records do not collapse into one schema.
/// </summary>
public static class SchemaNames
{
    /// <summary>For <see cref="OpenApiOptions.CreateSchemaReferenceId"/>: null where the default inlines the schema.</summary>
    public static string? For(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return OpenApiOptions.CreateDefaultSchemaReferenceId(info) is null ? null : Name(info.Type);
    }

    /// <summary>The declaring types' names, the type's name, and for a generic type "Of" its arguments' names.</summary>
    public static string Name(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Nullable.GetUnderlyingType(type) is { } underlying) return Name(underlying);
        if (type.IsArray) return "ArrayOf" + Name(type.GetElementType()!);
        var name = Plain(type);
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType) name = Plain(outer) + name;
        return type.IsConstructedGenericType ? name + "Of" + string.Join("And", type.GenericTypeArguments.Select(Name)) : name;
    }

    private static string Plain(Type type) => type.Name.Split('`')[0];
}
