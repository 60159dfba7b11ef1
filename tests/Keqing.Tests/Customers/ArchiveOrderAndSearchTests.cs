using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Customers;

/// <summary>
/// The archive as a Chinese team uses it, on both providers: names in pinyin order across pages; customers found
/// through their contacts.
/// </summary>
public abstract class ArchiveOrderAndSearchTests(KeqingApp app)
{
    private async Task<HttpClient> NewRep(string role = Roles.SalesRep)
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(role, team.Id);
        return await app.ClientFor(rep.Email);
    }

    private static async Task<Page<CustomerDto>> Search(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<Page<CustomerDto>>($"/api/customers?q={Uri.EscapeDataString(q)}", ApiHelpers.Json))!;

    private static string NewMobile() => "139" + Random.Shared.Next(10_000_000, 99_999_999);

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

    [Fact]
    public async Task A_contact_s_name_given_name_pinyin_initials_and_mobile_find_its_customer_and_say_which_contact()
    {
        var rep = await NewRep();
        var mobile = NewMobile();
        var customer = await CustomerApiTests.Create(rep, new { kind = "organization", name = "华东精密机械有限公司", city = "苏州" });
        await CustomerApiTests.Create(rep, new { kind = "organization", name = "无关的公司" });
        var contact = await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts",
            new { name = "欧阳建国", title = "采购经理", phones = new[] { mobile } })).Read<ContactDto>();

        foreach (var q in new[] { "欧阳建国", "欧阳", "建国", "oyjg", "ouyangjianguo", "ouyang", mobile, $"+86 {mobile[..3]} {mobile[3..7]} {mobile[7..]}" })
        {
            var found = await Search(rep, q);
            found.Items.Should().ContainSingle(q).Which.Id.Should().Be(customer.Id);
            var match = found.Items[0].MatchedContact;
            match.Should().NotBeNull(q);
            match!.Id.Should().Be(contact.Id);
            match.Name.Should().Be("欧阳建国");
            match.Phone.Should().Be(mobile, "the rep sees contact details");
        }
        (await Search(rep, mobile[..7])).Items.Should().BeEmpty("a contact's phone is found only whole, like a person's");
        (await Search(rep, "华东精密")).Items.Single().MatchedContact.Should().BeNull("found by its own name");
        (await Search(rep, "欧阳修")).Items.Should().BeEmpty();

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/contacts/{contact.Id}") { Content = JsonContent.Create(new { name = "司马光" }) };
        put.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{contact.Version}\""));
        await (await rep.SendAsync(put)).ShouldBe(200);
        (await Search(rep, "欧阳建国")).Items.Should().BeEmpty("the contact was renamed");
        (await Search(rep, mobile)).Items.Should().BeEmpty("its phone was removed");
        (await Search(rep, "smg")).Items.Should().ContainSingle().Which.MatchedContact!.Name.Should().Be("司马光");
    }

    [Fact]
    public async Task Contact_search_keeps_the_privacy_rules_of_phones()
    {
        var rep = await NewRep();
        var mobile = NewMobile();
        var customer = await CustomerApiTests.Create(rep, new { kind = "organization", name = "西南化工贸易有限公司" });
        await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "诸葛亮", phones = new[] { mobile } })).ShouldBe(201);
        var admin = await app.AdminClient();
        var analyst = await admin.CreateUser(Roles.Analyst);
        await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/shares", new { userId = analyst.Id })).ShouldBe(201);
        var analystClient = await app.ClientFor(analyst.Email);

        var byName = await Search(analystClient, "诸葛亮");
        var match = byName.Items.Should().ContainSingle().Which.MatchedContact!;
        match.Phone.Should().Be(Masked.Text, "an analyst may not see contact details");
        match.Masked.Should().Contain("phone");
        (await Search(analystClient, mobile)).Items.Should().BeEmpty("a number the analyst may not see cannot find a person");

        var other = await NewRep();
        (await Search(other, "诸葛亮")).Items.Should().BeEmpty("a customer the caller may not see is not found through its contacts");
    }

    [Fact]
    public async Task An_erased_contact_is_no_longer_found_by_its_name_phone_or_placeholder()
    {
        var rep = await NewRep();
        var mobile = NewMobile();
        var customer = await CustomerApiTests.Create(rep, new { kind = "organization", name = "西北擦除测试有限公司" });
        var contact = await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts",
            new { name = "令狐冲", phones = new[] { mobile }, emails = new[] { $"lhc{mobile}@example.com" } })).Read<ContactDto>();
        (await Search(rep, mobile)).Items.Should().ContainSingle();

        var admin = await app.AdminClient();
        await (await admin.PostAsJsonAsync($"/api/privacy/subjects/contacts/{contact.Id}/erase", new { reason = "本人要求删除" }, ApiHelpers.Json)).ShouldBe(200);

        foreach (var q in new[] { mobile, $"lhc{mobile}@example.com", "令狐冲", "lhc", CustomerPersonalData.ErasedName, "erased" })
            (await Search(rep, q)).Items.Should().BeEmpty(q);
        using var scope = app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<ContactLookup>().CountAsync(l => l.ContactId == contact.Id))
            .Should().Be(0, "the lookup table keeps nothing of an erased contact");
    }

    [Fact]
    public async Task Contacts_from_before_their_lookups_are_found_after_the_backfill()
    {
        var rep = await NewRep();
        var customer = await CustomerApiTests.Create(rep, new { kind = "organization", name = "东北重工集团" });
        var contact = await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "慕容复" })).Read<ContactDto>();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            await db.Set<ContactLookup>().Where(l => l.ContactId == contact.Id).ExecuteDeleteAsync();
        }
        (await Search(rep, "慕容复")).Items.Should().BeEmpty();
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<SearchKeysBackfill>().Run(TestContext.Current.CancellationToken);
        (await Search(rep, "mrf")).Items.Should().ContainSingle().Which.Id.Should().Be(customer.Id);
    }

    [Fact]
    public async Task A_too_long_search_or_an_unknown_order_is_refused_in_the_caller_s_language()
    {
        var rep = await NewRep();
        var tooLong = await rep.GetAsync("/api/customers?q=" + new string('客', 201));
        await tooLong.ShouldBe(400);
        (await tooLong.Read<System.Text.Json.JsonElement>()).GetProperty("errors").GetProperty("q")[0].GetString().Should().Contain("最多 200 个字符");
        var badSort = await rep.GetAsync("/api/customers?sort=pinyin");
        await badSort.ShouldBe(400);
        (await badSort.Read<System.Text.Json.JsonElement>()).GetProperty("errors").GetProperty("sort")[0].GetString().Should().StartWith("排序方式");
    }

    private static string Word() => new(Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)).ToArray());

    [Fact]
    public async Task An_exact_duplicate_scores_100_and_is_created_only_when_confirmed()
    {
        var rep = await NewRep();
        var name = $"华南{Word()}精密机械有限公司";
        var first = await CustomerApiTests.Create(rep, new { kind = "organization", name, city = "佛山" });

        var again = await rep.PostAsJsonAsync("/api/customers", new { kind = "organization", name, city = "佛山" });
        await again.ShouldBe(409);
        var problem = await again.Read<System.Text.Json.JsonElement>();
        var candidate = problem.GetProperty("duplicates").EnumerateArray().Should().ContainSingle().Subject;
        candidate.GetProperty("id").GetGuid().Should().Be(first.Id);
        candidate.GetProperty("score").GetDouble().Should().Be(1.0, "the same name in the same city is the same company");
        candidate.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).Should().Equal("sameName");
        candidate.GetProperty("reasons")[0].GetProperty("text").GetString().Should().Be("名称相同（佛山）", "the reason is in the caller's language");
        problem.GetProperty("title").GetString().Should().Be("疑似重复客户");
        (await Search(rep, name)).Items.Should().ContainSingle("nothing was saved");

        var second = await CustomerApiTests.Create(rep, new { kind = "organization", name, city = "佛山" }, duplicatesConfirmed: true);
        var queued = await (await rep.GetAsync($"/api/duplicates?customerId={second.Id}")).Read<Page<DuplicatePairDto>>();
        queued.Items.Should().ContainSingle().Which.Score.Should().Be(1.0);
        queued.Items[0].Reasons.Select(r => r.Text).Should().Equal("名称相同（佛山）");

        await CustomerApiTests.Create(rep, new { kind = "organization", name, city = "北京" }); // another city: no warning
    }

    [Fact]
    public async Task Phones_are_validated_everywhere_with_one_rule_and_searched_in_normal_form()
    {
        var rep = await NewRep();
        var bad = await rep.PostAsJsonAsync("/api/customers", new { kind = "organization", name = "电话校验公司", phones = new[] { "12345" } });
        await bad.ShouldBe(400);
        var errors = (await bad.Read<System.Text.Json.JsonElement>()).GetProperty("errors").GetProperty("phones");
        errors[0].GetString().Should().Contain("12345").And.Contain("区号", "the message says what is accepted, in the caller's language");

        var landline = $"0755-8{Random.Shared.Next(1_000_000, 9_999_999)}";
        var customer = await CustomerApiTests.Create(rep, new { kind = "organization", name = "深圳分机公司", phones = new[] { landline + "-8001" } });
        customer.Phones.Should().Equal(landline + "-8001");
        (await Search(rep, landline)).Items.Should().ContainSingle().Which.Id.Should().Be(customer.Id);

        var contact = await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "钱经理", phones = new[] { "12345" } });
        await contact.ShouldBe(400);
        (await contact.Read<System.Text.Json.JsonElement>()).GetProperty("errors").TryGetProperty("phones", out _).Should().BeTrue();
        await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts",
            new { name = "钱经理", phones = new[] { "+852 2123 4567", "021-5888 8888 转 123" } })).ShouldBe(201);
    }
}

public sealed class ArchiveOrderAndSearchTestsOnSqlite(SqliteApp app) : ArchiveOrderAndSearchTests(app), IClassFixture<SqliteApp>;
public sealed class ArchiveOrderAndSearchTestsOnPostgres(PostgresApp app) : ArchiveOrderAndSearchTests(app), IClassFixture<PostgresApp>;
