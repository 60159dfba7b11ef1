using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Customers;

/// <summary>The archive as a Chinese team uses it, on both providers: names in pinyin order across pages.</summary>
public abstract class ArchiveOrderAndSearchTests(KeqingApp app)
{
    private async Task<HttpClient> NewRep()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        return await app.ClientFor(rep.Email);
    }

    private static async Task<List<string>> AllNames(HttpClient client, string query, int limit)
    {
        var names = new List<string>();
        string? after = null;
        do
        {
            var page = await client.GetFromJsonAsync<Page<CustomerDto>>(
                $"/api/customers?{query}&limit={limit}" + (after is null ? "" : $"&after={after}"), ApiHelpers.Json);
            names.AddRange(page!.Items.Select(c => c.Name));
            after = page.Next;
        } while (after is not null);
        return names;
    }

    /// <summary>Cities, a company and a person (单 as a surname is shan), in the order a Chinese reader expects.</summary>
    private static readonly string[] PinyinOrder =
        ["3M中国", "Apple 上海", "北京", "北京市", "重庆", "东莞", "佛山", "广州", "单雄信", "上海", "深圳", "厦门"];

    [Fact]
    public async Task Names_sort_in_pinyin_order_across_pages_both_ways()
    {
        var rep = await NewRep();
        foreach (var name in PinyinOrder.Reverse())
            await CustomerApiTests.Create(rep, new { kind = name == "单雄信" ? "person" : "organization", name });

        (await AllNames(rep, "sort=name", limit: 5)).Should().Equal(PinyinOrder);
        (await AllNames(rep, "sort=-name", limit: 5)).Should().Equal(PinyinOrder.Reverse());
    }

    [Fact]
    public async Task A_renamed_customer_moves_to_its_new_place()
    {
        var rep = await NewRep();
        var a = await CustomerApiTests.Create(rep, new { kind = "organization", name = "北京" });
        await CustomerApiTests.Create(rep, new { kind = "organization", name = "上海" });
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{a.Id}") { Content = JsonContent.Create(new { kind = "organization", name = "西安" }) };
        put.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{a.Version}\""));
        await (await rep.SendAsync(put)).ShouldBe(200);
        (await AllNames(rep, "sort=name", limit: 1)).Should().Equal("上海", "西安");
    }

    [Fact]
    public async Task Rows_from_before_the_sort_key_get_it_from_the_backfill()
    {
        var rep = await NewRep();
        var ids = new List<Guid>();
        foreach (var name in new[] { "上海", "北京", "东莞" })
            ids.Add((await CustomerApiTests.Create(rep, new { kind = "organization", name })).Id);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var before = await db.Set<Customer>().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Version).ToListAsync();
            await db.Set<Customer>().Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.NameSortKey, ""));
            var filled = await scope.ServiceProvider.GetRequiredService<SearchKeysBackfill>().Run(TestContext.Current.CancellationToken);
            filled.Should().BeGreaterThanOrEqualTo(3);
            var after = await db.Set<Customer>().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Version).ToListAsync();
            after.Should().Equal(before, "a derived column is no edit");
        }
        (await AllNames(rep, "sort=name", limit: 2)).Should().Equal("北京", "东莞", "上海");
    }
}

public sealed class ArchiveOrderAndSearchTestsOnSqlite(SqliteApp app) : ArchiveOrderAndSearchTests(app), IClassFixture<SqliteApp>;
public sealed class ArchiveOrderAndSearchTestsOnPostgres(PostgresApp app) : ArchiveOrderAndSearchTests(app), IClassFixture<PostgresApp>;
