using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Keqing.Infrastructure.Web;

/// <summary>
/// MudBlazor's own texts (close buttons, date-picker arrows, "Toggle {0}" on a menu group …) from Keqing's resources in
/// the user's language; a key without a text falls back to MudBlazor's English.
/// </summary>
public sealed class MudTexts : MudBlazor.MudLocalizer
{
    public override LocalizedString this[string key] => Find(key, []);

    public override LocalizedString this[string key, params object[] arguments] => Find(key, arguments);

    private static LocalizedString Find(string key, object[] arguments)
    {
        var text = TextResources.Find(key, CultureInfo.CurrentUICulture);
        var found = !string.Equals(text, key, StringComparison.Ordinal);
        return new LocalizedString(key, found && arguments.Length > 0 ? string.Format(CultureInfo.CurrentCulture, text, arguments) : text, resourceNotFound: !found);
    }
}
