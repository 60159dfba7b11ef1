namespace Keqing.Modules.Kb.Contracts;

/// <summary>What the knowledge base lets a role do (granted in <see cref="KbModule"/>'s manifest).</summary>
public static class KbCapabilities
{
    /// <summary>Read and search the published articles, count a view, say whether one helped.</summary>
    public const string Read = "kb.articles.read";
    /// <summary>Write drafts (new articles, the next version of a published one) and read one's own drafts.</summary>
    public const string Write = "kb.articles.write";
    /// <summary>Publish and archive articles, read every draft, delete a draft never published.</summary>
    public const string Manage = "kb.articles.manage";
    /// <summary>Edit the category tree.</summary>
    public const string ManageCategories = "kb.categories.manage";
}
