using System.Net.Http.Headers;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Keqing.Tests.Portal;
using Keqing.Tests.Timeline;

namespace Keqing.Tests.Security;

/// <summary>
/// Random and hostile payloads at every write endpoint of <see cref="EndpointTable"/> (wrong types, huge strings, deep
/// JSON, SQL and script fragments, invalid Unicode and UTF-8, negative and huge numbers, fields a caller may not set):
/// the app answers every one with a 2xx–4xx, never a 5xx, and the audit chain stays intact. Hostile GET query strings too.
/// Then each class of input that once reached a 500, generated for every endpoint from the table and the OpenAPI
/// document (so a new endpoint is covered the day it gets its row): a control character in every string field of every
/// body (a 400 naming the field), null entries in every list and map, NaN and infinities in every number, control
/// characters in every query parameter, forged cursors holding NaN or control characters, truncated multipart bodies.
/// On both providers: PostgreSQL refuses U+0000 where SQLite stores it.
/// </summary>
public abstract class HostilePayloadTests(KeqingApp app)
{
    private const int SamplesPerEndpoint = 12;

    private static string Json(string s) => JsonSerializer.Serialize(s);

    private static readonly string[] Constants =
    [
        "null", "true", "false", "0", "-1", "-2147483649", "9223372036854775808", "-9223372036854775809", "1e400", "-1e-400",
        "0.1", "[]", "{}", "[null]", "[\"a\",1,null,{}]", "\"\"", "\"   \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800x\"",
        "\"\\u202e\\u200b\"", Json("' OR '1'='1"), Json("1); DROP TABLE customers; --"), Json("\" OR \"\"=\""),
        Json("<script>document.title='pwned'</script>"), Json("<img src=x onerror=alert(1)>"), Json("javascript:alert(1)"),
        Json("{{7*7}}${7*7}"), Json("=HYPERLINK(\"http://evil\",\"x\")"), Json("../../etc/passwd"), Json("%00%ff"),
        Json(new string('长', 100_000)), Json(new string('a', 1_000_000)), Json("9999-12-31T23:59:59Z"), Json("0001-01-01T00:00:00"),
        Json("not-a-date"), Json("00000000-0000-0000-0000-000000000000"), Json("call"), Json("A"), Json("Admin"),
        "[" + string.Join(',', Enumerable.Repeat("\"x\"", 10_000)) + "]",
    ];

    private static readonly string[] MassAssigned =
        ["ownerId", "teamId", "grade", "id", "version", "userId", "roles", "isActive", "createdAt", "recordedById", "passwordHash", "tokenHash"];

    private static readonly Gen<string> HostileValue = Gen.OneOf(
        Gen.Int[0, Constants.Length - 1].Select(i => Constants[i]),
        Gen.Char.Array[0, 60].Select(c => Json(new string(c))),
        Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e999"),
        Gen.Int[1, 400].Select(d => new string('[', d) + new string(']', d)),
        Gen.Int[1, 400].Select(d => string.Concat(Enumerable.Repeat("{\"a\":", d)) + "1" + new string('}', d)));

    private static readonly byte[][] InvalidUtf8 =
    [
        [0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D],
        [0xFF, 0xFE, 0x7B, 0x7D],
        [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x31, 0x7D],
    ];

    /// <summary>A body: a hostile value in place of the whole body, of one field of a valid body, or bytes that are not UTF-8.</summary>
    private static Gen<byte[]> Body(JsonObject? valid) => Gen.Frequency(
        (2, HostileValue.Select(v => Encoding.UTF8.GetBytes(v))),
        (5, Gen.Select(Gen.Int[0, 1000], HostileValue).Select((pick, value) =>
        {
            var keys = (valid?.Select(p => p.Key) ?? []).Concat(MassAssigned).ToList();
            var key = keys[pick % keys.Count];
            var fields = (valid ?? []).Where(p => p.Key != key).Select(p => $"{Json(p.Key)}:{p.Value?.ToJsonString() ?? "null"}")
                .Append($"{Json(key)}:{value}");
            return Encoding.UTF8.GetBytes("{" + string.Join(',', fields) + "}");
        })),
        (1, Gen.Int[0, InvalidUtf8.Length - 1].Select(i => InvalidUtf8[i])));

    [Fact]
    public async Task Hostile_bodies_at_every_write_endpoint_never_get_a_5xx()
    {
        var world = await AccessWorld.Build(app);
        var failures = new List<string>();
        var requests = 0;
        foreach (var row in EndpointTable.Rows.Where(r => r.Key.Split(' ')[1].StartsWith("/api", StringComparison.Ordinal)
                                                          && r.Key.Split(' ')[0] is "POST" or "PUT" or "DELETE" or "PATCH"))
        {
            var (_, probe) = await AccessMatrixTests.Request(world, row, Roles.Admin, Relation.Own, Expect.Forbidden);
            var valid = row.Body?.Invoke(probe) is { } b ? JsonSerializer.SerializeToNode(b, ApiHelpers.Json) as JsonObject : null;
            await Gen.Select(Body(valid), Gen.Bool).SampleAsync(async (body, asAdmin) =>
            {
                var role = asAdmin ? Roles.Admin : Roles.SalesRep;
                var (request, _) = await AccessMatrixTests.Request(world, row, role, Relation.Own, Expect.Allowed);
                request.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
                var client = world.ByRole[role].Client;
                if (request.Method == HttpMethod.Put) await UseCurrentVersion(client, request);
                var response = await client.SendAsync(request);
                Interlocked.Increment(ref requests);
                if ((int)response.StatusCode >= 500)
                    lock (failures) failures.Add($"{row.Key} as {role}: {(int)response.StatusCode} for body {Short(Encoding.UTF8.GetString(body))}");
            }, iter: SamplesPerEndpoint, threads: 1);
        }
        requests.Should().BeGreaterThan(300);
        if (failures.Count > 0) Assert.Fail($"{failures.Count} of {requests} hostile requests got a 5xx:\n" + string.Join('\n', failures));

        using var scope = app.Services.CreateScope();
        var chain = await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<KeqingDb>(), CancellationToken.None);
        chain.Intact.Should().BeTrue(chain.Summary);
    }

    [Fact]
    public async Task Hostile_query_strings_at_every_read_endpoint_never_get_a_5xx()
    {
        var world = await AccessWorld.Build(app);
        var client = world.ByRole[Roles.SalesManager].Client;
        string[] queries =
        [
            "limit=-1&after=%FF%FE", "limit=2147483648&after=AAAA", "after=eyJ4IjoxfQ", "q=%27%20OR%201%3D1--&sort=%3Bdrop",
            "q=" + Uri.EscapeDataString("<script>x</script>") + "&grade=Z&kind=robot&archived=maybe&shared=maybe", "sort=-&q=" + new string('长', 5000),
            "ownerId=not-a-guid&customerId=0&userId=&status=%00&overdue=2&unread=yes&entity=Customer&id=xyz", "q=%ED%A0%80",
        ];
        var failures = new List<string>();
        foreach (var row in EndpointTable.Rows.Where(r => r.Key.StartsWith("GET /api", StringComparison.Ordinal)))
        foreach (var query in queries)
        {
            var (request, _) = await AccessMatrixTests.Request(world, row, Roles.SalesManager, Relation.Own, Expect.Forbidden);
            request.RequestUri = new Uri(request.RequestUri!.OriginalString.Split('?')[0] + "?" + query, UriKind.Relative);
            var response = await client.SendAsync(request);
            if ((int)response.StatusCode >= 500) failures.Add($"{row.Key}?{query}: {(int)response.StatusCode}");
        }
        if (failures.Count > 0) Assert.Fail(string.Join('\n', failures));
    }

    [Fact]
    public async Task A_control_character_in_any_string_field_of_any_body_is_a_400_naming_the_field()
    {
        var world = await AccessWorld.Build(app);
        var wrong = new List<string>();
        var requests = 0;
        foreach (var (row, type) in WriteRowsWithJsonBodies())
        {
            var valid = await ValidBody(world, row);
            foreach (var (field, body) in HostileInputs.Variants(type, valid, "", AppJson).Where(v => v.Kind == HostileInputs.Kind.ControlCharacter)
                         .Select(v => (v.Field, v.Body)))
            {
                var response = await Send(world, row, body);
                requests++;
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 400)
                    wrong.Add($"{row.Key} with a control character in {field}: {(int)response.StatusCode} {Short(text)}");
                else if (!ErrorFields(text).Any(e => HostileInputs.SameField(e, field)))
                    wrong.Add($"{row.Key} with a control character in {field}: 400 without naming it: {Short(text)}");
            }
        }
        requests.Should().BeGreaterThan(100);
        if (wrong.Count > 0) Assert.Fail($"{wrong.Count} of {requests} requests:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public async Task Null_entries_and_non_finite_numbers_in_any_body_never_get_a_5xx()
    {
        var world = await AccessWorld.Build(app);
        var failures = new List<string>();
        var requests = 0;
        foreach (var (row, type) in WriteRowsWithJsonBodies())
        {
            var valid = await ValidBody(world, row);
            foreach (var variant in HostileInputs.Variants(type, valid, "", AppJson).Where(v => v.Kind != HostileInputs.Kind.ControlCharacter))
            {
                var response = await Send(world, row, variant.Body);
                requests++;
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{row.Key} with {variant.Kind} in {variant.Field}: {(int)response.StatusCode} for {Short(variant.Body?.ToJsonString() ?? "")}");
            }
        }
        requests.Should().BeGreaterThan(40);
        if (failures.Count > 0) Assert.Fail($"{failures.Count} of {requests} requests got a 5xx:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Control_characters_in_every_query_parameter_and_forged_cursors_never_get_a_5xx()
    {
        var (world, openApi) = (await AccessWorld.Build(app), await OpenApi());
        var client = world.ByRole[Roles.Admin].Client;
        var failures = new List<string>();
        var (requests, paged) = (0, 0);
        foreach (var row in EndpointTable.Rows.Where(r => r.Key.StartsWith("GET /api", StringComparison.Ordinal)))
        {
            // The parameters the endpoint binds (the OpenAPI document lists them all); one it does not bind never reaches
            // it, and the control characters of every other query are stripped before any endpoint runs.
            var parameters = HostileInputs.QueryParameters(openApi, "get", HostileInputs.OpenApiPath(row.Key)).ToList();
            var cursors = parameters.Contains("after") ? HostileInputs.ForgedCursors : [];
            if (cursors.Length > 0) paged++;
            var values = parameters.SelectMany(p => HostileInputs.QueryValues.Select(v => $"{p}={v}"))
                .Concat(cursors.Select(c => $"after={c}"));
            foreach (var query in values)
            {
                var (request, _) = await AccessMatrixTests.Request(world, row, Roles.Admin, Relation.Own, Expect.Forbidden);
                var url = request.RequestUri!.OriginalString;
                request.RequestUri = new Uri(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query, UriKind.Relative);
                var response = await client.SendAsync(request);
                requests++;
                if ((int)response.StatusCode >= 500) failures.Add($"{row.Key}?{query}: {(int)response.StatusCode}");
            }
        }
        paged.Should().BeGreaterThan(10, "the OpenAPI document lists the after parameter of every paged list");
        requests.Should().BeGreaterThan(300);
        if (failures.Count > 0) Assert.Fail($"{failures.Count} of {requests} requests got a 5xx:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task A_search_with_a_control_character_finds_what_it_would_without_it()
    {
        var admin = await app.AdminClient();
        var name = ApiHelpers.Unique("控制字符");
        await (await admin.PostAsJsonAsync("/api/customers", new { kind = "organization", name })).ShouldBe(201);
        var response = await admin.GetAsync("/api/customers?q=" + Uri.EscapeDataString(name[..4] + "\u0000" + name[4..]));
        await response.ShouldBe(200);
        // With a filter beside it: query names are matched case-insensitively after the rewrite too (?q= binds Q).
        var filtered = await admin.GetAsync("/api/customers/count?q=" + Uri.EscapeDataString(name[..4] + "\u0001" + name[4..]) + "&kind=organization");
        (await filtered.Read<JsonElement>()).GetProperty("count").GetInt32().Should().Be(1);
        (await response.Content.ReadAsStringAsync()).Should().Contain(name);
    }

    [Fact]
    public async Task A_truncated_multipart_body_at_any_write_endpoint_never_gets_a_5xx()
    {
        var world = await AccessWorld.Build(app);
        var failures = new List<string>();
        foreach (var row in EndpointTable.Rows.Where(r => r.Key.Split(' ')[0] is "POST" or "PUT" or "DELETE" or "PATCH"))
        foreach (var truncated in HostileInputs.TruncatedMultipart)
        {
            var (request, _) = await AccessMatrixTests.Request(world, row, Roles.Admin, Relation.Own, row.Destructive ? Expect.Allowed : Expect.Forbidden);
            request.Content = new ByteArrayContent(truncated);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={HostileInputs.Boundary}");
            var response = await world.ByRole[Roles.Admin].Client.SendAsync(request);
            if ((int)response.StatusCode >= 500) failures.Add($"{row.Key}: {(int)response.StatusCode} {Short(await response.Content.ReadAsStringAsync())}");
        }
        if (failures.Count > 0) Assert.Fail(string.Join('\n', failures));
    }

    [Fact]
    public async Task The_reported_cases_are_400s_with_problem_details()
    {
        var admin = await app.AdminClient();
        var preferences = new HttpRequestMessage(HttpMethod.Put, "/api/me/notification-preferences")
        { Content = new StringContent("{\"events\":[null]}", Encoding.UTF8, "application/json") };
        preferences.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        var nulls = await admin.SendAsync(preferences);
        await nulls.ShouldBe(400);
        nulls.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        ErrorFields(await nulls.Content.ReadAsStringAsync()).Should().Contain("events[0]");

        var nan = await admin.GetAsync("/api/duplicates?after=" + HostileInputs.Cursor($"{{\"score\":\"NaN\",\"id\":\"{Guid.NewGuid()}\"}}"));
        await nan.ShouldBe(400);
        nan.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        var upload = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = new ByteArrayContent(HostileInputs.TruncatedMultipart[0]) };
        upload.Content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={HostileInputs.Boundary}");
        var truncated = await admin.SendAsync(upload);
        await truncated.ShouldBe(400);
        truncated.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        var customer = await admin.PostAsJsonAsync("/api/customers", new { kind = "organization", name = "零\u0000字节" });
        await customer.ShouldBe(400);
        ErrorFields(await customer.Content.ReadAsStringAsync()).Should().Contain("name");
    }

    private async Task<JsonObject> OpenApi() =>
        (JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")) as JsonObject)!;

    /// <summary>The write rows whose endpoint reads a JSON body, with the type it reads it as.</summary>
    private IEnumerable<(EndpointRow Row, Type Body)> WriteRowsWithJsonBodies()
    {
        var bodies = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null } accepts && accepts.ContentTypes.Contains("application/json"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                (Key: $"{m} /{(e.RoutePattern.RawText ?? "").Trim('/')}", Type: e.Metadata.GetMetadata<IAcceptsMetadata>()!.RequestType!)))
            .DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Type);
        foreach (var row in EndpointTable.Rows)
            if (row.Key.Split(' ')[0] is "POST" or "PUT" or "PATCH" or "DELETE" && bodies.TryGetValue(row.Key, out var type))
                yield return (row, type);
    }

    private JsonSerializerOptions AppJson => app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    private static async Task<JsonNode?> ValidBody(AccessWorld world, EndpointRow row)
    {
        var (_, cell) = await AccessMatrixTests.Request(world, row, Roles.Admin, Relation.Own, Expect.Forbidden);
        return row.Body?.Invoke(cell) is { } b ? JsonSerializer.SerializeToNode(b, ApiHelpers.Json) : null;
    }

    /// <summary>One request of the row as an admin on their own records (fresh ones when it destroys), with <paramref name="body"/>.</summary>
    private HttpClient? portalContact;

    /// <summary>A contact signed in to the customer portal: the portal's API admits no staff role of the world.</summary>
    private async Task<HttpClient> PortalContact(AccessWorld world)
    {
        if (portalContact is not null) return portalContact;
        var admin = world.ByRole[Roles.Admin].Client;
        var email = Portal.PortalTestKit.NewEmail();
        await admin.NewContact((await admin.NewCustomer()).Id, email);
        return portalContact = await app.SignedIn(email);
    }

    private async Task<HttpResponseMessage> Send(AccessWorld world, EndpointRow row, JsonNode? body)
    {
        var (request, _) = await AccessMatrixTests.Request(world, row, Roles.Admin, Relation.Own, row.Destructive ? Expect.Allowed : Expect.Forbidden);
        request.Content = new StringContent(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");
        var client = row.Rule == PortalAccessRules.ContactsOnly ? await PortalContact(world) : world.ByRole[Roles.Admin].Client;
        if (request.Method == HttpMethod.Put) await UseCurrentVersion(client, request);
        return await client.SendAsync(request);
    }

    private static IEnumerable<string> ErrorFields(string problem)
    {
        try
        {
            return JsonNode.Parse(problem)?["errors"] is JsonObject errors ? errors.Select(e => e.Key).ToList() : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static async Task UseCurrentVersion(HttpClient client, HttpRequestMessage put)
    {
        var current = await client.GetAsync(put.RequestUri);
        if (current.Headers.ETag is { } etag)
        {
            put.Headers.IfMatch.Clear();
            put.Headers.IfMatch.Add(etag);
        }
    }

    private static string Short(string body) => body.Length > 200 ? body[..200] + "…" : body;
}

public sealed class HostilePayloadTestsOnSqlite(SqliteApp app) : HostilePayloadTests(app), IClassFixture<SqliteApp>;
public sealed class HostilePayloadTestsOnPostgres(PostgresApp app) : HostilePayloadTests(app), IClassFixture<PostgresApp>;
