using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Keqing.Tests.Security;

/// <summary>
/// Cross-site request forgery on the API (issue 13 item 26): a write signed in with the browser's cookie must carry this
/// site's Origin (or Referer); a bearer token needs none. Host behaviour, the same on both providers: SQLite.
/// </summary>
public sealed partial class SameOriginTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Site = "http://localhost";

    /// <summary>A client signed in through the sign-in form, as a browser is: it holds the auth cookie and no token.</summary>
    private async Task<HttpClient> CookieClient()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        token.Should().NotBeEmpty();
        var signIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = KeqingApp.AdminEmail, ["Input.Password"] = KeqingApp.AdminPassword,
        }));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
        await (await client.GetAsync("/api/me")).ShouldBe(200);
        return client;
    }

    private static HttpRequestMessage NewCustomer(string? origin = null, string? referer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers")
        { Content = JsonContent.Create(new { kind = "organization", name = ApiHelpers.Unique("同源") }) };
        if (origin is not null) request.Headers.TryAddWithoutValidation("Origin", origin);
        if (referer is not null) request.Headers.TryAddWithoutValidation("Referer", referer);
        return request;
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://crm.localhost")]
    [InlineData("http://localhost:8081")]
    [InlineData("null")]
    public async Task A_cookie_write_from_another_origin_is_a_403_problem(string origin)
    {
        var client = await CookieClient();
        var response = await client.SendAsync(NewCustomer(origin));
        await response.ShouldBe(403);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Read<JsonElement>()).GetProperty("title").GetString().Should().Be("Cross-site request refused");

        var readAll = new HttpRequestMessage(HttpMethod.Post, "/api/notifications/read-all");
        readAll.Headers.TryAddWithoutValidation("Origin", origin);
        await (await client.SendAsync(readAll)).ShouldBe(403);
    }

    [Fact]
    public async Task A_cookie_write_without_origin_or_referer_is_refused_and_one_from_another_referer_too()
    {
        var client = await CookieClient();
        await (await client.SendAsync(NewCustomer())).ShouldBe(403);
        await (await client.SendAsync(NewCustomer(referer: "https://evil.example/page"))).ShouldBe(403);
    }

    [Fact]
    public async Task A_cookie_write_from_this_site_goes_through()
    {
        var client = await CookieClient();
        await (await client.SendAsync(NewCustomer(Site))).ShouldBe(201);
        await (await client.SendAsync(NewCustomer(referer: Site + "/customers"))).ShouldBe(201);
        // Reads need no proof: a cross-site page cannot read the answer anyway.
        var read = new HttpRequestMessage(HttpMethod.Get, "/api/customers");
        read.Headers.TryAddWithoutValidation("Origin", "https://evil.example");
        await (await client.SendAsync(read)).ShouldBe(200);
    }

    [Fact]
    public async Task A_bearer_token_write_needs_no_origin_and_ignores_a_foreign_one()
    {
        var admin = await app.AdminClient();
        await (await admin.SendAsync(NewCustomer())).ShouldBe(201);
        await (await admin.SendAsync(NewCustomer("https://evil.example"))).ShouldBe(201);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
