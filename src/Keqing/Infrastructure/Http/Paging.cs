using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keqing.Infrastructure.Http;

/// <summary>One page of a keyset-paged list; <see cref="Next"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>Keyset paging helpers: a limit clamped to 1..200 and an opaque cursor holding the last row's sort key.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static int Limit(int? requested) => requested switch
    {
        null => DefaultLimit,
        < 1 => throw new ValidationFailedException("limit", "limit must be at least 1."),
        > MaxLimit => MaxLimit,
        _ => requested.Value,
    };

    // Strict numbers: the web defaults would read "NaN" and "Infinity" from strings, which no cursor of ours holds.
    private static readonly JsonSerializerOptions CursorJson = new(JsonSerializerOptions.Web) { NumberHandling = JsonNumberHandling.Strict };

    public static string Encode<TKey>(TKey key) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key, JsonSerializerOptions.Web));

    public static TKey? Decode<TKey>(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return default;
        TKey? key;
        try
        {
            key = JsonSerializer.Deserialize<TKey>(Base64Url.DecodeFromChars(cursor), CursorJson);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw NotIssued();
        }
        // A forged cursor that parses (an infinite score, a control character in a name) is no more one of ours.
        if (key is not null)
        {
            var errors = new FieldErrors();
            InputRules.Check(key, "", false, CursorJson, errors);
            if (errors.Any) throw NotIssued();
        }
        return key;
    }

    private static ValidationFailedException NotIssued() => new("after", "The cursor is not one this server issued.");

    /// <summary>Builds the page from rows fetched with limit + 1, so one query tells whether there is more.</summary>
    public static Page<T> ToPage<T, TKey>(List<T> rows, int limit, Func<T, TKey> keyOf)
    {
        if (rows.Count <= limit) return new Page<T>(rows, null);
        rows.RemoveAt(rows.Count - 1);
        return new Page<T>(rows, Encode(keyOf(rows[^1])));
    }
}
