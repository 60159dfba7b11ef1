using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Http;

/// <summary>
/// <c>If-Match: *</c> on a PUT (RFC 9110 §13.1.1): the update goes ahead when the record exists and the caller may see
/// it; a record the caller may not see stays a 404; a stale version is still a 412. On both providers.
/// </summary>
public abstract class ConditionalRequestTests(KeqingApp app)
{
    private static HttpRequestMessage Put(string url, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: ApiHelpers.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private async Task<HttpClient> NewRep()
    {
        var admin = await app.AdminClient();
        return await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
    }

    [Fact]
    public async Task If_Match_star_updates_a_customer_that_exists()
    {
        var rep = await NewRep();
        var customer = await CustomerApiTests.Create(rep, new { kind = "organization", name = ApiHelpers.Unique("星号公司") });

        var response = await rep.SendAsync(Put($"/api/customers/{customer.Id}", new { kind = "organization", name = "星号公司改名" }, "*"));
        await response.ShouldBe(200);
        var saved = await response.Read<CustomerDto>();
        saved.Name.Should().Be("星号公司改名");
        saved.Version.Should().BeGreaterThan(customer.Version);
        response.Headers.ETag!.Tag.Should().Be($"\"{saved.Version}\"");

        await (await rep.SendAsync(Put($"/api/customers/{customer.Id}", new { kind = "organization", name = "旧版本" }, $"\"{customer.Version}\"")))
            .ShouldBe(412);
    }

    [Fact]
    public async Task If_Match_star_on_a_customer_one_may_not_see_or_that_does_not_exist_is_a_404()
    {
        var owner = await NewRep();
        var stranger = await NewRep();
        var customer = await CustomerApiTests.Create(owner, new { kind = "organization", name = ApiHelpers.Unique("别人的公司") });

        await (await stranger.SendAsync(Put($"/api/customers/{customer.Id}", new { kind = "organization", name = "x" }, "*"))).ShouldBe(404);
        await (await owner.SendAsync(Put($"/api/customers/{Guid.NewGuid()}", new { kind = "organization", name = "x" }, "*"))).ShouldBe(404);
    }

    [Fact]
    public async Task If_Match_star_updates_a_contact()
    {
        var rep = await NewRep();
        var customer = await CustomerApiTests.Create(rep, new { kind = "organization", name = ApiHelpers.Unique("联系人公司") });
        var contact = await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "王经理" })).Read<ContactDto>();

        var response = await rep.SendAsync(Put($"/api/contacts/{contact.Id}", new { name = "王总" }, "*"));
        await response.ShouldBe(200);
        (await response.Read<ContactDto>()).Name.Should().Be("王总");
    }

    [Fact]
    public async Task If_Match_star_saves_notification_preferences_over_the_defaults_and_over_saved_ones()
    {
        var rep = await NewRep();
        var first = await rep.SendAsync(Put("/api/me/notification-preferences", new { timeZone = "Asia/Shanghai", culture = "zh-CN" }, "*"));
        await first.ShouldBe(200);
        var second = await rep.SendAsync(Put("/api/me/notification-preferences", new { timeZone = "Asia/Urumqi", culture = "zh-CN" }, "*"));
        await second.ShouldBe(200);
        (await second.Read<JsonElement>()).GetProperty("timeZone").GetString().Should().Be("Asia/Urumqi");
        await (await rep.SendAsync(Put("/api/me/notification-preferences", new { culture = "en" }, "\"0\""))).ShouldBe(412);
    }
}

public sealed class ConditionalRequestTestsOnSqlite(SqliteApp app) : ConditionalRequestTests(app), IClassFixture<SqliteApp>;
public sealed class ConditionalRequestTestsOnPostgres(PostgresApp app) : ConditionalRequestTests(app), IClassFixture<PostgresApp>;
