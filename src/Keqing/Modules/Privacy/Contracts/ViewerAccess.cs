namespace Keqing.Modules.Privacy.Contracts;

/// <summary>What the caller may see: their roles' level per category, and the reveals they hold on particular records.</summary>
public sealed class ViewerAccess(IReadOnlyDictionary<Sensitivity, GrantLevel> levels, IReadOnlyDictionary<Guid, IReadOnlySet<Sensitivity>> revealed)
{
    /// <summary>Sees everything (jobs and other system work without a signed-in user).</summary>
    public static readonly ViewerAccess System = new(Enum.GetValues<Sensitivity>().ToDictionary(s => s, _ => GrantLevel.See),
        new Dictionary<Guid, IReadOnlySet<Sensitivity>>());

    public GrantLevel Level(Sensitivity s) => s == Sensitivity.None ? GrantLevel.See : levels.GetValueOrDefault(s);

    /// <summary>Whether the caller sees a category on a record: granted outright, or revealed on that record.</summary>
    public bool Sees(Sensitivity s, Guid? recordId = null) =>
        Level(s) == GrantLevel.See || (recordId is { } id && revealed.TryGetValue(id, out var set) && set.Contains(s));

    public bool MayReveal(Sensitivity s) => Level(s) >= GrantLevel.Reveal;
}
