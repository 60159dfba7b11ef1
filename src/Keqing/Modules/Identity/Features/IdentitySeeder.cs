using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Identity.Features;

/// <summary>Creates the roles and the first admin on first start, and the demo company's people for <c>--seed-demo</c>.</summary>
public sealed class IdentitySeeder(KeqingDb db, UserManager<User> users, TimeProvider clock, IConfiguration configuration,
    IOptions<IdentityOptions> identity) : IDemoSeeder, IFirstStartSeeder
{
    public const string AdminEmail = "admin@keqing.local";
    public const string DemoPassword = "Keqing-demo-2026";

    /// <summary>The generated admin password when the admin was created just now without KEQING_ADMIN_PASSWORD, else null.</summary>
    public async Task<string?> EnsureRolesAndAdmin(CancellationToken ct)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var name in Roles.All.Except(existing!))
            db.Roles.Add(new Role { Name = name, NormalizedName = name!.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        await db.SaveChangesAsync(ct);

        if (await users.FindByEmailAsync(AdminEmail) is not null) return null;
        var configured = configuration["KEQING_ADMIN_PASSWORD"];
        var password = string.IsNullOrEmpty(configured) ? GeneratedPassword.For(identity.Value.Password) : configured;
        await Create(AdminEmail, "系统管理员", password, null, [Roles.Admin], ct);
        return string.IsNullOrEmpty(configured) ? password : null;
    }

    async Task<SignInHint> IFirstStartSeeder.EnsureFirstStartData(CancellationToken ct) =>
        new(AdminEmail, await EnsureRolesAndAdmin(ct), DemoPassword);

    /// <summary>Demo teams and one user per role; all sign in with <see cref="DemoPassword"/>.</summary>
    public int Order => 0;

    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<Team>().AnyAsync(ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var east = new Team { Name = "华东销售部", CreatedAt = now };
        var south = new Team { Name = "华南销售部", CreatedAt = now };
        var service = new Team { Name = "客户服务中心", CreatedAt = now };
        db.AddRange(east, south, service);
        await db.SaveChangesAsync(ct);

        var eastManager = await Create("manager.east@keqing.local", "王经理", DemoPassword, east.Id, [Roles.SalesManager], ct);
        var southManager = await Create("manager.south@keqing.local", "陈经理", DemoPassword, south.Id, [Roles.SalesManager], ct);
        await Create("rep1@keqing.local", "张伟", DemoPassword, east.Id, [Roles.SalesRep], ct);
        await Create("rep2@keqing.local", "李娜", DemoPassword, east.Id, [Roles.SalesRep], ct);
        await Create("rep3@keqing.local", "刘洋", DemoPassword, south.Id, [Roles.SalesRep], ct);
        await Create("marketer@keqing.local", "赵敏", DemoPassword, null, [Roles.Marketer], ct);
        var serviceManager = await Create("service.manager@keqing.local", "孙主管", DemoPassword, service.Id, [Roles.ServiceManager], ct);
        await Create("agent@keqing.local", "周静", DemoPassword, service.Id, [Roles.ServiceAgent], ct);
        await Create("analyst@keqing.local", "吴分析", DemoPassword, null, [Roles.Analyst], ct);
        east.ManagerId = eastManager.Id;
        south.ManagerId = southManager.Id;
        service.ManagerId = serviceManager.Id;
        await db.SaveChangesAsync(ct);
    }

    private async Task<User> Create(string email, string name, string password, Guid? teamId, string[] roles, CancellationToken ct)
    {
        var user = new User
        {
            Email = email, UserName = email, DisplayName = name, TeamId = teamId, EmailConfirmed = true,
            LockoutEnabled = true, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        await users.AddToRolesAsync(user, roles);
        ct.ThrowIfCancellationRequested();
        return user;
    }
}
