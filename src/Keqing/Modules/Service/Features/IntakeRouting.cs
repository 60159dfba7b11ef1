using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// The service intake team (ADR 0110), an admin setting: cases the customer opens themselves (portal, email) go to that
/// team, owned by its manager until assignment (<see cref="AutoAssign"/>, which runs on <see cref="CaseOpened"/> as for any
/// case) picks an agent or leaves the case in the team queue. Without the setting nothing changes. On opening such a case,
/// the customer's sales owner, when not in the intake team, is notified and gets a read-only collaborator share (ADR 0090).
/// </summary>
public sealed class IntakeRouting(KeqingDb db, IUserDirectory users, ICustomerDirectory customers, IRecordAccess access, INotifier notifier)
    : IBeforeCommitHandler<CaseOpened>
{
    public async Task<IntakeSettingDto> Get(CancellationToken ct)
    {
        var setting = await db.Set<IntakeSetting>().AsNoTracking().FirstOrDefaultAsync(ct);
        return await ToDto(setting, ct);
    }

    /// <summary>Sets or clears the intake team under If-Match (the version of <see cref="Get"/>; 0 before it was ever set).</summary>
    public async Task<IntakeSettingDto> Set(long expectedVersion, IntakeSettingInput input, CancellationToken ct)
    {
        if (input.TeamId is { } team && !await users.TeamExists(team, ct))
            throw new ValidationFailedException("teamId", FieldErrors.Text("Choose a team: no team has this id."));
        var setting = await db.Set<IntakeSetting>().FirstOrDefaultAsync(ct);
        if (setting is null)
        {
            if (!Preconditions.Matches(expectedVersion, 0)) throw new PreconditionFailedException();
            db.Add(setting = new IntakeSetting());
        }
        else Preconditions.ExpectVersion(db, setting, expectedVersion);
        setting.TeamId = input.TeamId;
        await db.SaveChangesAsync(ct);
        return await ToDto(setting, ct);
    }

    /// <summary>
    /// Gives a case the customer opened themselves to the intake team, owned by the team's manager (else its first active
    /// member); leaves it as it is when no intake team is set or the team has nobody active.
    /// </summary>
    public async Task Route(ServiceCase c, CancellationToken ct)
    {
        if (await IntakeTeam(ct) is not { } team) return;
        var members = (await users.Active(ct)).Where(u => u.TeamId == team).ToList();
        var managers = await users.ManagersOf(members.Select(u => u.Id), ct);
        var manager = managers.Count > 0 ? await users.Find(managers.Values.First(), ct) : null;
        if ((manager is { IsActive: true } ? manager.Id : members.FirstOrDefault()?.Id) is not { } ownerId) return;
        c.OwnerId = ownerId;
        c.TeamId = team;
    }

    /// <summary>After the case is numbered: tells the customer's sales owner and lets them read along.</summary>
    public async Task Handle(CaseOpened opened, CancellationToken ct)
    {
        if (opened.Channel is not (CaseChannel.Portal or CaseChannel.Email)) return;
        if (await IntakeTeam(ct) is not { } team) return;
        var c = db.Set<ServiceCase>().Local.FirstOrDefault(x => x.Id == opened.CaseId)
            ?? await db.Set<ServiceCase>().FirstOrDefaultAsync(x => x.Id == opened.CaseId, ct);
        if (c is null || c.TeamId != team) return;
        var customer = (await customers.Find([c.CustomerId], ct)).GetValueOrDefault(c.CustomerId);
        if (customer is null || customer.OwnerId == c.OwnerId) return;
        var salesOwner = await users.Find(customer.OwnerId, ct);
        if (salesOwner is not { IsActive: true } || salesOwner.TeamId == team) return;
        await access.GrantRead(c, salesOwner.Id, ct);
        await notifier.Notify(new NotificationRequest(EventTypes.CaseOpenedForMyCustomer, salesOwner.Id, "New case for your customer {0}",
            "{0} opened case {1}: {2}. The service team handles it; you can read along.", $"/cases/{c.Id}",
            [customer.Name, c.Number, c.Subject]), ct);
    }

    private async Task<Guid?> IntakeTeam(CancellationToken ct) =>
        await db.Set<IntakeSetting>().AsNoTracking().Select(s => s.TeamId).FirstOrDefaultAsync(ct);

    private async Task<IntakeSettingDto> ToDto(IntakeSetting? setting, CancellationToken ct)
    {
        var name = setting?.TeamId is { } team ? (await users.Teams(ct)).FirstOrDefault(t => t.Id == team)?.Name : null;
        return new IntakeSettingDto(setting?.TeamId, name, setting?.Version ?? 0);
    }
}
