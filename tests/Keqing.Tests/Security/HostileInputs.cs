using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Keqing.Tests.Security;

/// <summary>
/// Hostile inputs by class, generated from the type each endpoint reads its body as (its <c>Accepts</c> metadata, read
/// with the app's JSON options), so every field of every body (nested objects, list entries and map values included)
/// gets each: a control character in text, a null entry in a list or map, NaN and infinities in numbers. Also hostile
/// query values for the parameters the OpenAPI document lists, forged keyset cursors and truncated multipart bodies.
/// </summary>
public static partial class HostileInputs
{
    /// <summary>The class of a generated input.</summary>
    public enum Kind { ControlCharacter, NullEntry, NonFiniteNumber }

    /// <summary>One hostile body: which field holds the hostile value (a path such as <c>events[0].eventType</c>) and the whole body.</summary>
    public sealed record Variant(Kind Kind, string Field, JsonNode? Body);

    private const int MaxDepth = 4;

    public const string Boundary = "hostile-boundary";

    /// <summary>Multipart bodies that end before their closing boundary: in a part's headers, in a file's data, after a part.</summary>
    public static readonly byte[][] TruncatedMultipart =
    [
        Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n公司名称,城市\r\n明远,上海\r\n"),
        Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-da"),
        Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\ntrue\r\n--{Boundary}\r\n"),
    ];

    /// <summary>
    /// Query values (already escaped): control characters alone, and around text with a line break. Every control
    /// character is stripped before an endpoint binds, so an endpoint sees either nothing or text: one value of each.
    /// </summary>
    public static readonly string[] QueryValues = ["%00%01%1B%7F", "a%00b%0D%0Ax%7F"];

    /// <summary>Keyset cursors no server issued that still parse: non-finite numbers, control characters, wrong shapes.</summary>
    public static readonly string[] ForgedCursors =
    [
        Cursor($"{{\"score\":\"NaN\",\"id\":\"{Guid.Empty}\"}}"), Cursor($"{{\"score\":\"Infinity\",\"id\":\"{Guid.Empty}\"}}"),
        Cursor($"{{\"score\":1e400,\"id\":\"{Guid.Empty}\"}}"), Cursor($"{{\"score\":\"-Infinity\"}}"),
        Cursor($"{{\"name\":\"a\\u0000b\",\"at\":null,\"id\":\"{Guid.Empty}\"}}"), Cursor("{\"name\":\"\\u0000\"}"),
        Cursor($"{{\"at\":\"NaN\",\"dueAt\":\"0001-01-01T00:00:00\",\"id\":\"{Guid.Empty}\"}}"), Cursor("\"NaN\""), Cursor("NaN"),
        Cursor("\"\\u0000\""), Cursor("null"), Cursor("[null]"), Cursor("{\"id\":null}"),
    ];

    public static string Cursor(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>"PUT /api/customers/{id:guid}" → "/api/customers/{id}", the OpenAPI document's path.</summary>
    public static string OpenApiPath(string key) => RouteParameter().Replace(key[(key.IndexOf(' ') + 1)..], "{$1}");

    /// <summary>The query parameters the OpenAPI document declares for an operation.</summary>
    public static IEnumerable<string> QueryParameters(JsonObject openApi, string method, string path) =>
        (openApi["paths"]?[path]?[method]?["parameters"] as JsonArray ?? [])
        .Where(p => p?["in"]?.GetValue<string>() == "query")
        .Select(p => p!["name"]!.GetValue<string>());

    /// <summary>Whether an error key names the field a variant put its hostile value in (or the list, map or entry around it).</summary>
    public static bool SameField(string errorKey, string field) =>
        string.Equals(errorKey, field, StringComparison.OrdinalIgnoreCase) || Within(field, errorKey) || Within(errorKey, field)
        || (field.Length == 0 && errorKey == "body");

    private static bool Within(string inner, string outer) => outer.Length > 0
        && (inner.StartsWith(outer + "[", StringComparison.OrdinalIgnoreCase) || inner.StartsWith(outer + ".", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Every hostile body the endpoint's body type allows, read the way the app reads it (its JSON options): a valid body
    /// (<paramref name="current"/>, or null) with one value replaced, down to nested objects, list entries and map values.
    /// </summary>
    public static IEnumerable<Variant> Variants(Type type, JsonNode? current, string path, JsonSerializerOptions json, int depth = 0)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var info = json.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.None)
        {
            if (IsNumber(type))
            {
                yield return new Variant(Kind.NonFiniteNumber, path, JsonValue.Create("NaN"));
                yield return new Variant(Kind.NonFiniteNumber, path, JsonValue.Create("-Infinity"));
                yield return new Variant(Kind.NonFiniteNumber, path, JsonNode.Parse("1e400"));
            }
            else if (type != typeof(bool))
            {
                // Text, and what is written as text (ids, dates, enums) or may be (a JSON value such as a custom field's).
                yield return new Variant(Kind.ControlCharacter, path, JsonValue.Create("a\u0000b"));
                yield return new Variant(Kind.ControlCharacter, path, JsonValue.Create("\u001b[31m红\u0007"));
            }
            yield break;
        }
        if (depth >= MaxDepth) yield break;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null))
                foreach (var v in Variants(property.PropertyType, (current as JsonObject)?[property.Name], Join(path, property.Name), json, depth + 1))
                {
                    var body = current is JsonObject o ? (JsonObject)o.DeepClone() : [];
                    body[property.Name] = v.Body;
                    yield return v with { Body = body };
                }
                break;
            case JsonTypeInfoKind.Enumerable:
                yield return new Variant(Kind.NullEntry, path, new JsonArray((JsonNode?)null));
                foreach (var v in Variants(info.ElementType!, (current as JsonArray)?.FirstOrDefault(), $"{path}[0]", json, depth + 1))
                    yield return v with { Body = new JsonArray(v.Body) };
                break;
            case JsonTypeInfoKind.Dictionary:
                var key = ValidKey(info.KeyType!, json);
                if (key is null) break;
                yield return new Variant(Kind.NullEntry, Join(path, key), new JsonObject { [key] = null });
                if (info.KeyType == typeof(string))
                    yield return new Variant(Kind.ControlCharacter, path, new JsonObject { ["a\u0000b"] = Sample(info.ElementType!, json) });
                foreach (var v in Variants(info.ElementType!, null, Join(path, key), json, depth + 1))
                    yield return v with { Body = new JsonObject { [key] = v.Body } };
                break;
        }
    }

    private static bool IsNumber(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(uint) || type == typeof(ulong);

    /// <summary>A key the map's key type reads: any text, or an enum's first name as the app writes it.</summary>
    private static string? ValidKey(Type keyType, JsonSerializerOptions json) =>
        keyType == typeof(string) ? "key"
        : keyType.IsEnum ? JsonSerializer.Serialize(Enum.GetValues(keyType).GetValue(0), keyType, json).Trim('"')
        : null;

    /// <summary>A harmless value of the type, for a map entry whose key is the hostile part.</summary>
    private static JsonNode? Sample(Type type, JsonSerializerOptions json)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? JsonValue.Create("x") : IsNumber(type) ? JsonValue.Create(1) : type == typeof(Guid) ? JsonValue.Create(Guid.NewGuid())
            : type == typeof(bool) ? JsonValue.Create(true) : json.GetTypeInfo(type).Kind == JsonTypeInfoKind.Enumerable ? new JsonArray() : null;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    [GeneratedRegex(@"\{(\w+)(:[^}?]*)?\??\}")]
    private static partial Regex RouteParameter();
}
