using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Security;

/// <summary>
/// Random and hostile payloads at every write endpoint of <see cref="EndpointTable"/> (wrong types, huge strings, deep
/// JSON, SQL and script fragments, invalid Unicode and UTF-8, negative and huge numbers, fields a caller may not set):
/// the app answers every one with a 2xx–4xx, never a 5xx, and the audit chain stays intact. Hostile GET query strings too.
/// </summary>
public sealed class HostilePayloadTests(SqliteApp app) : IClassFixture<SqliteApp>
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
            "q=" + Uri.EscapeDataString("<script>x</script>") + "&grade=Z&kind=robot&archived=maybe", "sort=-&q=" + new string('长', 5000),
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
