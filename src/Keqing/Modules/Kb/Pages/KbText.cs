using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Resources;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.Kb.Pages;

/// <summary>The labels of the knowledge base's enums, and the category tree flattened for pickers.</summary>
public static class KbText
{
    public static string Status(IStringLocalizer<KbResource> l, KbStatus status) => status switch
    {
        KbStatus.Draft => l["Draft"],
        KbStatus.Published => l["Published"],
        _ => l["Archived"],
    };

    public static string Audience(IStringLocalizer<KbResource> l, KbAudience audience) =>
        audience == KbAudience.Public ? l["Customers too"] : l["Staff only"];

    /// <summary>The categories depth-first, each with its depth, for an indented picker.</summary>
    public static IReadOnlyList<(KbCategoryDto Category, int Depth)> Flatten(IReadOnlyList<KbCategoryDto> all)
    {
        var byParent = all.ToLookup(c => c.ParentId);
        var result = new List<(KbCategoryDto, int)>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var c in byParent[parent])
            {
                result.Add((c, depth));
                if (depth < 20) Walk(c.Id, depth + 1);
            }
        }
        Walk(null, 0);
        return result;
    }
}
