using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Keqing.Infrastructure.Text;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Keqing.Infrastructure.Http;

/// <summary>
/// Rules every value read from a request obeys, whatever the endpoint, checked once on what model binding produced:
/// text has no control character (<see cref="ControlCharacters"/>), a list or map whose entries may not be null (by the
/// property's nullable annotation) has no null entry, and a number is finite. A break is a 400 naming each field, before
/// any handler runs. Query strings lose their control characters instead (a search term is still meant).
/// </summary>
public static class InputRules
{
    private static readonly ConcurrentDictionary<ICustomAttributeProvider, bool> entriesNotNull = new();

    /// <summary>The endpoint filter of the <c>/api</c> group: checks the body argument against the rules.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (Body(context) is (Type bodyType, object body))
        {
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var parameter = http.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
                .FirstOrDefault(p => p.ParameterType == bodyType);
            var errors = new FieldErrors();
            Check(body, "", parameter is not null && EntriesMayNotBeNull(parameter), json, errors);
            errors.ThrowIfAny();
        }
        return await next(context);
    }

    /// <summary>The argument the endpoint read from the request body (by its <c>Accepts</c> metadata) and its declared type, or null.</summary>
    public static (Type Type, object Value)? Body(EndpointFilterInvocationContext context)
    {
        var type = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        return type is not null && context.Arguments.FirstOrDefault(a => a is not null && type.IsInstanceOfType(a)) is { } body
            ? (type, body) : null;
    }

    /// <summary>
    /// Checks <paramref name="value"/> (read with <paramref name="json"/>) and names every break in <paramref name="errors"/>;
    /// <paramref name="entriesNotNullable"/>: when it is a list or map, its entries are declared non-null.
    /// </summary>
    public static void Check(object value, string path, bool entriesNotNullable, JsonSerializerOptions json, FieldErrors errors, int depth = 0)
    {
        if (depth > 64) return; // the JSON reader's depth limit (32) stops far sooner
        switch (value)
        {
            case string s:
                if (ControlCharacters.FirstIn(s) is { } c)
                    errors.Add(Field(path), FieldErrors.Text("Contains the control character {0}; only tab and line breaks are allowed.", ControlCharacters.Name(c)));
                return;
            case double d when !double.IsFinite(d):
            case float f when !float.IsFinite(f):
                errors.Add(Field(path), FieldErrors.Text("Must be a finite number."));
                return;
            case JsonElement element:
                CheckElement(element, path, errors);
                return;
        }
        var info = json.GetTypeInfo(value.GetType());
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    if (property.Get?.Invoke(value) is not { } child) continue;
                    var notNull = property.AttributeProvider is { } member && EntriesMayNotBeNull(member);
                    Check(child, Join(path, property.Name), notNull, json, errors, depth + 1);
                }
                return;
            case JsonTypeInfoKind.Dictionary when value is IEnumerable pairs:
                foreach (var pair in pairs)
                {
                    var (key, entry) = KeyAndValue(pair);
                    var at = Join(path, key?.ToString() ?? "");
                    if (key is string k && ControlCharacters.FirstIn(k) is { } inKey)
                        errors.Add(Field(path), FieldErrors.Text("Contains the control character {0}; only tab and line breaks are allowed.", ControlCharacters.Name(inKey)));
                    if (entry is null)
                    {
                        if (entriesNotNullable) errors.Add(Field(at), FieldErrors.Text("Must not be null."));
                    }
                    else Check(entry, at, false, json, errors, depth + 1);
                }
                return;
            case JsonTypeInfoKind.Enumerable when value is IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    var at = $"{path}[{index++}]";
                    if (item is null)
                    {
                        if (entriesNotNullable) errors.Add(Field(at), FieldErrors.Text("Must not be null."));
                    }
                    else Check(item, at, false, json, errors, depth + 1);
                }
                return;
        }
    }

    /// <summary>A multipart form's values and file names under the same rule as JSON text: 400 naming the field.</summary>
    public static void CheckForm(IFormCollection form)
    {
        var errors = new FieldErrors();
        foreach (var (name, values) in form)
            if (values.Select(ControlCharacters.FirstIn).FirstOrDefault(c => c is not null) is { } c)
                errors.Add(name, FieldErrors.Text("Contains the control character {0}; only tab and line breaks are allowed.", ControlCharacters.Name(c)));
        foreach (var file in form.Files)
            if (ControlCharacters.FirstIn(file.FileName) is { } c)
                errors.Add(file.Name, FieldErrors.Text("Contains the control character {0}; only tab and line breaks are allowed.", ControlCharacters.Name(c)));
        errors.ThrowIfAny();
    }

    /// <summary>
    /// Query values without control characters (they can only be typing or pasting accidents in a search or filter):
    /// <c>?q=%00王</c> searches for 王. Runs before endpoints bind their parameters.
    /// </summary>
    public static IApplicationBuilder UseQueryWithoutControlCharacters(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        // The query string itself is rewritten: the framework parses it again as it parses any (names case-insensitive),
        // and whatever reads the raw string (a link to the next page, a log line) sees the same values.
        var query = http.Request.Query;
        if (query.Any(q => q.Value.Any(v => v is not null && v.Any(ch => ch < ' ' || ch == '\u007f'))))
            http.Request.QueryString = QueryString.Create(query.SelectMany(q =>
                q.Value.Select(v => KeyValuePair.Create(q.Key, v is null ? null : ControlCharacters.Strip(v)))));
        return next(http);
    });

    private static void CheckElement(JsonElement element, string path, FieldErrors errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                if (ControlCharacters.FirstIn(element.GetString()) is { } c)
                    errors.Add(Field(path), FieldErrors.Text("Contains the control character {0}; only tab and line breaks are allowed.", ControlCharacters.Name(c)));
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) CheckElement(item, $"{path}[{i++}]", errors);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (ControlCharacters.FirstIn(property.Name) is { } k)
                        errors.Add(Field(path), FieldErrors.Text("Contains the control character {0}; only tab and line breaks are allowed.", ControlCharacters.Name(k)));
                    CheckElement(property.Value, Join(path, property.Name), errors);
                }
                break;
        }
    }

    /// <summary>Whether a list or map declared by <paramref name="member"/> (property, field or parameter) is annotated to hold no null entry.</summary>
    private static bool EntriesMayNotBeNull(ICustomAttributeProvider member) => entriesNotNull.GetOrAdd(member, m =>
    {
        var context = new NullabilityInfoContext();
        var nullability = m switch
        {
            PropertyInfo p => context.Create(p),
            FieldInfo f => context.Create(f),
            ParameterInfo p => context.Create(p),
            _ => null,
        };
        if (nullability is null || nullability.Type == typeof(string)) return false;
        var entry = nullability.ElementType
                    ?? (typeof(IEnumerable).IsAssignableFrom(nullability.Type) && nullability.GenericTypeArguments.Length > 0
                        ? nullability.GenericTypeArguments[^1] : null);
        return entry is { ReadState: NullabilityState.NotNull } && !entry.Type.IsValueType;
    });

    private static (object? Key, object? Value) KeyAndValue(object? pair)
    {
        if (pair is DictionaryEntry entry) return (entry.Key, entry.Value);
        var type = pair?.GetType();
        return (type?.GetProperty("Key")?.GetValue(pair), type?.GetProperty("Value")?.GetValue(pair));
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Field(string path) => path.Length == 0 ? "body" : path;
}
