namespace Keqing.Infrastructure.Http;

/// <summary>Reads enum filters from a query string the way the JSON API writes them (camelCase, any case); empty means no filter.</summary>
public static class QueryValues
{
    public static T? Enum<T>(string? value, string field) where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (System.Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !char.IsAsciiDigit(value.Trim()[0]))
            return parsed;
        var names = string.Join(", ", System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
        throw new ValidationFailedException(field, $"{field} is one of {names}.");
    }
}
