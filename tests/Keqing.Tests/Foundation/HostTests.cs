using Keqing.Infrastructure.Data;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Foundation;

/// <summary>Health, OpenAPI, the reference page, the sign-in page, and the migrations matching the model.</summary>
public abstract class HostTests(KeqingApp app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api-reference")]
    [InlineData("/login")]
    public async Task Public_endpoints_answer_200(string path) =>
        await (await app.CreateClient().GetAsync(path)).ShouldBe(200);

    [Fact]
    public async Task OpenApi_lists_the_api()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        json.Should().Contain("/api/users").And.Contain("/api/teams").And.Contain("/api/auth/token").And.Contain("/api/audit");
    }

    [Fact]
    public async Task A_page_without_a_cookie_redirects_to_login()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/admin/users");
        // The page's endpoint carries [Authorize]: the cookie challenge sends the browser to the sign-in page.
        ((int)response.StatusCode).Should().Be(302);
        response.Headers.Location!.ToString().Should().Contain("/login").And.Contain("ReturnUrl=%2Fadmin%2Fusers");
    }

    [Fact]
    public void The_model_has_no_changes_missing_from_the_migrations()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        db.Database.HasPendingModelChanges().Should().BeFalse(
            $"run dotnet ef migrations add for {(app.Provider == Provider.Sqlite ? "SqliteKeqingDb" : "PostgresKeqingDb")}");
        db.Database.GetPendingMigrations().Should().BeEmpty();
    }
}

public sealed class HostTestsOnSqlite(SqliteApp app) : HostTests(app), IClassFixture<SqliteApp>;
public sealed class HostTestsOnPostgres(PostgresApp app) : HostTests(app), IClassFixture<PostgresApp>;
