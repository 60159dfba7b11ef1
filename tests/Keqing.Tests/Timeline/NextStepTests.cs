using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Timeline;

/// <summary>The hand-over brief's next step, on both providers: it stays until it is done or a later contact agrees another.</summary>
public abstract class NextStepTests(KeqingApp app)
{
    private static Task<HttpResponseMessage> Log(HttpClient client, Guid customerId, string channel, string subject, DateTime at, string? nextStep = null) =>
        client.PostAsJsonAsync("/api/interactions", new { customerId, channel, subject, occurredAt = at, nextStep }, ApiHelpers.Json);

    private static async Task<IReadOnlyList<string>> NextSteps(HttpClient client, Guid customerId) =>
        (await (await client.GetAsync($"/api/customers/{customerId}/brief")).Read<CustomerBriefDto>()).OpenNextSteps;

    [Fact]
    public async Task A_next_step_agreed_on_a_visit_outlives_quick_calls_until_replaced_or_done()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var customer = await CustomerApiTests.Create(rep, new { kind = "organization", name = ApiHelpers.Unique("下一步公司") });
        var start = DateTime.UtcNow.AddDays(-20);

        await (await Log(rep, customer.Id, "visit", "拜访", start, nextStep: "下周寄样品")).ShouldBe(201);
        for (var i = 1; i <= 6; i++) await (await Log(rep, customer.Id, "call", $"电话 {i}", start.AddDays(i))).ShouldBe(201);
        (await NextSteps(rep, customer.Id)).Should().Equal(["下周寄样品"], "six quick calls later the visit's next step is still open");

        var replacing = await (await Log(rep, customer.Id, "call", "确认样品", start.AddDays(8), nextStep: "月底前报价")).Read<InteractionDto>();
        (await NextSteps(rep, customer.Id)).Should().Equal(["月底前报价"], "a later agreement replaces the earlier one");

        var done = new HttpRequestMessage(HttpMethod.Put, $"/api/interactions/{replacing.Id}")
        {
            Content = JsonContent.Create(new { customerId = customer.Id, channel = "call", subject = "确认样品", occurredAt = replacing.OccurredAt, nextStep = "月底前报价", nextStepDone = true }),
        };
        done.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{replacing.Version}\""));
        var updated = await (await rep.SendAsync(done)).Read<InteractionDto>();
        updated.NextStepDoneAt.Should().NotBeNull();
        (await NextSteps(rep, customer.Id)).Should().BeEmpty("the next step was done");
    }
}

public sealed class NextStepTestsOnSqlite(SqliteApp app) : NextStepTests(app), IClassFixture<SqliteApp>;
public sealed class NextStepTestsOnPostgres(PostgresApp app) : NextStepTests(app), IClassFixture<PostgresApp>;
