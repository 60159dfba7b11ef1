using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Customers;

/// <summary>
/// What each role reads of the archive (docs/adr/0070-what-each-role-reads.md), on both providers: a service agent and
/// the service manager find a caller by full phone number, email or name and open that customer (logged); a marketer
/// reads the customers they may market to; an analyst reads the archive with personal fields masked; a rep of another
/// team still reads nothing of it. None of them may change what they read.
/// </summary>
public abstract class RoleReadingTests(KeqingApp app)
{
    private sealed record World(string Marker, CustomerDto Company, CustomerDto Person, CustomerDto Consented, CustomerDto Refused,
        Dictionary<string, HttpClient> Clients, Dictionary<string, Guid> Ids, HttpClient Admin);

    private async Task<World> Build()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var owner = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, team.Id)).Email);
        var marker = "读者" + Guid.NewGuid().ToString("N")[..8];
        var digits = Random.Shared.Next(1000_0000, 9999_9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var company = await CustomerApiTests.Create(owner, new { kind = "organization", name = marker + "有限公司", phones = new[] { "0571-" + digits } }, duplicatesConfirmed: true);
        var person = await CustomerApiTests.Create(owner, new { kind = "person", name = marker + "张三", phones = new[] { "139" + digits } }, duplicatesConfirmed: true);
        var consented = await CustomerApiTests.Create(owner, new { kind = "person", name = marker + "李四", phones = new[] { "137" + digits }, legalBasis = "consent" }, duplicatesConfirmed: true);
        var refused = await CustomerApiTests.Create(owner, new { kind = "person", name = marker + "王五", legalBasis = "consent" }, duplicatesConfirmed: true);
        await Consent(owner, consented.Id, granted: true);
        await Consent(owner, refused.Id, granted: true);
        await Consent(owner, refused.Id, granted: false);

        var clients = new Dictionary<string, HttpClient>();
        var ids = new Dictionary<string, Guid>();
        foreach (var role in new[] { Roles.ServiceAgent, Roles.ServiceManager, Roles.Marketer, Roles.Analyst, Roles.SalesRep })
        {
            var user = await admin.CreateUser(role, (await admin.CreateTeam()).Id);
            clients[role] = await app.ClientFor(user.Email);
            ids[role] = user.Id;
        }
        return new World(marker, company, person, consented, refused, clients, ids, admin);
    }

    private static async Task Consent(HttpClient client, Guid customerId, bool granted) =>
        await (await client.PostAsJsonAsync($"/api/customers/{customerId}/consents",
            new { purpose = "marketing", channel = "email", granted, source = "展会登记表" }, ApiHelpers.Json)).ShouldBe(201);

    /// <summary>The customers of the world a client finds with this search, agreeing with the count.</summary>
    private static async Task<List<CustomerDto>> Find(HttpClient client, string q)
    {
        var page = await (await client.GetAsync($"/api/customers?limit=200&q={Uri.EscapeDataString(q)}")).Read<Page<CustomerDto>>();
        var count = await (await client.GetAsync($"/api/customers/count?q={Uri.EscapeDataString(q)}")).Read<System.Text.Json.JsonElement>();
        count.GetProperty("count").GetInt32().Should().Be(page.Items.Count, "the count agrees with the list for " + q);
        return page.Items.ToList();
    }

    private static string Digits(CustomerDto c) => new(c.Phones[0].Where(char.IsAsciiDigit).ToArray());

    [Fact]
    public async Task A_service_agent_finds_a_caller_by_full_number_or_name_and_opens_it_read_only()
    {
        var w = await Build();
        foreach (var role in new[] { Roles.ServiceAgent, Roles.ServiceManager })
        {
            var agent = w.Clients[role];
            (await Find(agent, "")).Should().NotContain(c => c.Name.StartsWith(w.Marker), "no browsing the archive without a search");
            (await Find(agent, w.Person.Phones[0])).Select(c => c.Id).Should().Equal(w.Person.Id);
            (await Find(agent, Digits(w.Company))).Select(c => c.Id).Should().Equal(w.Company.Id);
            (await Find(agent, Digits(w.Person)[..9])).Should().BeEmpty("a partial number finds nobody beyond one's own customers");
            (await Find(agent, w.Marker)).Select(c => c.Id).Should().BeEquivalentTo([w.Company.Id, w.Person.Id, w.Consented.Id, w.Refused.Id]);
            (await Find(agent, w.Marker[..1])).Should().BeEmpty("one character is not a look-up");

            var opened = await (await agent.GetAsync($"/api/customers/{w.Person.Id}")).Read<CustomerDto>();
            opened.Phones.Should().Equal(w.Person.Phones, "agents see contact details (the default grants)");
            await (await agent.GetAsync($"/api/customers/{w.Person.Id}/contacts")).ShouldBe(200);
            var update = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{w.Person.Id}") { Content = JsonContent.Create(new { kind = "person", name = "改名" }) };
            update.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{opened.Version}\""));
            ((int)(await agent.SendAsync(update)).StatusCode).Should().BeOneOf(403, 404);

            var log = await (await w.Admin.GetAsync($"/api/privacy/access-log?userId={w.Ids[role]}&id={w.Person.Id}")).Read<Page<AccessLogEntryDto>>();
            log.Items.Should().Contain(e => e.Action == "viewed" && e.Details.ContainsKey("look-up"), "opening a customer outside record access is logged");
        }
    }

    [Fact]
    public async Task A_marketer_reads_the_customers_they_may_market_to()
    {
        var w = await Build();
        var marketer = w.Clients[Roles.Marketer];
        (await Find(marketer, w.Marker)).Select(c => c.Id).Should().Equal([w.Consented.Id], "a lawful basis and a current consent; a later refusal counts");
        (await Find(marketer, "")).Should().Contain(c => c.Id == w.Consented.Id);
        await (await marketer.GetAsync($"/api/customers/{w.Consented.Id}")).ShouldBe(200);
        await (await marketer.GetAsync($"/api/customers/{w.Refused.Id}")).ShouldBe(404);
        await (await marketer.GetAsync($"/api/customers/{w.Company.Id}")).ShouldBe(404);
        (await Find(marketer, w.Person.Phones[0])).Should().BeEmpty("a marketer does not look callers up");
    }

    [Fact]
    public async Task An_analyst_reads_the_archive_with_personal_fields_masked()
    {
        var w = await Build();
        var analyst = w.Clients[Roles.Analyst];
        var found = await Find(analyst, w.Marker);
        found.Select(c => c.Id).Should().BeEquivalentTo([w.Company.Id, w.Person.Id, w.Consented.Id, w.Refused.Id]);
        found.Single(c => c.Id == w.Person.Id).Phones.Should().Equal("***");
        found.Single(c => c.Id == w.Company.Id).Phones.Should().Equal(w.Company.Phones, "an organisation's number is not personal data");
        (await Find(analyst, w.Person.Phones[0])).Should().BeEmpty("a masked number cannot be searched");
        var opened = await (await analyst.GetAsync($"/api/customers/{w.Person.Id}")).Read<CustomerDto>();
        opened.Phones.Should().Equal("***");
        opened.Masked.Should().Contain("phones");
    }

    [Fact]
    public async Task A_rep_of_another_team_still_reads_nothing_of_it()
    {
        var w = await Build();
        var rep = w.Clients[Roles.SalesRep];
        (await Find(rep, w.Marker)).Should().BeEmpty();
        (await Find(rep, w.Person.Phones[0])).Should().BeEmpty();
        await (await rep.GetAsync($"/api/customers/{w.Person.Id}")).ShouldBe(404);
    }
}

public sealed class RoleReadingTestsOnSqlite(SqliteApp app) : RoleReadingTests(app), IClassFixture<SqliteApp>;
public sealed class RoleReadingTestsOnPostgres(PostgresApp app) : RoleReadingTests(app), IClassFixture<PostgresApp>;
