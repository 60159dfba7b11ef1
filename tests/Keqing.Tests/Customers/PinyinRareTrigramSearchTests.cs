using System.Security.Claims;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Customers;

/// <summary>
/// Issue 18, pinyin after an import: on PostgreSQL a pinyin search asks the trigram index only for the term's rare
/// trigrams (by the column's statistics) and checks the whole term row by row; it finds exactly what the plain substring
/// test finds, on both providers — including a row that has every trigram of the term but not the term itself.
/// </summary>
public abstract class PinyinRareTrigramSearchTests(ClockedKeqingApp app)
{
    private const string Term = "fangjinpeng";

    [Fact]
    public void Only_trigrams_in_at_most_a_tenth_of_the_sampled_keys_are_asked_for()
    {
        // 20 sampled keys, each for 5 % of the rows: "ang" is in all of them, "fan" in one, "jin" in three.
        var keys = Enumerable.Range(0, 20).Select(i => (Value: i switch
        {
            0 => " fangyouxiangongsi",
            2 or 3 or 4 => " jinyouxiangongsi",
            _ => " youxiangongsi" + i,
        }, Share: 0.05)).ToList();
        var sample = new PinyinTrigrams.KeySample(DateTimeOffset.UnixEpoch, keys);

        PinyinTrigrams.Rare(Term, sample).Should().BeEquivalentTo(["fan", "ngj", "gji", "inp", "npe", "pen", "eng"]);
        PinyinTrigrams.Rare("youxian", sample).Should().BeNull("no trigram is rare: the whole term, as before");
        PinyinTrigrams.Rare("pengdeng", sample).Should().BeNull("every trigram is rare: nothing to leave out");
        PinyinTrigrams.Rare(Term, new PinyinTrigrams.KeySample(DateTimeOffset.UnixEpoch, [])).Should().BeNull("no statistics yet");
    }

    [Fact]
    public async Task A_pinyin_search_finds_the_same_rows_through_its_rare_trigrams()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, targets) = await Write(ct);
        // The statistics as an import leaves them; the sample is read again after PinyinTrigrams.Refresh.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = KeqingApp.Service<KeqingDb>(scope);
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE customers", ct);
            app.Clock.Advance(PinyinTrigrams.Refresh);
            var asked = await KeqingApp.Service<PinyinTrigrams>(scope).ToAsk(db, Term, ct);
            if (db.Database.IsNpgsql())
                asked.Should().NotBeNull().And.NotContain("ang", "ang is in every …youxiangongsi").And.Contain("inp")
                    .And.OnlyContain(t => Term.Contains(t, StringComparison.Ordinal));
            else asked.Should().BeNull("SQLite searches pinyin through FTS5");
        }

        (await Found(admin, Term, ct)).Should().BeEquivalentTo(targets, "the rows holding the term, not 方晋宾鹏 (every trigram, not the term)");
        (await Found(admin, "angjinpen", ct)).Should().BeEquivalentTo(targets, "three letters or more match anywhere, also inside a syllable");
        (await Found(admin, "FangJinPeng", ct)).Should().BeEquivalentTo(targets);
        (await Found(admin, "fangjinbinpeng", ct)).Should().ContainSingle();
    }

    private async Task<List<Guid>> Found(ClaimsPrincipal admin, string q, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        KeqingApp.Service<CurrentUser>(scope).Principal = admin;
        var page = await KeqingApp.Service<ListCustomers>(scope).Handle(new CustomerQuery(Q: q), 50, null, ct);
        return page.Items.Select(c => c.Id).ToList();
    }

    /// <summary>
    /// 1,200 organisations named like an import's (every key holds "youxiangongsi", so "ang" is in all of them), two
    /// holding 方晋鹏 and one holding 方晋宾鹏; returns the admin and the ids of the two.
    /// </summary>
    private async Task<(ClaimsPrincipal Admin, List<Guid> Targets)> Write(CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = KeqingApp.Service<KeqingDb>(scope);
        var users = KeqingApp.Service<IUserDirectory>(scope);
        var user = (await users.FindByEmail(KeqingApp.AdminEmail, ct))!;
        var roles = await users.RolesOf(user.Id, ct);
        var writer = KeqingApp.Service<ICustomerBulkWriter>(scope);
        var settings = new BulkImportSettings(MergeMode.Skip, "test", LegalBasis.Consent, user.Id, null);
        const string words = "华盛德仁远明泰康宏达兴隆永安鑫源恒通瑞丰嘉禾中信天宇海新城博雅佳和正大";
        var random = new Random(18);
        var marker = Guid.NewGuid().ToString("N")[..6];
        var names = Enumerable.Range(0, 1_200).Select(i => $"{string.Concat(Enumerable.Range(0, 4).Select(_ => words[random.Next(words.Length)]))}{marker}{i}有限公司")
            .Concat([$"衡安市方晋鹏有限公司{marker}", $"武口市方晋鹏股份有限公司{marker}", $"武都市方晋宾鹏有限公司{marker}"]).ToList();
        var rows = names.Select((name, i) => new CustomerImportRow(i + 1, CustomerKind.Organization, name) { City = "上海", Phones = [$"138{i:D8}"] }).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await writer.Write(rows, settings, ct);
            await transaction.CommitAsync(ct);
        }
        var targets = await db.Set<Customer>().Where(c => c.Name.Contains("方晋鹏") && c.Name.EndsWith(marker)).Select(c => c.Id).ToListAsync(ct);
        targets.Should().HaveCount(2);
        return (new ClaimsPrincipal(new ClaimsIdentity(IdentityClaims.For(user.Id, user.DisplayName, user.Email, roles), "test")), targets);
    }
}

public sealed class PinyinRareTrigramSearchTestsOnSqlite(SqliteClockedApp app) : PinyinRareTrigramSearchTests(app), IClassFixture<SqliteClockedApp>;
public sealed class PinyinRareTrigramSearchTestsOnPostgres(PostgresClockedApp app) : PinyinRareTrigramSearchTests(app), IClassFixture<PostgresClockedApp>;
