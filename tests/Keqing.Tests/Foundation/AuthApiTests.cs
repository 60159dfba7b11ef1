using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Foundation;

/// <summary>Tokens, 401s, and deactivation cutting a user off.</summary>
public abstract class AuthApiTests(KeqingApp app)
{
    [Fact]
    public async Task Api_without_token_is_401_problem()
    {
        var response = await app.CreateClient().GetAsync("/api/me");
        await response.ShouldBe(401);
    }

    [Fact]
    public async Task Admin_gets_a_token_and_sees_itself()
    {
        var client = await app.AdminClient();
        var me = await (await client.GetAsync("/api/me")).Read<UserDto>();
        me.Email.Should().Be(KeqingApp.AdminEmail);
        me.Roles.Should().Contain(Roles.Admin);
    }

    [Fact]
    public async Task Wrong_password_is_401_with_problem_details()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token",
            new { email = KeqingApp.AdminEmail, password = "wrong-password-123" });
        await response.ShouldBe(401);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Unknown_token_is_401()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-real-token");
        await (await client.GetAsync("/api/me")).ShouldBe(401);
    }

    [Fact]
    public async Task Deactivated_user_can_no_longer_sign_in_or_use_a_token()
    {
        var admin = await app.AdminClient();
        var rep = await admin.CreateUser(Roles.SalesRep);
        var repClient = await app.ClientFor(rep.Email);
        await (await repClient.GetAsync("/api/me")).ShouldBe(200);

        var deactivated = await admin.PostAsync($"/api/users/{rep.Id}/deactivate", null);
        await deactivated.ShouldBe(200);
        (await deactivated.Read<UserDto>()).IsActive.Should().BeFalse();

        await (await repClient.GetAsync("/api/me")).ShouldBe(401);
        var again = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = rep.Email, password = KeqingApp.Password });
        await again.ShouldBe(401);

        await (await admin.PostAsync($"/api/users/{rep.Id}/activate", null)).ShouldBe(200);
        await (await app.ClientFor(rep.Email)).GetAsync("/api/me").ContinueWith(t => t.Result.ShouldBe(200)).Unwrap();
    }

    [Fact]
    public async Task Reset_password_replaces_the_old_one()
    {
        var admin = await app.AdminClient();
        var rep = await admin.CreateUser(Roles.SalesRep);
        var reset = await admin.PostAsJsonAsync($"/api/users/{rep.Id}/reset-password", new { newPassword = "Brand-new-password-9" });
        await reset.ShouldBe(204);
        var old = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = rep.Email, password = KeqingApp.Password });
        await old.ShouldBe(401);
        await app.ClientFor(rep.Email, "Brand-new-password-9");
    }

    [Fact]
    public async Task Non_admin_may_not_manage_users()
    {
        var admin = await app.AdminClient();
        var rep = await admin.CreateUser(Roles.SalesRep);
        var repClient = await app.ClientFor(rep.Email);
        await (await repClient.GetAsync("/api/users")).ShouldBe(403);
        var create = await repClient.PostAsJsonAsync("/api/teams", new { name = "mine" });
        await create.ShouldBe(403);
    }
}

public sealed class AuthApiTestsOnSqlite(SqliteApp app) : AuthApiTests(app), IClassFixture<SqliteApp>;
public sealed class AuthApiTestsOnPostgres(PostgresApp app) : AuthApiTests(app), IClassFixture<PostgresApp>;
