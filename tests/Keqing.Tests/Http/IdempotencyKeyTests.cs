using System.Text;
using System.Text.Json;
using Keqing.Modules.Customers.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Http;

/// <summary>
/// <c>Idempotency-Key</c> (draft-ietf-httpapi-idempotency-key-header): the same key with the same request replays the
/// first answer; with another body it is a 422 and nothing is created; a key must be printable ASCII. Both providers.
/// </summary>
public abstract class IdempotencyKeyTests(KeqingApp app)
{
    private static HttpRequestMessage Post(string key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers?duplicatesConfirmed=true") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task The_same_key_with_the_same_body_replays_even_written_differently()
    {
        var admin = await app.AdminClient();
        var key = Guid.NewGuid().ToString();
        var name = ApiHelpers.Unique("幂等");
        var first = await admin.SendAsync(Post(key, $"{{\"kind\":\"organization\",\"name\":\"{name}\"}}"));
        await first.ShouldBe(201);
        var again = await admin.SendAsync(Post(key, $"{{ \"name\": \"{name}\",  \"kind\": \"organization\" }}"));
        await again.ShouldBe(201);
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await again.Read<CustomerDto>()).Id.Should().Be((await first.Read<CustomerDto>()).Id);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_and_creates_nothing()
    {
        var admin = await app.AdminClient();
        var key = Guid.NewGuid().ToString();
        var name = ApiHelpers.Unique("幂等");
        await (await admin.SendAsync(Post(key, $"{{\"kind\":\"organization\",\"name\":\"{name}\"}}"))).ShouldBe(201);

        var other = await admin.SendAsync(Post(key, $"{{\"kind\":\"organization\",\"name\":\"{name}-另一家\"}}"));
        await other.ShouldBe(422);
        other.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await other.Read<JsonElement>()).GetProperty("detail").GetString().Should().Contain("another request body");

        var found = await (await admin.GetAsync("/api/customers?q=" + Uri.EscapeDataString(name))).Read<JsonElement>();
        found.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal(name);
    }

    [Theory]
    [InlineData("key\u0001")]
    [InlineData("key\u007f")]
    public async Task A_key_that_is_not_printable_ascii_is_a_400(string key)
    {
        var admin = await app.AdminClient();
        var response = await admin.SendAsync(Post(key, "{\"kind\":\"organization\",\"name\":\"坏键\"}"));
        await response.ShouldBe(400);
    }
}

public sealed class IdempotencyKeyTestsOnSqlite(SqliteApp app) : IdempotencyKeyTests(app), IClassFixture<SqliteApp>;
public sealed class IdempotencyKeyTestsOnPostgres(PostgresApp app) : IdempotencyKeyTests(app), IClassFixture<PostgresApp>;
