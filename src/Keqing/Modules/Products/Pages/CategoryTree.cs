using Keqing.Modules.Products.Contracts;

namespace Keqing.Modules.Products.Pages;

/// <summary>The category tree in reading order (each category followed by its subcategories) with each one's depth.</summary>
public static class CategoryTree
{
    public static List<(CategoryDto Category, int Depth)> Flatten(IReadOnlyList<CategoryDto> all)
    {
        var byParent = all.ToLookup(c => c.ParentId);
        var result = new List<(CategoryDto, int)>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var c in byParent[parent])
            {
                result.Add((c, depth));
                if (depth < 32) Walk(c.Id, depth + 1);
            }
        }
        Walk(null, 0);
        return result;
    }
}
