using System.Net.Http.Json;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Notifications.Jobs;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Service;

/// <summary>
/// Contact boundaries (DOMAIN P4) limit the contact Keqing starts, not the answers a customer asked for: a case reply
/// is emailed even when the customer has had this week's three outbound emails, while an outbound follow-up the agent
/// logs in the same week is warned.
/// </summary>
public abstract class CaseReplyBoundaryTests(CaseMailApp app)
{
    [Fact]
    public async Task A_case_reply_is_emailed_past_the_weekly_cap_while_an_outbound_follow_up_is_warned()
    {
        var admin = await app.AdminClient();
        var customer = await admin.NewCustomer();
        var email = $"zhao-{Guid.NewGuid():N}"[..15] + "@hospital.example";
        var response = await admin.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "赵护士长", emails = new[] { email } }, ApiHelpers.Json);
        await response.ShouldBe(201);
        var contact = await response.Read<ContactDto>();
        var serviceCase = await admin.NewCase(customer.Id, type: "repair", contactId: contact.Id);
        // The default cap is 3 outbound contacts per channel per week: this week's emails are used up.
        for (var i = 1; i <= 3; i++) (await admin.Log(customer.Id, $"产品资料 {i}", "email")).Warnings.Should().BeEmpty();

        await admin.Reply(serviceCase.Id, "赵护士长您好，工程师明天上午到院更换探头。");
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);

        var sent = app.Smtp.Messages.Where(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase)).ToList();
        sent.Should().ContainSingle("the customer asked; a boundary never holds back the answer");
        (sent[0].Parse().TextBody ?? "").Trim().Should().Be("赵护士长您好，工程师明天上午到院更换探头。");
        (await admin.Log(customer.Id, "回访：维修满意度", "email")).Warnings.Select(w => w.Code)
            .Should().Equal(["weeklyCap"], "a follow-up the agent starts is contact Keqing starts");
    }
}

public sealed class CaseReplyBoundaryTestsOnSqlite(SqliteCaseMailApp app) : CaseReplyBoundaryTests(app), IClassFixture<SqliteCaseMailApp>;
public sealed class CaseReplyBoundaryTestsOnPostgres(PostgresCaseMailApp app) : CaseReplyBoundaryTests(app), IClassFixture<PostgresCaseMailApp>;
