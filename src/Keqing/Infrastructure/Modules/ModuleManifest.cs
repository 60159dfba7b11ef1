namespace Keqing.Infrastructure.Modules;

/// <summary>What a module declares about itself; the platform registers and shows each part, so no other file changes.</summary>
/// <param name="Key">The module's short lower-case name, the prefix of its capabilities and record types (<c>imports</c>).</param>
public sealed record ModuleManifest(string Key)
{
    /// <summary>The marker type of the module's string resources; menu labels are looked up there.</summary>
    public Type? Texts { get; init; }

    /// <summary>What the module lets a role do, each named <c>{Key}.{action}</c>; pages, endpoints and menu ask for these.</summary>
    public IReadOnlyList<Capability> Capabilities { get; init; } = [];

    /// <summary>The module's entries in the navigation menu.</summary>
    public IReadOnlyList<MenuEntry> Menu { get; init; } = [];

    /// <summary>
    /// The module's kinds of record, each a class with a <see cref="Records.RecordTypeAttribute"/> whose key starts with
    /// the module's key: the keys of its shares, audit rows, reveals and access log, and where Privacy finds its
    /// personal fields.
    /// </summary>
    public IReadOnlyList<Type> RecordTypes { get; init; } = [];

    /// <summary>The module's background jobs (hosted services, started on every node; they coordinate through the database).</summary>
    public IReadOnlyList<Type> Jobs { get; init; } = [];

    /// <summary>The module's part of the demo company for <c>--seed-demo</c> (an <see cref="Web.IDemoSeeder"/>).</summary>
    public Type? DemoSeeder { get; init; }

    /// <summary>
    /// What the module contributes to other modules' extension points (merge, hand-over and erasure steps, audit
    /// lineage …): each a contract from the other module's Contracts and the module's implementation of it.
    /// </summary>
    public IReadOnlyList<ServiceDescriptor> Contributions { get; init; } = [];
}

/// <summary>A named permission and the roles that hold it; the union of all modules' capabilities is the one role table.</summary>
/// <param name="Name">The capability, e.g. <c>imports.run</c>.</param>
/// <param name="Description">What it allows, in English (shown to admins and in docs/architecture.md).</param>
/// <param name="Roles">The roles that have it.</param>
public sealed record Capability(string Name, string Description, IReadOnlyList<string> Roles);

/// <summary>Where a menu entry stands: with the everyday pages, or in the administration group.</summary>
public enum MenuSection { Main = 0, Administration = 1 }

/// <summary>One link in the navigation menu.</summary>
/// <param name="Name">A stable name; the link carries the CSS class <c>nav-{Name}</c>.</param>
/// <param name="Href">The page's address.</param>
/// <param name="Label">The English label, localized through the module's <see cref="ModuleManifest.Texts"/>.</param>
/// <param name="Icon">A MudBlazor icon.</param>
/// <param name="Capability">The capability a user needs to see the entry; null: every signed-in user.</param>
/// <param name="Section">The main menu or the administration group.</param>
/// <param name="Order">Position within its section (lower first).</param>
public sealed record MenuEntry(string Name, string Href, string Label, string Icon, string? Capability = null,
    MenuSection Section = MenuSection.Main, int Order = 100);
