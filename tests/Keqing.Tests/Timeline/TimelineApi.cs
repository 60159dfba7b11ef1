using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Timeline;

/// <summary>Short ways to log, promise and read through the Timeline API in tests.</summary>
public static class TimelineApi
{
    public static Task<CustomerDto> NewCustomer(this HttpClient client, string? name = null, string? grade = null) =>
        CustomerApiTests.Create(client, new { kind = "organization", name = name ?? ApiHelpers.Unique("客户") + "有限公司", grade });

    public static async Task<InteractionDto> Log(this HttpClient client, Guid customerId, string subject, string channel = "call",
        DateTime? at = null, string direction = "outbound", Guid[]? contactIds = null, bool personal = false)
    {
        var response = await client.PostAsJsonAsync("/api/interactions", new
        {
            customerId, channel, direction, occurredAt = at, subject, notes = "备注", outcome = "有兴趣", nextStep = "发送报价",
            contactIds, personalOccasion = personal,
        }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<InteractionDto>();
    }

    public static async Task<CommitmentDto> Promise(this HttpClient client, Guid customerId, string what, DateTime dueAt)
    {
        var response = await client.PostAsJsonAsync("/api/commitments", new { customerId, what, dueAt }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<CommitmentDto>();
    }

    public static async Task<TaskDto> Task(this HttpClient client, string title, DateTime dueAt, Guid? customerId = null,
        Guid? assigneeId = null, DateTime? remindAt = null)
    {
        var response = await client.PostAsJsonAsync("/api/tasks", new { title, dueAt, customerId, assigneeId, remindAt }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<TaskDto>();
    }

    public static async Task<Page<TimelineEntryDto>> Timeline(this HttpClient client, Guid customerId, string query = "")
    {
        var response = await client.GetAsync($"/api/customers/{customerId}/timeline{query}");
        await response.ShouldBe(200);
        return await response.Read<Page<TimelineEntryDto>>();
    }
}
