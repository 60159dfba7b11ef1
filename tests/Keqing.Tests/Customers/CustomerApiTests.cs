using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Customers;

/// <summary>The customer archive through the API, on both providers: CRUD, validation, search, custom fields, audit.</summary>
public abstract class CustomerApiTests(KeqingApp app)
{
    private static readonly JsonSerializerOptions Json = ApiHelpers.Json;

    /// <summary>A rep in a team of their own; a manager where the test sets grades (a rep may not).</summary>
    private async Task<(HttpClient Client, UserDto User)> NewRep(string role = Roles.SalesRep)
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(role, team.Id);
        return (await app.ClientFor(rep.Email), rep);
    }

    public static async Task<CustomerDto> Create(HttpClient client, object body, bool duplicatesConfirmed = false)
    {
        var response = await client.PostAsJsonAsync("/api/customers" + (duplicatesConfirmed ? "?duplicatesConfirmed=true" : ""), body, Json);
        await response.ShouldBe(201);
        return await response.Read<CustomerDto>();
    }

    [Fact]
    public async Task Create_and_read_a_customer_with_every_field()
    {
        var (rep, user) = await NewRep(Roles.SalesManager);
        var response = await rep.PostAsJsonAsync("/api/customers", new
        {
            kind = "organization", name = "上海明远贸易有限公司", aliases = new[] { "明远贸易" }, industry = "分销", province = "上海",
            city = "上海", address = "浦东新区世纪大道 100 号", phones = new[] { "021-5555 0001" }, emails = new[] { "Info@MingYuan.cn" },
            website = "https://mingyuan.cn", source = "展会", grade = "A", tags = new[] { "经销商", "重点客户" },
        });
        await response.ShouldBe(201);
        var created = await response.Read<CustomerDto>();
        response.Headers.Location!.ToString().Should().Be($"/api/customers/{created.Id}");
        response.Headers.ETag!.Tag.Should().Be($"\"{created.Version}\"");
        created.OwnerId.Should().Be(user.Id);
        created.TeamId.Should().Be(user.TeamId);

        var json = await rep.GetStringAsync($"/api/customers/{created.Id}");
        var doc = JsonDocument.Parse(json).RootElement;
        doc.GetProperty("kind").GetString().Should().Be("organization");
        doc.GetProperty("grade").GetString().Should().Be("A");
        doc.GetProperty("aliases")[0].GetString().Should().Be("明远贸易");
        doc.GetProperty("tags").GetArrayLength().Should().Be(2);
        doc.GetProperty("createdAt").GetString().Should().EndWith("Z");
    }

    [Fact]
    public async Task Registered_details_are_kept_and_the_credit_code_is_checked()
    {
        var (rep, _) = await NewRep();
        var bad = await rep.PostAsJsonAsync("/api/customers", new { kind = "organization", name = "福州某公司", creditCode = "91350100M000100Y44" });
        await bad.ShouldBe(400);
        (await bad.Read<JsonElement>()).GetProperty("errors").TryGetProperty("creditCode", out _).Should().BeTrue();
        var ok = await Create(rep, new { kind = "organization", name = "福州某公司", creditCode = "91350100m000100y43", legalRepresentative = "林某" });
        ok.CreditCode.Should().Be("91350100M000100Y43");
        ok.LegalRepresentative.Should().Be("林某");
    }

    [Fact]
    public async Task Source_and_legal_basis_are_recorded_for_customers_and_contacts_and_default_to_none()
    {
        var (rep, _) = await NewRep();
        var plain = await Create(rep, new { kind = "organization", name = "无来源公司" });
        plain.LegalBasis.Should().Be(LegalBasis.None);
        var customer = await Create(rep, new { kind = "person", name = "李四", source = "展会 2026-11，名片", legalBasis = "consent" });
        customer.LegalBasis.Should().Be(LegalBasis.Consent);
        JsonDocument.Parse(await rep.GetStringAsync($"/api/customers/{customer.Id}")).RootElement
            .GetProperty("legalBasis").GetString().Should().Be("consent");

        var bad = await rep.PostAsJsonAsync("/api/customers", new { kind = "person", name = "王五", legalBasis = "purchased" });
        await bad.ShouldBe(400);

        var contact = await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts",
            new { name = "李四", source = "客户注册", legalBasis = "contract" })).Read<ContactDto>();
        contact.Source.Should().Be("客户注册");
        contact.LegalBasis.Should().Be(LegalBasis.Contract);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/contacts/{contact.Id}") { Content = JsonContent.Create(new { name = "李四先生" }) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{contact.Version}\""));
        (await (await rep.SendAsync(put)).Read<ContactDto>()).LegalBasis.Should().Be(LegalBasis.Contract, "an update that does not name the basis keeps it");
    }

    [Fact]
    public async Task Every_bad_field_is_named()
    {
        var (rep, _) = await NewRep();
        var response = await rep.PostAsJsonAsync("/api/customers", new
        {
            name = "", phones = new[] { "abc" }, emails = new[] { "not-mail" }, website = new string('w', 500),
        });
        await response.ShouldBe(400);
        var errors = (await response.Read<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "kind", "name", "phones", "emails", "website" })
            errors.TryGetProperty(field, out _).Should().BeTrue(field);
    }

    [Theory]
    [InlineData("{\"kind\":\"robot\",\"name\":\"x\"}")]
    [InlineData("{\"kind\":\"person\",\"name\":\"x\",\"grade\":\"Z\"}")]
    [InlineData("{\"kind\":1,\"name\":\"x\"}")]
    [InlineData("{\"kind\":\"person\",\"name\":[1,2]}")]
    public async Task Unknown_enum_values_and_wrong_types_are_400(string body)
    {
        var (rep, _) = await NewRep();
        var response = await rep.PostAsync("/api/customers", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.ShouldBe(400);
        (await response.Read<JsonElement>()).GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Unknown_filter_values_are_400_not_500()
    {
        var (rep, _) = await NewRep();
        await (await rep.GetAsync("/api/customers?kind=robot")).ShouldBe(400);
        await (await rep.GetAsync("/api/customers?sort=shoe-size")).ShouldBe(400);
        await (await rep.GetAsync("/api/customers?kind=PERSON&grade=a")).ShouldBe(200);
    }

    [Theory]
    [InlineData("ibm")]
    [InlineData("IBM")]
    [InlineData("tech")]
    [InlineData("m中国")]
    [InlineData("tech 2026")]
    public async Task Finds_latin_letters_and_digits_in_a_name_or_alias(string q)
    {
        var (rep, _) = await NewRep();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customer = await Create(rep, new { kind = "organization", name = $"IBM中国{tag}", aliases = new[] { "Keqing Tech 2026" } });
        var page = await (await rep.GetAsync($"/api/customers?q={Uri.EscapeDataString(q)}")).Read<Page<CustomerDto>>();
        page.Items.Should().Contain(c => c.Id == customer.Id, $"'{q}' is in the name or alias");
    }

    [Fact]
    public async Task The_longest_valid_name_and_aliases_save_and_are_found()
    {
        var (rep, _) = await NewRep();
        // A letter first: eight hex digits that happen to be all digits would be searched as a phone number.
        var tag = "k" + Guid.NewGuid().ToString("N")[..7];
        // 200 + 20 × 200 characters, the most the form allows, with a character outside the BMP at the search column's edge.
        var name = tag + new string('贸', 192);
        var aliases = Enumerable.Range(0, 20).Select(i => $"{i:D2}" + string.Concat(Enumerable.Repeat("𠀋", 99))).ToArray();
        var customer = await Create(rep, new { kind = "organization", name, aliases });
        customer.Aliases.Should().HaveCount(20);
        var page = await (await rep.GetAsync($"/api/customers?q={tag}")).Read<Page<CustomerDto>>();
        page.Items.Should().ContainSingle(c => c.Id == customer.Id);
    }

    [Theory]
    [InlineData("zs")]
    [InlineData("zhangsan")]
    [InlineData("ZhangSan")]
    [InlineData("张三")]
    [InlineData("zsf")]
    public async Task Finds_a_person_by_name_or_pinyin(string q)
    {
        var (rep, _) = await NewRep();
        var customer = await Create(rep, new { kind = "person", name = "张三丰" });
        await Create(rep, new { kind = "person", name = "李四" });
        var page = await (await rep.GetAsync($"/api/customers?q={Uri.EscapeDataString(q)}")).Read<Page<CustomerDto>>();
        page.Items.Select(c => c.Id).Should().Equal(customer.Id);
    }

    [Theory]
    [InlineData("明远贸")]
    [InlineData("远贸易有限")]
    [InlineData("上海")]
    [InlineData("上")]
    [InlineData("shmy")]
    [InlineData("mingyuan")]
    public async Task Finds_an_organisation_by_a_substring_of_three_or_more_characters_or_a_prefix(string q)
    {
        var (rep, _) = await NewRep();
        var customer = await Create(rep, new { kind = "organization", name = "上海明远贸易有限公司" });
        await Create(rep, new { kind = "organization", name = "北京华信科技有限公司" });
        var page = await (await rep.GetAsync($"/api/customers?q={Uri.EscapeDataString(q)}")).Read<Page<CustomerDto>>();
        page.Items.Select(c => c.Id).Should().Equal(customer.Id);
    }

    [Theory]
    [InlineData("曾", "zeng")]
    [InlineData("单", "shan")]
    [InlineData("区", "ou")]
    public async Task Surnames_are_found_by_their_surname_reading(string surname, string reading)
    {
        var (rep, _) = await NewRep();
        var customer = await Create(rep, new { kind = "person", name = surname + "小明" });
        var page = await (await rep.GetAsync($"/api/customers?q={reading}xiaoming")).Read<Page<CustomerDto>>();
        page.Items.Select(c => c.Id).Should().Contain(customer.Id);
    }

    [Theory]
    [InlineData("138 0013 8000")]
    [InlineData("+86-13800138000")]
    [InlineData("0086 138 0013 8000")]
    [InlineData("13800138000")]
    [InlineData("1380013")]
    public async Task Finds_by_mobile_in_any_format(string q)
    {
        var (rep, _) = await NewRep();
        var customer = await Create(rep, new { kind = "person", name = "王五", phones = new[] { "+86 138-0013-8000" } });
        var page = await (await rep.GetAsync($"/api/customers?q={Uri.EscapeDataString(q)}")).Read<Page<CustomerDto>>();
        page.Items.Select(c => c.Id).Should().Contain(customer.Id);
    }

    [Fact]
    public async Task Finds_by_landline_email_case_insensitively_and_tag()
    {
        var (rep, _) = await NewRep();
        var customer = await Create(rep, new
        {
            kind = "organization", name = "杭州瑞丰科技有限公司", phones = new[] { "(021) 5555-0001" }, emails = new[] { "Sales@RuiFeng.CN" },
            tags = new[] { "VIP客户" },
        });
        foreach (var q in new[] { "021-5555 0001", "sales@ruifeng.cn", "SALES@RUIFENG.CN" })
            (await (await rep.GetAsync($"/api/customers?q={Uri.EscapeDataString(q)}")).Read<Page<CustomerDto>>())
                .Items.Select(c => c.Id).Should().Equal([customer.Id], q);
        (await (await rep.GetAsync($"/api/customers?tag={Uri.EscapeDataString("vip客户")}")).Read<Page<CustomerDto>>())
            .Items.Select(c => c.Id).Should().Equal(customer.Id);
    }

    [Fact]
    public async Task Filters_and_sorts_page_through_every_customer_once()
    {
        var (rep, _) = await NewRep(Roles.SalesManager);
        var names = new[] { "北京甲", "北京乙", "北京丙", "北京丁", "北京戊" };
        foreach (var n in names) await Create(rep, new { kind = "organization", name = n, province = "北京", grade = "B" });
        await Create(rep, new { kind = "person", name = "北京人", province = "北京", grade = "C" });

        foreach (var sort in new[] { "name", "-name", "created", "-created", "updated", "-updated" })
        {
            var seen = new List<CustomerDto>();
            string? next = null;
            do
            {
                var url = $"/api/customers?province=北京&grade=B&kind=organization&sort={sort}&limit=2" + (next is null ? "" : $"&after={next}");
                var page = await (await rep.GetAsync(url)).Read<Page<CustomerDto>>();
                seen.AddRange(page.Items);
                next = page.Next;
            } while (next is not null);
            seen.Select(c => c.Name).Should().BeEquivalentTo(names, sort);
            seen.Select(c => c.Id).Should().OnlyHaveUniqueItems();
            // Pinyin order on both providers: 丙 bing, 丁 ding, 甲 jia, 戊 wu, 乙 yi.
            if (sort == "name") seen.Select(c => c.Name).Should().Equal("北京丙", "北京丁", "北京甲", "北京戊", "北京乙");
        }
        var count = await (await rep.GetAsync("/api/customers/count?province=北京")).Read<JsonElement>();
        count.GetProperty("count").GetInt32().Should().Be(6);
        count.GetProperty("capped").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Update_needs_the_current_etag_and_is_audited_field_by_field()
    {
        var (rep, _) = await NewRep(Roles.SalesManager);
        var customer = await Create(rep, new { kind = "organization", name = "成都天成物流有限公司", city = "成都", grade = "C" });
        var body = new { kind = "organization", name = customer.Name, city = "绵阳", grade = "B" };
        await (await rep.PutAsJsonAsync($"/api/customers/{customer.Id}", body)).ShouldBe(428);

        var ok = await Put(rep, customer.Id, customer.Version, body);
        await ok.ShouldBe(200);
        var updated = await ok.Read<CustomerDto>();
        updated.City.Should().Be("绵阳");
        await (await Put(rep, customer.Id, customer.Version, body)).ShouldBe(412);

        var trail = await (await rep.GetAsync($"/api/customers/{customer.Id}/audit")).Read<JsonElement>();
        var latest = trail.GetProperty("items")[0];
        latest.GetProperty("action").GetString().Should().Be("updated");
        var changes = latest.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        changes["City"].GetProperty("old").GetString().Should().Be("成都");
        changes["City"].GetProperty("new").GetString().Should().Be("绵阳");
        changes["Grade"].GetProperty("new").GetString().Should().Be("B");
        changes.Should().NotContainKey("SearchName");
    }

    [Fact]
    public async Task An_admins_team_override_survives_an_ordinary_edit_until_the_owner_changes()
    {
        var (rep, user) = await NewRep();
        var admin = await app.AdminClient();
        var otherTeam = await admin.CreateTeam();
        var customer = await Create(admin, new { kind = "person", name = "钱八", ownerId = user.Id, teamId = otherTeam.Id });
        customer.TeamId.Should().Be(otherTeam.Id);
        var edited = await Put(rep, customer.Id, customer.Version, new { kind = "person", name = "钱八", city = "厦门", phones = new[] { " " } });
        await edited.ShouldBe(200);
        (await edited.Read<CustomerDto>()).TeamId.Should().Be(otherTeam.Id);
        await (await Put(rep, customer.Id, customer.Version + 1, new { kind = "person", name = "钱八", teamId = user.TeamId })).ShouldBe(400);
    }

    [Fact]
    public async Task An_external_id_is_kept_by_an_update_that_leaves_it_out_and_cleared_by_an_empty_one()
    {
        var (rep, _) = await NewRep();
        var customer = await Create(rep, new { kind = "organization", name = ApiHelpers.Unique("外部"), externalId = " CRM-0042 " });
        customer.ExternalId.Should().Be("CRM-0042");
        var kept = await Put(rep, customer.Id, customer.Version, new { kind = "organization", name = customer.Name, city = "苏州" });
        await kept.ShouldBe(200);
        var after = await kept.Read<CustomerDto>();
        after.ExternalId.Should().Be("CRM-0042", "an update from a client that does not know the field keeps it");
        var tooLong = await Put(rep, customer.Id, after.Version, new { kind = "organization", name = customer.Name, externalId = new string('x', 101) });
        await tooLong.ShouldBe(400);
        (await tooLong.Read<System.Text.Json.JsonElement>()).GetProperty("errors").TryGetProperty("externalId", out _).Should().BeTrue();
        var twin = await rep.PostAsJsonAsync("/api/customers", new { kind = "organization", name = ApiHelpers.Unique("外部"), externalId = "CRM-0042" });
        await twin.ShouldBe(400); // imports find a customer by its external id: two may not share one
        var cleared = await Put(rep, customer.Id, after.Version, new { kind = "organization", name = customer.Name, externalId = "" });
        await cleared.ShouldBe(200);
        (await cleared.Read<CustomerDto>()).ExternalId.Should().BeNull();
    }

    [Fact]
    public async Task Two_concurrent_updates_with_one_etag_give_one_200_and_one_412()
    {
        var (rep, user) = await NewRep();
        var customer = await Create(rep, new { kind = "person", name = "赵六" });
        var other = await app.ClientFor(user.Email);
        var results = await Task.WhenAll(
            Put(rep, customer.Id, customer.Version, new { kind = "person", name = "赵六甲" }),
            Put(other, customer.Id, customer.Version, new { kind = "person", name = "赵六乙" }));
        results.Select(r => (int)r.StatusCode).Order().Should().Equal(200, 412);
    }

    [Fact]
    public async Task Archive_hides_and_only_an_admin_restores()
    {
        var (rep, _) = await NewRep();
        var customer = await Create(rep, new { kind = "person", name = "孙七" });
        await (await rep.DeleteAsync($"/api/customers/{customer.Id}")).ShouldBe(204);
        (await (await rep.GetAsync("/api/customers?q=孙七")).Read<Page<CustomerDto>>()).Items.Should().BeEmpty();
        (await (await rep.GetAsync("/api/customers?q=孙七&archived=true")).Read<Page<CustomerDto>>()).Items.Should().ContainSingle();
        (await (await rep.GetAsync($"/api/customers/{customer.Id}")).Read<CustomerDto>()).ArchivedAt.Should().NotBeNull();
        await (await rep.PostAsync($"/api/customers/{customer.Id}/restore", null)).ShouldBe(403);

        var admin = await app.AdminClient();
        var restored = await admin.PostAsync($"/api/customers/{customer.Id}/restore", null);
        await restored.ShouldBe(200);
        (await restored.Read<CustomerDto>()).ArchivedAt.Should().BeNull();
        (await (await rep.GetAsync("/api/customers?q=孙七")).Read<Page<CustomerDto>>()).Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Contacts_are_created_listed_updated_and_deleted()
    {
        var (rep, _) = await NewRep();
        var customer = await Create(rep, new { kind = "organization", name = "武汉安康医院" });
        var created = await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new
        {
            name = "周院长", title = "院长", phones = new[] { "13912345678" }, emails = new[] { "zhou@ankang.cn" },
            birthday = "1970-05-01", hobbies = "围棋", notes = "喜欢早上开会",
        });
        await created.ShouldBe(201);
        var contact = await created.Read<ContactDto>();
        contact.Birthday.Should().Be(new DateOnly(1970, 5, 1));

        var list = await (await rep.GetAsync($"/api/customers/{customer.Id}/contacts")).Read<List<ContactDto>>();
        list.Should().ContainSingle(c => c.Id == contact.Id);

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/contacts/{contact.Id}")
        { Content = JsonContent.Create(new { name = "周院长", title = "名誉院长" }) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{contact.Version}\""));
        await (await rep.SendAsync(put)).ShouldBe(200);

        var bad = await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "", birthday = "2999-01-01" });
        await bad.ShouldBe(400);
        var errors = (await bad.Read<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("name", out _).Should().BeTrue();
        errors.TryGetProperty("birthday", out _).Should().BeTrue();

        await (await rep.DeleteAsync($"/api/contacts/{contact.Id}")).ShouldBe(204);
        await (await rep.GetAsync($"/api/contacts/{contact.Id}")).ShouldBe(404);
    }

    [Fact]
    public async Task Custom_fields_are_defined_by_an_admin_and_checked_by_type()
    {
        var admin = await app.AdminClient();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string Key(string k) => k + suffix;
        async Task Define(object body) => await (await admin.PostAsJsonAsync("/api/custom-fields", body)).ShouldBe(201);
        await Define(new { key = Key("revenue"), label = "年营业额", type = "number" });
        await Define(new { key = Key("founded"), label = "成立日期", type = "date" });
        await Define(new { key = Key("channel"), label = "渠道", type = "singleChoice", options = new[] { "直销", "代理" } });
        await Define(new { key = Key("lines"), label = "产品线", type = "multiChoice", options = new[] { "影像", "检验", "耗材" } });
        await Define(new { key = Key("note"), label = "备注", type = "text" });

        var (rep, _) = await NewRep();
        await (await rep.PostAsJsonAsync("/api/custom-fields", new { key = "x", label = "x", type = "text" })).ShouldBe(403);
        var fields = new Dictionary<string, object>
        {
            [Key("revenue")] = 1200000.5, [Key("founded")] = "2001-09-01", [Key("channel")] = "代理",
            [Key("lines")] = new[] { "影像", "耗材" }, [Key("note")] = "老客户",
        };
        var customer = await Create(rep, new { kind = "organization", name = "郑州鼎盛医疗器械有限公司", customFields = fields });
        customer.CustomFields[Key("revenue")].GetDecimal().Should().Be(1200000.5m);
        customer.CustomFields[Key("lines")].GetArrayLength().Should().Be(2);

        var wrong = await rep.PostAsJsonAsync("/api/customers", new
        {
            kind = "organization", name = "错误示例",
            customFields = new Dictionary<string, object>
            {
                [Key("revenue")] = "a lot", [Key("founded")] = "yesterday", [Key("channel")] = "电视", [Key("lines")] = "影像", ["nope" + suffix] = 1,
            },
        });
        await wrong.ShouldBe(400);
        var errors = (await wrong.Read<JsonElement>()).GetProperty("errors");
        foreach (var k in new[] { Key("revenue"), Key("founded"), Key("channel"), Key("lines"), "nope" + suffix })
            errors.TryGetProperty($"customFields.{k}", out _).Should().BeTrue(k);

        var definitions = await (await rep.GetAsync("/api/custom-fields")).Read<List<CustomFieldDto>>();
        var lines = Key("lines");
        definitions.Should().Contain(d => d.Key == lines && d.Type == CustomFieldType.MultiChoice);
    }

    [Fact]
    public async Task Company_registry_lookup_from_the_offline_file()
    {
        var (rep, _) = await NewRep();
        var found = await rep.GetFromJsonAsync<List<CompanyRecord>>("/api/company-registry?name=明远", Json);
        found!.Should().HaveCount(3);
        found[0].Name.Should().Be("明远(上海)信息技术有限公司", "names that start with the query come first");
        found.Should().OnlyContain(c => CreditCode.IsValid(c.CreditCode));
        found.Should().Contain(c => c.Name == "上海明远贸易有限公司" && c.LegalRepresentative == "张明远" && c.Status == "存续");
        var bad = await rep.GetAsync("/api/company-registry");
        await bad.ShouldBe(400);
        (await bad.Read<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _).Should().BeTrue();
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, Guid id, long version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{id}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return client.SendAsync(request);
    }
}

public sealed class CustomerApiTestsOnSqlite(SqliteApp app) : CustomerApiTests(app), IClassFixture<SqliteApp>;
public sealed class CustomerApiTestsOnPostgres(PostgresApp app) : CustomerApiTests(app), IClassFixture<PostgresApp>;
