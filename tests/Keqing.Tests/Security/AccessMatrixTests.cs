using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Security;

/// <summary>
/// The access-control matrix (DOMAIN P5): every endpoint of <see cref="EndpointTable"/> × every role and anonymous ×
/// own / same-team / other-team record, asserting the designed 2xx/401/403/404 (302 to sign in for pages). Access
/// logic is the same on both providers, so it runs on SQLite.
/// </summary>
public sealed class AccessMatrixTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly Relation[] AllRelations = [Relation.Own, Relation.Team, Relation.OtherTeam];

    [Fact]
    public void Every_endpoint_the_app_serves_has_a_row_in_the_endpoint_table()
    {
        var served = EndpointTable.ServedKeys(app.Services);
        var table = EndpointTable.Rows.Select(r => r.Key).ToList();
        table.Should().OnlyHaveUniqueItems();
        var missing = served.Except(table).ToList();
        var stale = table.Except(served).ToList();
        var message = new StringBuilder();
        foreach (var key in missing)
            message.AppendLine(CultureInfo.InvariantCulture, $"Endpoint without an access rule: {key} — add a row to tests/Keqing.Tests/Security/EndpointTable.cs, e.g. new(\"{key}\", SignedIn),");
        foreach (var key in stale) message.AppendLine(CultureInfo.InvariantCulture, $"Row for an endpoint the app no longer serves: {key}");
        if (message.Length > 0) Assert.Fail(message.ToString());
    }

    [Fact]
    public async Task Every_endpoint_answers_every_role_and_relation_as_designed()
    {
        var world = await AccessWorld.Build(app);
        var wrong = new List<string>();
        var cells = 0;
        foreach (var row in EndpointTable.Rows)
        foreach (var role in AccessWorld.Callers)
        foreach (var relation in RelationsOf(row))
        {
            cells++;
            var expected = row.Rule(role, relation);
            var (request, cell) = await Request(world, row, role, relation, expected);
            var client = role is null ? world.Anonymous : world.ByRole[role].Client;
            var response = await client.SendAsync(request);
            if (!Matches(expected, response))
                wrong.Add($"{row.Key} as {role ?? "anonymous"} on {relation} ({request.RequestUri}): expected {expected}, got {(int)response.StatusCode} " +
                          Short(await response.Content.ReadAsStringAsync()));
        }
        cells.Should().BeGreaterThan(500);
        if (wrong.Count > 0) Assert.Fail($"{wrong.Count} of {cells} cells differ from the endpoint table:\n" + string.Join('\n', wrong));
    }

    public static IEnumerable<Relation> RelationsOf(EndpointRow row) => row.On switch
    {
        On.Customer or On.Contact or On.Interaction or On.Commitment or On.Task or On.Share or On.Token or On.Lead => AllRelations,
        // Handing over one's own customers would take the matrix's own records away; a fresh colleague stands in.
        On.User when row.Rule == EndpointTable.ManagesEmployee => row.Destructive ? [Relation.Team, Relation.OtherTeam] : AllRelations,
        _ => [Relation.None],
    };

    /// <summary>The request of one cell, on fresh records when it would change shared ones for good.</summary>
    public static async Task<(HttpRequestMessage Request, AccessCell Cell)> Request(AccessWorld world, EndpointRow row, string? role,
        Relation relation, Expect expected, Func<AccessCell, object?>? body = null)
    {
        var owner = world.OwnerOf(role, relation);
        var records = row.Destructive && expected == Expect.Allowed && row.On is not (On.User or On.Token or On.Victim)
            ? await world.Create(owner, row.On)
            : world.RecordsOf(role, relation);
        Guid? target = row.On switch
        {
            On.Customer or On.Share => records.CustomerId,
            On.Contact => records.ContactId,
            On.Interaction => records.InteractionId,
            On.Commitment => records.CommitmentId,
            On.Task => records.TaskId,
            On.Lead => records.LeadId,
            On.Team => world.TeamA.Id,
            On.UnknownId => Guid.NewGuid(),
            On.Token => (await world.NewToken(owner)).Id,
            On.Victim => expected == Expect.Allowed ? (await world.NewRep(world.TeamA.Id)).User.Id : world.RepA.User.Id,
            On.User when row.Destructive && expected == Expect.Allowed =>
                (await world.NewRep(relation == Relation.OtherTeam ? world.TeamB.Id : world.TeamA.Id)).User.Id,
            On.User => owner.User.Id,
            _ => null,
        };
        var caller = role is null ? world.RepA.User.Id : world.ByRole[role].User.Id;
        var cell = new AccessCell(role, relation, caller, records.CustomerId, target, records.ShareId, records.OwnerId,
            world.TeamA.Id, world.TeamB.Id, world.Outsider.Id, relation == Relation.OtherTeam ? world.RepB.User.Id : world.RepA.User.Id);

        var (method, template) = (row.Key[..row.Key.IndexOf(' ')], row.Key[(row.Key.IndexOf(' ') + 1)..]);
        var path = template.Replace("{id:guid}", target?.ToString()).Replace("{Id:guid}", records.CustomerId.ToString())
            .Replace("{shareId:guid}", (row.On == On.Lead ? records.LeadShareId : records.ShareId).ToString()).Replace("{name}", "en")
            .Replace("{number:int}", "1").Replace("{documentName}", "v1").Replace("{documentName?}", "");
        if (row.Query is not null) path += "?" + row.Query(cell);
        var request = new HttpRequestMessage(method == "*" ? HttpMethod.Get : new HttpMethod(method), path);
        var content = body ?? row.Body;
        if (content is not null) request.Content = JsonContent.Create(content(cell), options: ApiHelpers.Json);
        else if (method is "POST" && template.StartsWith("/api", StringComparison.Ordinal)) request.Content = JsonContent.Create(new { });
        // A version nobody has: allowed callers get 412 and nothing changes; others 403/404 before the version check.
        if (method == "PUT" || template.EndsWith("/merge", StringComparison.Ordinal)) request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"999999\""));
        return (request, cell);
    }

    public static bool Matches(Expect expected, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var toSignIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/login", StringComparison.Ordinal) == true;
        return expected switch
        {
            Expect.Allowed => status < 500 && status is not (401 or 403 or 404 or 429) && !toSignIn,
            Expect.Forbidden => status == 403,
            Expect.Hidden => status == 404,
            Expect.Unauthenticated => status == 401,
            Expect.SignInRedirect => toSignIn,
            Expect.BadRequest => status == 400,
            _ => false,
        };
    }

    private static string Short(string body) => body.Length > 160 ? body[..160] + "…" : body;
}
