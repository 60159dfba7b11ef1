using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Domain;

namespace Keqing.Modules.Imports.Features;

/// <summary>
/// Whom an import may give its customers to, judged for the importer with the roles they had at upload, whoever runs it:
/// anyone for an admin, the members of the teams a manager manages, else only the importer (as in the customer form).
/// </summary>
public sealed class ImportOwners(IUserDirectory users, IRecordAccess access)
{
    /// <summary>The rules for a job's rows: its owner column and, for rows without one, its chosen owner or team rotation.</summary>
    public async Task<OwnerRules> For(ImportJob job, CancellationToken ct)
    {
        var assignable = await Assignable(job.CreatedBy, job.CreatedByRoles.Split(',', StringSplitOptions.RemoveEmptyEntries), ct);
        if (job.OwnerId is { } ownerId)
            return new OwnerRules(assignable, assignable.Where(o => o.Id == ownerId).ToList());
        if (job.OwnerTeamId is { } teamId)
            return new OwnerRules(assignable, Rotation(assignable, teamId, await SalesStaff(ct)));
        return new OwnerRules(assignable, null);
    }

    /// <summary>The users and teams an importer may choose in the import form.</summary>
    public async Task<OwnerChoices> Choices(Importer importer, CancellationToken ct)
    {
        var assignable = await Assignable(importer.UserId, importer.RoleNames, ct);
        var sales = await SalesStaff(ct);
        var teams = (await users.Teams(ct)).Where(team => Rotation(assignable, team.Id, sales).Count > 0).ToList();
        return new OwnerChoices(assignable, teams);
    }

    /// <summary>Checks an upload's or a start's owner choice: one user, or a team to rotate over, never both.</summary>
    public async Task Check(Importer importer, Guid? ownerId, Guid? ownerTeamId, FieldErrors errors, CancellationToken ct)
    {
        if (ownerId is null && ownerTeamId is null) return;
        if (ownerId is not null && ownerTeamId is not null)
        {
            errors.Add("ownerTeamId", FieldErrors.Text("Choose one owner or one team to rotate over, not both."));
            return;
        }
        var assignable = await Assignable(importer.UserId, importer.RoleNames, ct);
        if (ownerId is { } id && assignable.All(o => o.Id != id))
            errors.Add("ownerId", FieldErrors.Text("Not an active user you may give customers to."));
        if (ownerTeamId is { } team && Rotation(assignable, team, await SalesStaff(ct)).Count == 0)
            errors.Add("ownerTeamId", FieldErrors.Text("Not a team you may give customers to, or it has no active sales staff."));
    }

    private async Task<List<AssignableOwner>> Assignable(Guid importerId, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        var active = await users.Active(ct);
        var scope = await access.ScopeOf(importerId, roles, ct);
        return active.Where(u => scope.IsAdmin || u.Id == importerId || (u.TeamId is { } t && scope.ManagedTeamIds.Contains(t)))
            .Select(u => new AssignableOwner(u.Id, u.TeamId, u.DisplayName, u.Email)).OrderBy(u => u.Id).ToList();
    }

    /// <summary>The ids of the active sales reps and managers, in one query.</summary>
    private async Task<HashSet<Guid>> SalesStaff(CancellationToken ct) =>
        (await users.ActiveInRoles([Roles.SalesRep, Roles.SalesManager], ct)).Select(u => u.Id).ToHashSet();

    /// <summary>A team's sales reps and managers the importer may assign, in a fixed order so a resumed run keeps the rotation.</summary>
    private static List<AssignableOwner> Rotation(IReadOnlyList<AssignableOwner> assignable, Guid teamId, HashSet<Guid> salesStaff) =>
        assignable.Where(o => o.TeamId == teamId && salesStaff.Contains(o.Id)).ToList();
}

/// <summary>The owners and teams an importer may choose in the import form.</summary>
public sealed record OwnerChoices(IReadOnlyList<AssignableOwner> Users, IReadOnlyList<TeamSummary> Teams);

/// <summary>
/// Who owns each imported row. An owner cell names a user by email or, when unambiguous, by name; a row without one goes
/// to the job's chosen owner, or to the next member of the chosen team in turn (by row number, so a resumed run assigns
/// the same), or, with neither chosen, to the importer.
/// </summary>
public sealed class OwnerRules
{
    private readonly IReadOnlyList<AssignableOwner> assignable;
    private readonly IReadOnlyList<AssignableOwner>? defaults;
    // Looked up once per row of a file of any length: by email, and by name for the names only one user has.
    private readonly Dictionary<string, AssignableOwner> byEmail;
    private readonly ILookup<string, AssignableOwner> byName;

    /// <param name="assignable">The users an owner cell may name.</param>
    /// <param name="defaults">The chosen owner (one) or team members (several) for rows without an owner cell; null: the importer.
    /// Empty when the choice can no longer be honoured (the user left): those rows are rejected rather than given to someone else.</param>
    public OwnerRules(IReadOnlyList<AssignableOwner> assignable, IReadOnlyList<AssignableOwner>? defaults)
    {
        this.assignable = assignable;
        this.defaults = defaults;
        byEmail = assignable.Where(o => o.Email.Length > 0).DistinctBy(o => o.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(o => o.Email, StringComparer.OrdinalIgnoreCase);
        byName = assignable.ToLookup(o => o.Name.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The user an owner cell names, or why it names none.</summary>
    public (AssignableOwner? Owner, string? Error) Find(string text)
    {
        var value = text.Trim();
        if (byEmail.TryGetValue(value, out var owner)) return (owner, null);
        var named = byName[value].ToList();
        return named.Count switch
        {
            1 => (named[0], null),
            0 => (null, FieldErrors.Text("owner: '{0}' is not an active user you may give customers to.", Short(value))),
            _ => (null, FieldErrors.Text("owner: '{0}' is the name of several users; give the email.", Short(value))),
        };
    }

    /// <summary>The owner of a row without an owner cell (null: the importer), or why there is none.</summary>
    public (AssignableOwner? Owner, string? Error) Default(int rowNo) => defaults switch
    {
        null => (null, null),
        [] => (null, FieldErrors.Text("owner: the owner chosen for this import can no longer be given customers.")),
        _ => (defaults[rowNo % defaults.Count], null),
    };

    /// <summary>The display name of an owner (for the preview).</summary>
    public string? NameOf(Guid? id) => id is null ? null : assignable.FirstOrDefault(o => o.Id == id)?.Name;

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
