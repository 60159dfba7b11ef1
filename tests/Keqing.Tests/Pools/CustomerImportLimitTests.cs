using System.Net.Http.Json;
using System.Text;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Pools;

/// <summary>
/// A customer import keeps to the owner's customer limit (客户上限) on both providers: the rows past the limit are
/// rejected, each naming the limit in the importer's language, and the rows before them import.
/// </summary>
public abstract class CustomerImportLimitTests(KeqingApp app)
{
    private static byte[] Csv(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    private async Task<(UserDto Importer, HttpClient Client)> ImporterWithLimit(int maxOwned)
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var importer = await admin.CreateUser(Roles.SalesManager, team.Id);
        var limit = await admin.PostAsJsonAsync("/api/customer-limits", new CustomerLimitInput(importer.Id, null, maxOwned, null), ApiHelpers.Json);
        await limit.ShouldBe(201);
        var client = await app.ClientFor(importer.Email);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return (importer, client);
    }

    private async Task<List<Customer>> OwnedBy(Guid ownerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Customer>().AsNoTracking()
            .Where(c => c.OwnerId == ownerId && c.ArchivedAt == null).ToListAsync();
    }

    [Fact]
    public async Task An_owner_with_room_for_two_gets_the_first_two_of_five_rows_and_the_other_three_name_the_limit()
    {
        var (importer, client) = await ImporterWithLimit(3);
        var own = await client.PostAsJsonAsync("/api/customers", new { kind = "organization", name = ApiHelpers.Unique("已有客户") }, ApiHelpers.Json);
        await own.ShouldBe(201);
        var p = ApiHelpers.Unique("限额");
        var csv = "公司名称,城市\r\n" + string.Join("", Enumerable.Range(1, 5).Select(i => $"{p}公司{i},杭州\r\n"));

        var job = await ImportApiTests.Import(client, Csv(csv));

        job.Status.Should().Be(ImportStatus.Completed);
        (job.Total, job.Inserted, job.Failed).Should().Be((5, 2, 3));
        (await OwnedBy(importer.Id)).Where(c => c.Name.StartsWith(p, StringComparison.Ordinal)).Select(c => c.Name)
            .Should().BeEquivalentTo([$"{p}公司1", $"{p}公司2"]);
        var errors = await client.GetStringAsync(job.ErrorsUrl!);
        foreach (var i in new[] { 3, 4, 5 }) errors.Should().Contain($"{p}公司{i}");
        errors.Should().Contain($"{importer.DisplayName} 最多可拥有 3 个客户（个人上限）");
    }

    [Fact]
    public async Task Rows_merging_into_existing_customers_take_no_room_and_an_owner_without_a_limit_imports_everything()
    {
        var (importer, client) = await ImporterWithLimit(1);
        var p = ApiHelpers.Unique("合并");
        var first = await ImportApiTests.Import(client, Csv($"公司名称,城市\r\n{p}甲,苏州\r\n"));
        (first.Inserted, first.Failed).Should().Be((1, 0));

        // The same customer again (fill-empty merge) is no new customer: it needs no room; a new one past the limit does.
        var again = await ImportApiTests.Import(client, Csv($"公司名称,城市,行业\r\n{p}甲,苏州,纺织\r\n{p}乙,苏州,纺织\r\n"), mode: "fillEmpty");
        (again.Merged, again.Inserted, again.Failed).Should().Be((1, 0, 1));
        (await OwnedBy(importer.Id)).Should().ContainSingle(c => c.Name == $"{p}甲").Which.Industry.Should().Be("纺织");

        var admin = await app.AdminClient();
        var free = await admin.CreateUser(Roles.SalesManager, (await admin.CreateTeam()).Id);
        var freeClient = await app.ClientFor(free.Email);
        var q = ApiHelpers.Unique("无限额");
        var all = await ImportApiTests.Import(freeClient, Csv("公司名称\r\n" + string.Join("", Enumerable.Range(1, 4).Select(i => $"{q}{i}\r\n"))));
        (all.Inserted, all.Failed).Should().Be((4, 0));
    }
}

public sealed class CustomerImportLimitTestsOnSqlite(SqliteApp app) : CustomerImportLimitTests(app), IClassFixture<SqliteApp>;
public sealed class CustomerImportLimitTestsOnPostgres(PostgresApp app) : CustomerImportLimitTests(app), IClassFixture<PostgresApp>;
