using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Foundation;

/// <summary>Users and teams through the API: validation, ETags, paging, idempotency, audit.</summary>
public abstract class UserApiTests(KeqingApp app)
{
    [Fact]
    public async Task Create_user_returns_201_with_location_and_etag()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            email = $"{ApiHelpers.Unique("rep")}@example.com", displayName = "张三", password = KeqingApp.Password,
            roles = new[] { Roles.SalesRep }, teamId = team.Id,
        });
        await response.ShouldBe(201);
        var user = await response.Read<UserDto>();
        response.Headers.Location!.ToString().Should().Be($"/api/users/{user.Id}");
        response.Headers.ETag!.Tag.Should().Be($"\"{user.Version}\"");
        user.TeamId.Should().Be(team.Id);
        user.Roles.Should().Equal(Roles.SalesRep);
    }

    [Fact]
    public async Task Validation_lists_every_bad_field()
    {
        var admin = await app.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            email = "not-an-email", displayName = "", password = "short", roles = new[] { "Pope" }, teamId = Guid.NewGuid(),
        });
        await response.ShouldBe(400);
        var problem = await response.Read<JsonElement>();
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "email", "displayName", "roles", "teamId" })
            errors.TryGetProperty(field, out _).Should().BeTrue($"{field} is bad: {problem}");
    }

    [Fact]
    public async Task Weak_password_is_a_field_error()
    {
        var admin = await app.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            email = $"{ApiHelpers.Unique("x")}@example.com", displayName = "x", password = "short", roles = new[] { Roles.Analyst },
        });
        await response.ShouldBe(400);
        (await response.Read<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Duplicate_email_is_a_field_error_not_a_500()
    {
        var admin = await app.AdminClient();
        var user = await admin.CreateUser(Roles.Marketer);
        var body = new { email = user.Email.ToUpperInvariant(), displayName = "x", password = KeqingApp.Password, roles = new[] { Roles.Marketer } };
        var response = await admin.PostAsJsonAsync("/api/users", body);
        await response.ShouldBe(400);
        // Messages come in the caller's language: Chinese by default, English when asked for.
        (await response.Read<JsonElement>()).GetProperty("errors").GetProperty("email").ToString().Should().Contain("已有使用该邮箱的用户");
        var english = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(body) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = await admin.SendAsync(english);
        await inEnglish.ShouldBe(400);
        (await inEnglish.Read<JsonElement>()).GetProperty("errors").GetProperty("email").ToString().Should().Contain("already exists");
    }

    [Fact]
    public async Task Malformed_json_is_400_with_a_message()
    {
        var admin = await app.AdminClient();
        var response = await admin.PostAsync("/api/teams", new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));
        await response.ShouldBe(400);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Read<JsonElement>()).GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Wrong_json_type_is_400()
    {
        var admin = await app.AdminClient();
        var response = await admin.PostAsync("/api/users", new StringContent("{\"email\": 5, \"roles\": \"Admin\"}", System.Text.Encoding.UTF8, "application/json"));
        await response.ShouldBe(400);
    }

    [Fact]
    public async Task Ten_megabyte_string_is_400_naming_the_field()
    {
        var admin = await app.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/teams", new { name = new string('长', 10 * 1024 * 1024 / 3) });
        await response.ShouldBe(400);
        (await response.Read<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Update_needs_if_match_and_refuses_a_stale_version()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var missing = await admin.PutAsJsonAsync($"/api/teams/{team.Id}", new { name = "renamed" + team.Name });
        await missing.ShouldBe(428);

        var ok = await Put(admin, team.Id, team.Version, new { name = "renamed-" + team.Name });
        await ok.ShouldBe(200);
        var updated = await ok.Read<TeamDto>();
        updated.Version.Should().Be(team.Version + 1);
        ok.Headers.ETag!.Tag.Should().Be($"\"{updated.Version}\"");

        var stale = await Put(admin, team.Id, team.Version, new { name = "again-" + team.Name });
        await stale.ShouldBe(412);
    }

    [Fact]
    public async Task Two_concurrent_updates_with_the_same_etag_give_one_200_and_one_412()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var second = await app.AdminClient();
        var results = await Task.WhenAll(
            Put(admin, team.Id, team.Version, new { name = "A-" + team.Name }),
            Put(second, team.Id, team.Version, new { name = "B-" + team.Name }));
        results.Select(r => (int)r.StatusCode).Order().Should().Equal(200, 412);
    }

    [Fact]
    public async Task Keyset_paging_walks_every_team_once()
    {
        var admin = await app.AdminClient();
        for (var i = 0; i < 5; i++) await admin.CreateTeam();
        var seen = new List<Guid>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await (await admin.GetAsync($"/api/teams?limit=2{(next is null ? "" : "&after=" + next)}")).Read<Page<TeamDto>>();
            page.Items.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page.Items.Select(t => t.Id));
            next = page.Next;
            pages++;
        } while (next is not null && pages < 100);
        seen.Should().OnlyHaveUniqueItems();
        seen.Should().HaveCountGreaterThanOrEqualTo(5);
        seen.Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Bad_cursor_is_400()
    {
        var admin = await app.AdminClient();
        await (await admin.GetAsync("/api/teams?after=%%%garbage")).ShouldBe(400);
    }

    [Fact]
    public async Task Idempotency_key_makes_a_retried_create_return_the_first_result()
    {
        var admin = await app.AdminClient();
        var name = ApiHelpers.Unique("idem");
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Post()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/teams") { Content = JsonContent.Create(new { name }) };
            request.Headers.Add("Idempotency-Key", key);
            return await admin.SendAsync(request);
        }
        var first = await Post();
        await first.ShouldBe(201);
        var retry = await Post();
        await retry.ShouldBe(201);
        (await retry.Read<TeamDto>()).Id.Should().Be((await first.Read<TeamDto>()).Id);
        retry.Headers.Location.Should().Be(first.Headers.Location);

        var all = await (await admin.GetAsync("/api/teams?limit=200")).Read<Page<TeamDto>>();
        all.Items.Count(t => t.Name == name).Should().Be(1);
    }

    [Fact]
    public async Task Every_change_is_in_the_audit_trail_with_old_and_new_values()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var newName = "改名-" + team.Name;
        await (await Put(admin, team.Id, team.Version, new { name = newName })).ShouldBe(200);

        var trail = await (await admin.GetAsync($"/api/audit?entity=Team&id={team.Id}")).Read<JsonElement>();
        var items = trail.GetProperty("items").EnumerateArray().ToList();
        items.Should().HaveCount(2);
        items[0].GetProperty("action").GetString().Should().Be("updated");
        items[0].GetProperty("userName").GetString().Should().Be("系统管理员");
        var change = items[0].GetProperty("changes").EnumerateArray().Single();
        change.GetProperty("field").GetString().Should().Be("Name");
        change.GetProperty("old").GetString().Should().Be(team.Name);
        change.GetProperty("new").GetString().Should().Be(newName);
        items[1].GetProperty("action").GetString().Should().Be("created");
    }

    [Fact]
    public async Task Audit_of_a_user_never_shows_the_password_hash()
    {
        var admin = await app.AdminClient();
        var user = await admin.CreateUser(Roles.Analyst);
        await (await admin.PostAsJsonAsync($"/api/users/{user.Id}/reset-password", new { newPassword = "Another-password-77" })).ShouldBe(204);
        var body = await (await admin.GetAsync($"/api/audit?entity=User&id={user.Id}")).Content.ReadAsStringAsync();
        body.Should().Contain("PasswordHash").And.Contain("***").And.NotContain("AQAAAA");
    }

    [Fact]
    public async Task Audit_of_an_unknown_entity_type_is_400()
    {
        var admin = await app.AdminClient();
        await (await admin.GetAsync($"/api/audit?entity=Nope&id={Guid.NewGuid()}")).ShouldBe(400);
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, Guid id, long version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/teams/{id}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        return client.SendAsync(request);
    }
}

public sealed class UserApiTestsOnSqlite(SqliteApp app) : UserApiTests(app), IClassFixture<SqliteApp>;
public sealed class UserApiTestsOnPostgres(PostgresApp app) : UserApiTests(app), IClassFixture<PostgresApp>;
