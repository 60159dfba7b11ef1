using System.Net.Mail;

namespace Keqing.Infrastructure.Http;

/// <summary>Collects every bad field of a request, so the caller hears of all of them at once (400 with <c>errors</c>).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, $"{field} is required.") : this;

    public FieldErrors MaxLength(string field, string? value, int max) =>
        value is not null && value.Length > max ? Add(field, $"{field} is at most {max} characters (got {value.Length}).") : this;

    public FieldErrors Email(string field, string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 256 && !IsEmail(value)
            ? Add(field, $"{field} is not a valid email address.") : this;

    public static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value.Trim() && value.Contains('.', StringComparison.Ordinal);

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
