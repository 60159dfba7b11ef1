using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Domain;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Pools;

/// <summary>
/// One test's own world: a team with two reps and a manager (the pool's administrator), a rep of another team, and a
/// pool collecting the team's customers; customers, follow-ups and locks written straight into the database.
/// </summary>
public sealed class PoolWorld(ClockedKeqingApp app)
{
    public TeamDto Team { get; private set; } = null!;
    public UserDto Rep { get; private set; } = null!;
    public UserDto Rep2 { get; private set; } = null!;
    public UserDto Manager { get; private set; } = null!;
    public UserDto Outsider { get; private set; } = null!;
    public PoolDto Pool { get; private set; } = null!;

    public DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    public static object RuleA(int followUp = 30, int? won = null, bool spare = true, int notice = 5) =>
        new { grade = "A", daysWithoutFollowUp = followUp, daysWithoutWonDeal = won, spareOpenOpportunities = spare, noticeDays = notice };

    public static async Task<PoolWorld> Create(ClockedKeqingApp app, object[] rules, int quota = 5, int wait = 30)
    {
        var world = new PoolWorld(app);
        var admin = await app.AdminClient();
        world.Manager = await admin.CreateUser(Roles.SalesManager);
        world.Team = await admin.CreateTeam(managerId: world.Manager.Id);
        world.Rep = await admin.CreateUser(Roles.SalesRep, world.Team.Id);
        world.Rep2 = await admin.CreateUser(Roles.SalesRep, world.Team.Id);
        world.Outsider = await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id);
        var response = await admin.PostAsJsonAsync("/api/pools", new
        {
            name = ApiHelpers.Unique("华东公海"), dailyClaimQuota = quota, reclaimWaitDays = wait,
            members = new object[] { new { teamId = world.Team.Id }, new { userId = world.Manager.Id, administrator = true } },
            rules,
        }, ApiHelpers.Json);
        await response.ShouldBe(201);
        world.Pool = await response.Read<PoolDto>();
        return world;
    }

    public Task<HttpClient> As(UserDto user) => app.ClientFor(user.Email);

    /// <summary>A customer of <paramref name="owner"/> (default: the rep) created <paramref name="ageDays"/> ago, written now (as an import stamps it).</summary>
    public async Task<Guid> Customer(double ageDays, CustomerGrade? grade = CustomerGrade.A, UserDto? owner = null, DateTime? followUpAt = null,
        bool locked = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var o = owner ?? Rep;
        var created = Now.AddDays(-ageDays);
        var customer = new Customer
        {
            Kind = CustomerKind.Organization, Name = ApiHelpers.Unique("明远贸易"), Province = "上海", City = "上海", Industry = "贸易",
            OwnerId = o.Id, TeamId = o.TeamId, Grade = grade, CreatedAt = created, UpdatedAt = Now,
        };
        db.Add(customer);
        if (followUpAt is { } at)
            db.Add(new Interaction
            {
                CustomerId = customer.Id, Channel = InteractionChannel.Call, Direction = InteractionDirection.Outbound, OccurredAt = at,
                Subject = "电话回访", Notes = "私密备注", UserId = o.Id, TeamId = o.TeamId, CreatedAt = at, UpdatedAt = at,
            });
        if (locked) db.Add(new PoolCustomer { CustomerId = customer.Id, LockedAt = Now, LockedBy = Manager.Id });
        await db.SaveChangesAsync();
        return customer.Id;
    }

    public async Task<T> Db<T>(Func<KeqingDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<KeqingDb>());
    }

    public Task<PoolCustomer?> State(Guid customerId) => Db(db => db.Set<PoolCustomer>().AsNoTracking().FirstOrDefaultAsync(s => s.CustomerId == customerId));

    /// <summary>A customer's moves in the order they happened (the kind is stored as text, so it is ordered here).</summary>
    public async Task<List<PoolMove>> Moves(Guid customerId) =>
        [.. (await Db(db => db.Set<PoolMove>().AsNoTracking().Where(m => m.CustomerId == customerId).ToListAsync())).OrderBy(m => m.At).ThenBy(m => m.Kind)];

    public Task<Guid> OwnerOf(Guid customerId) => Db(db => db.Set<Customer>().Where(c => c.Id == customerId).Select(c => c.OwnerId).SingleAsync());

    public Task<int> PoolTimelineEntries(Guid customerId) =>
        Db(db => db.Set<TimelineEntry>().CountAsync(e => e.CustomerId == customerId && e.SourceModule == "pools"));

    public async Task<List<PoolCustomerDto>> PoolCustomers(HttpClient client)
    {
        var response = await client.GetAsync($"/api/pools/{Pool.Id}/customers?limit=200");
        await response.ShouldBe(200);
        return (await response.Read<Page<PoolCustomerDto>>()).Items.ToList();
    }
}
