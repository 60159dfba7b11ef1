using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Service.Features;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Service;

/// <summary>
/// The service report's kept cells (ADR 0100) through the HTTP host on both providers: after random sequences of what
/// happens to cases — opened for one of three agents in two teams with or without a category, first responses, given to
/// another agent (and team), category changed, resolved, reopened, surveys answered, merged — with reports read in
/// between (each takes the marks so far), the report equals the one from cells rebuilt from the cases, by every grouping,
/// for an admin and for a manager.
/// </summary>
public abstract class ServiceReportSummaryTests(SurveyApp app)
{
    private static readonly string[] Groupings = ["agent", "team", "category", "month"];

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(2026)]
    public async Task The_report_from_kept_cells_equals_the_report_rebuilt_from_the_cases_after_random_events(int seed)
    {
        var random = new Random(seed);
        var admin = await app.AdminClient();
        var managerUser = await admin.CreateUser(Roles.ServiceManager);
        var team = await admin.CreateTeam(managerId: managerUser.Id);
        var otherTeam = await admin.CreateTeam();
        var agents = new[]
        {
            await admin.CreateUser(Roles.ServiceAgent, team.Id), await admin.CreateUser(Roles.ServiceAgent, team.Id),
            await admin.CreateUser(Roles.ServiceAgent, otherTeam.Id),
        };
        var manager = await app.ClientFor(managerUser.Email);
        var categories = new Guid?[] { null, await Category(admin), await Category(admin) };
        var customer = await admin.NewCustomer();
        var contact = await admin.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts",
            new { name = "王工", emails = new[] { $"wang.{Guid.NewGuid():N}@example.test" } }, ApiHelpers.Json);
        await contact.ShouldBe(201);
        var contactId = (await contact.Read<ContactDto>()).Id;

        var first = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var cases = new List<Guid>();
        var merged = new HashSet<Guid>();
        var signedInAt = app.Clock.GetUtcNow();
        for (var step = 0; step < 40; step++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(random.Next(0, 300)));
            if (app.Clock.GetUtcNow() - signedInAt > TimeSpan.FromHours(4)) // a session lasts 12 hours
                (admin, manager, signedInAt) = (await app.AdminClient(), await app.ClientFor(managerUser.Email), app.Clock.GetUtcNow());
            var kind = cases.Count < 3 ? 0 : random.Next(9);
            var caseId = cases.Count == 0 ? Guid.Empty : cases[random.Next(cases.Count)];
            HttpResponseMessage? response = null;
            switch (kind)
            {
                case 0:
                    response = await admin.PostAsJsonAsync("/api/cases", new
                    {
                        customerId = customer.Id, subject = ApiHelpers.Unique("监护仪报警"), type = "repair", priority = "normal",
                        categoryId = categories[random.Next(categories.Length)], contactId, ownerId = agents[random.Next(agents.Length)].Id, channel = "phone",
                    }, ApiHelpers.Json);
                    await response.ShouldBe(201);
                    cases.Add((await response.Read<CaseDto>()).Id);
                    continue;
                case 1:
                    response = await admin.Act(caseId, "reply", new { body = "工程师已联系客户。" });
                    break;
                case 2:
                    response = await admin.Act(caseId, "assign", new { ownerId = agents[random.Next(agents.Length)].Id });
                    break;
                case 3:
                    var current = await admin.Case(caseId);
                    response = await admin.PutCase(caseId, current.Version, new
                    {
                        subject = current.Subject, type = current.Type, priority = current.Priority, categoryId = categories[random.Next(categories.Length)],
                        contactId = current.ContactId,
                    });
                    break;
                case 4:
                case 5:
                    response = await admin.Act(caseId, "resolve");
                    break;
                case 6:
                    response = await admin.Act(caseId, "reopen");
                    break;
                case 7:
                    await AnswerASurvey(random);
                    break;
                case 8:
                    var into = cases[random.Next(cases.Count)];
                    response = await admin.Act(caseId, "merge", new { intoId = into });
                    if (response.IsSuccessStatusCode) merged.Add(caseId);
                    break;
            }
            if (response is not null) ((int)response.StatusCode).Should().BeLessThan(500, await response.Content.ReadAsStringAsync());
            if (random.Next(4) == 0) await Reports(admin, first); // takes the marks so far
        }

        var kept = await Reports(admin, first);
        var keptForManager = await Reports(manager, first);
        kept[0].Total.Cases.Should().BeGreaterThanOrEqualTo(cases.Count - merged.Count, "every case opened in the period that was not merged");
        await using (var scope = app.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<ServiceReportSummary>().Rebuild(default)).Should().BePositive();
        (await Reports(admin, first)).Should().BeEquivalentTo(kept, o => o.WithStrictOrdering());
        (await Reports(manager, first)).Should().BeEquivalentTo(keptForManager, o => o.WithStrictOrdering());

        // As after the migration that added the cells: none yet, so the next report builds them from the cases.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            await db.Set<ServiceReportCell>().ExecuteDeleteAsync();
            await db.Set<ServiceReportState>().ExecuteDeleteAsync();
        }
        (await Reports(admin, first)).Should().BeEquivalentTo(kept, o => o.WithStrictOrdering());
    }

    private async Task<List<ServiceReport>> Reports(HttpClient client, DateOnly first)
    {
        var last = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var reports = new List<ServiceReport>();
        foreach (var groupBy in Groupings)
        {
            var response = await client.GetAsync($"/api/reports/service?from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}&groupBy={groupBy}");
            await response.ShouldBe(200);
            reports.Add(await response.Read<ServiceReport>());
        }
        return reports;
    }

    private static async Task<Guid> Category(HttpClient admin)
    {
        var response = await admin.PostAsJsonAsync("/api/case-categories", new { name = ApiHelpers.Unique("设备故障") }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return (await response.Read<CaseCategoryDto>()).Id;
    }

    /// <summary>One open survey answered as the contact would through the link (the answer's use case, without the rate limit of the public page).</summary>
    private async Task AnswerASurvey(Random random)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var open = await db.Set<CaseSurvey>().AsNoTracking().Where(s => s.AnsweredAt == null && s.ExpiresAt > now).Select(s => s.Id).ToListAsync();
        if (open.Count == 0) return;
        var token = scope.ServiceProvider.GetRequiredService<SurveyTokens>().For(open[random.Next(open.Count)]);
        await scope.ServiceProvider.GetRequiredService<AnswerSurvey>().Answer(token, new SurveyAnswer(random.Next(1, 6), random.Next(0, 11), null), default);
    }
}

public sealed class ServiceReportSummaryTestsOnSqlite(SqliteSurveyApp app) : ServiceReportSummaryTests(app), IClassFixture<SqliteSurveyApp>;
public sealed class ServiceReportSummaryTestsOnPostgres(PostgresSurveyApp app) : ServiceReportSummaryTests(app), IClassFixture<PostgresSurveyApp>;
