using System.Collections.Immutable;
using System.Globalization;
using System.Resources;
using Keqing.Resources;

namespace Keqing.Infrastructure.Web;

/// <summary>
/// Every string resource of the app, the shared one first and then each module's (<see cref="ITextResource"/>), for
/// texts made outside a component: API messages (<see cref="Http.FieldErrors.Text"/>) and notifications, whose key may
/// come from any module.
/// </summary>
public static class TextResources
{
    private static readonly ImmutableArray<ResourceManager> All =
    [
        .. typeof(TextResources).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(ITextResource)))
            .OrderBy(t => t != typeof(SharedResource)).ThenBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => new ResourceManager(t)),
    ];

    /// <summary>The text of an English key in <paramref name="culture"/> from the first resource that has it, else the key.</summary>
    public static string Find(string key, CultureInfo culture)
    {
        for (var c = culture; !Equals(c, CultureInfo.InvariantCulture); c = c.Parent)
            foreach (var resource in All)
                if (resource.GetResourceSet(c, createIfNotExists: true, tryParents: false)?.GetString(key) is { } text)
                    return text;
        return key; // English is the key itself; there is no neutral resource file.
    }
}
