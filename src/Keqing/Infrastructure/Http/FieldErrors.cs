using System.Globalization;
using System.Net.Mail;
using Keqing.Infrastructure.Web;

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

    // The field is the key of the message in `errors`, so the messages need not repeat it; they are written in the
    // request's (or the Blazor circuit's) UI language.
    public FieldErrors Required(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, Text("Required.")) : this;

    public FieldErrors MaxLength(string field, string? value, int max) =>
        value is not null && value.Length > max ? Add(field, Text("At most {0} characters (got {1}).", max, value.Length)) : this;

    public FieldErrors Email(string field, string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 256 && !IsEmail(value)
            ? Add(field, Text("Not a valid email address.")) : this;

    /// <summary>
    /// An English message template in the current UI language, filled in: from the shared resource or any module's
    /// (<see cref="TextResources"/>); the texts test asks for the key in the resource of the code that writes it.
    /// </summary>
    public static string Text(string template, params object[] args)
    {
        var localized = TextResources.Find(template, CultureInfo.CurrentUICulture);
        return args.Length == 0 ? localized : string.Format(CultureInfo.CurrentCulture, localized, args);
    }

    public static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value.Trim() && value.Contains('.', StringComparison.Ordinal);

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
