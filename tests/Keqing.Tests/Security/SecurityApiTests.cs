using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;

namespace Keqing.Tests.Security;

/// <summary>Password policy, lockout, API token listing and revocation, and mass assignment, on both providers.</summary>
public abstract class SecurityApiTests(KeqingApp app)
{
    private static HttpRequestMessage TokenRequest(string email, string password, string language = "en") =>
        new(HttpMethod.Post, "/api/auth/token")
        {
            Content = JsonContent.Create(new { email, password }),
            Headers = { AcceptLanguage = { new StringWithQualityHeaderValue(language) } },
        };

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_the_api_and_say_so()
    {
        var admin = await app.AdminClient();
        var user = await admin.CreateUser(Roles.SalesRep);
        var anonymous = app.CreateClient();
        await anonymous.SendAsync(TokenRequest(user.Email, "Wrong-password-99"));
        (await (await admin.GetAsync($"/api/users/{user.Id}")).Read<UserDto>()).Version.Should()
            .Be(user.Version, "a stranger's wrong password is bookkeeping, not a new version that would make an admin's edit stale");
        for (var i = 2; i <= 5; i++)
        {
            var wrong = await anonymous.SendAsync(TokenRequest(user.Email, "Wrong-password-99"));
            await wrong.ShouldBe(401);
            // The fifth failure locks the account and says so at once.
            (await wrong.Read<JsonElement>()).GetProperty("detail").GetString().Should().Contain(i < 5 ? "wrong" : "locked");
        }
        var locked = await anonymous.SendAsync(TokenRequest(user.Email, KeqingApp.Password));
        await locked.ShouldBe(401);
        (await locked.Read<JsonElement>()).GetProperty("detail").GetString().Should().Contain("locked for 15 more minutes");
        var chinese = await anonymous.SendAsync(TokenRequest(user.Email, KeqingApp.Password, "zh-CN"));
        (await chinese.Read<JsonElement>()).GetProperty("detail").GetString().Should().Contain("锁定");

        // An admin's password reset lifts the lock.
        await (await admin.PostAsJsonAsync($"/api/users/{user.Id}/reset-password", new { newPassword = "Another-password-7" })).ShouldBe(204);
        await (await anonymous.SendAsync(TokenRequest(user.Email, "Another-password-7"))).ShouldBe(200);
    }

    [Fact]
    public async Task A_password_shorter_than_ten_characters_is_refused()
    {
        var admin = await app.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            email = $"{ApiHelpers.Unique("short")}@example.com", displayName = "短密码", password = "Abc-12345", roles = new[] { Roles.SalesRep },
        });
        await response.ShouldBe(400);
        (await response.Read<JsonElement>()).GetProperty("errors").GetProperty("password").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_user_lists_and_revokes_their_own_tokens_and_only_an_admin_sees_others()
    {
        var admin = await app.AdminClient();
        var rep = await admin.CreateUser(Roles.SalesRep);
        var other = await admin.CreateUser(Roles.SalesRep);
        var laptop = await app.ClientFor(rep.Email);
        var script = app.CreateClient();
        var issued = await (await script.PostAsJsonAsync("/api/auth/token", new { email = rep.Email, password = KeqingApp.Password, label = "报表脚本" }))
            .Read<JsonElement>();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("token").GetString());
        var scriptId = issued.GetProperty("id").GetGuid();

        var list = await (await laptop.GetAsync("/api/auth/tokens")).Read<List<TokenDto>>();
        list.Should().HaveCount(2);
        list.Should().ContainSingle(t => t.Current).Which.Id.Should().NotBe(scriptId);
        list.Single(t => t.Id == scriptId).Label.Should().Be("报表脚本");
        list.Should().OnlyContain(t => t.Active && t.UserId == rep.Id);

        var otherClient = await app.ClientFor(other.Email);
        await (await otherClient.GetAsync($"/api/auth/tokens?userId={rep.Id}")).ShouldBe(403);
        await (await otherClient.DeleteAsync($"/api/auth/tokens/{scriptId}")).ShouldBe(404);
        await (await script.GetAsync("/api/me")).ShouldBe(200);

        await (await laptop.DeleteAsync($"/api/auth/tokens/{scriptId}")).ShouldBe(200);
        await (await script.GetAsync("/api/me")).ShouldBe(401);
        var after = await (await laptop.GetAsync("/api/auth/tokens")).Read<List<TokenDto>>();
        after.Single(t => t.Id == scriptId).Should().Match<TokenDto>(t => !t.Active && t.RevokedAt != null);

        var seenByAdmin = await (await admin.GetAsync($"/api/auth/tokens?userId={rep.Id}")).Read<List<TokenDto>>();
        seenByAdmin.Select(t => t.Id).Should().BeEquivalentTo(after.Select(t => t.Id));
        var laptopId = after.Single(t => t.Current).Id;
        await (await admin.DeleteAsync($"/api/auth/tokens/{laptopId}")).ShouldBe(200);
        await (await laptop.GetAsync("/api/me")).ShouldBe(401);
    }

    [Fact]
    public async Task A_password_reset_revokes_every_token_of_the_user()
    {
        var admin = await app.AdminClient();
        var rep = await admin.CreateUser(Roles.SalesRep);
        var client = await app.ClientFor(rep.Email);
        await (await admin.PostAsJsonAsync($"/api/users/{rep.Id}/reset-password", new { newPassword = "Brand-new-password-1" })).ShouldBe(204);
        await (await client.GetAsync("/api/me")).ShouldBe(401);
    }

    [Fact]
    public async Task A_rep_cannot_set_grade_owner_or_team_but_a_manager_can_grade()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var otherTeam = await admin.CreateTeam();
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var rep = await app.ClientFor(repUser.Email);
        var managerClient = await app.ClientFor(manager.Email);

        var graded = await rep.PostAsJsonAsync("/api/customers", new { kind = "person", name = "张三", grade = "A" });
        await graded.ShouldBe(400);
        (await graded.Read<JsonElement>()).GetProperty("errors").TryGetProperty("grade", out _).Should().BeTrue();
        var teamed = await rep.PostAsJsonAsync("/api/customers", new { kind = "person", name = "张三", teamId = otherTeam.Id });
        (await teamed.Read<JsonElement>()).GetProperty("errors").TryGetProperty("teamId", out _).Should().BeTrue();

        var customer = await CustomerApiTests.Create(managerClient, new { kind = "person", name = "李四", grade = "B", ownerId = repUser.Id });
        customer.Grade.Should().Be(CustomerGrade.B);
        // The rep saves their customer with the grade unchanged (the form sends it back), but cannot change it.
        await (await Put(rep, customer, new { kind = "person", name = "李四", city = "上海", grade = "B" })).ShouldBe(200);
        var current = await (await rep.GetAsync($"/api/customers/{customer.Id}")).Read<CustomerDto>();
        var regrade = await Put(rep, current, new { kind = "person", name = "李四", grade = "A" });
        await regrade.ShouldBe(400);
        (await regrade.Read<JsonElement>()).GetProperty("errors").TryGetProperty("grade", out _).Should().BeTrue();
        await (await Put(managerClient, current, new { kind = "person", name = "李四", grade = "A" })).ShouldBe(200);
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, CustomerDto customer, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{customer.Id}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{customer.Version}\""));
        return client.SendAsync(request);
    }

    private sealed record TokenDto(Guid Id, Guid UserId, string? Label, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, bool Active, bool Current);
}

public sealed class SecurityApiTestsOnSqlite(SqliteApp app) : SecurityApiTests(app), IClassFixture<SqliteApp>;
public sealed class SecurityApiTestsOnPostgres(PostgresApp app) : SecurityApiTests(app), IClassFixture<PostgresApp>;

/// <summary>The host with low rate limits, so a test reaches them in a few requests.</summary>
public sealed class RateLimitedApp(PostgresServer postgres) : KeqingApp(postgres, Provider.Sqlite)
{
    public const int SignIns = 3;
    public const int Anonymous = 6;

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Keqing:Security:SignInsPerMinute", SignIns.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Keqing:Security:AnonymousRequestsPerMinute", Anonymous.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>Host-level protections (the same on both providers, so tested on SQLite): rate limits.</summary>
public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        var client = app.CreateClient();
        for (var i = 0; i < RateLimitedApp.SignIns; i++)
            await (await client.PostAsJsonAsync("/api/auth/token", new { email = "nobody@example.com", password = "Wrong-password-1" })).ShouldBe(401);
        // A trailing slash reaches the same endpoint, so it spends the same budget.
        var refused = await client.PostAsJsonAsync("/api/auth/token/", new { email = KeqingApp.AdminEmail, password = KeqingApp.AdminPassword });
        await refused.ShouldBe(429);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        // The sign-in form shares the budget, and tells the person in a page in their language.
        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.com" }),
            Headers = { { "Accept", "text/html,application/xhtml+xml,*/*;q=0.8" }, { "Accept-Language", "zh-CN" } },
        };
        var form = await client.SendAsync(post);
        form.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        form.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await form.Content.ReadAsStringAsync()).Should().Contain("秒后再试");
    }

    [Fact]
    public async Task Anonymous_requests_are_limited_but_assets_are_not()
    {
        var client = app.CreateClient();
        var statuses = new List<int>();
        for (var i = 0; i < RateLimitedApp.Anonymous + 2; i++) statuses.Add((int)(await client.GetAsync("/health/live")).StatusCode);
        statuses.Should().Contain(429);
        (await client.GetAsync("/_framework/blazor.web.js")).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
    }
}

/// <summary>Headers and anti-forgery, on the default limits.</summary>
public sealed class HostHeaderTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Pages_and_api_send_security_headers_and_hsts_only_over_https()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "/login", "/api/me", "/" })
        {
            var response = await client.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.Should().Contain("frame-ancestors 'none'").And.Contain("script-src 'self'").And.Contain("connect-src 'self' ws://localhost wss://localhost;")
                .And.NotContain("unsafe-eval");
            csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)).Should().NotContain("unsafe-inline");
            response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
            response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
            response.Headers.GetValues("Referrer-Policy").Single().Should().Be("strict-origin-when-cross-origin");
            response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("plain HTTP never gets HSTS");
        }
        var https = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://crm.example.com") });
        var secure = await https.GetAsync("/health/live");
        secure.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=");
    }

    [Fact]
    public async Task Form_posts_without_an_antiforgery_token_are_refused()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        logout.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var signIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = KeqingApp.AdminEmail, ["Input.Password"] = KeqingApp.AdminPassword,
        }));
        signIn.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        signIn.Headers.Contains("Set-Cookie").Should().BeFalse();

        var page = await client.GetStringAsync("/login");
        page.Should().Contain("__RequestVerificationToken", "the sign-in form carries a token");
    }
}
