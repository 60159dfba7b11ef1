using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Opportunities;

/// <summary>Short ways to set up pipelines and opportunities through the API in tests.</summary>
public static class OpportunityApi
{
    public static async Task<PipelineDto> NewPipeline(this HttpClient admin, params (string Name, int Probability, int? StuckAfterDays)[] stages)
    {
        var response = await admin.PostAsJsonAsync("/api/pipelines", new
        {
            name = ApiHelpers.Unique("流程"),
            stages = stages.Select(s => new { name = s.Name, probability = s.Probability, stuckAfterDays = s.StuckAfterDays }),
        }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<PipelineDto>();
    }

    public static async Task<OpportunityDto> NewOpportunity(this HttpClient client, Guid customerId, Guid pipelineId, decimal amount,
        Guid? stageId = null, int? probability = null, string closeDate = "2026-12-15", Guid? ownerId = null)
    {
        var response = await client.PostAsJsonAsync("/api/opportunities", new
        {
            customerId, name = ApiHelpers.Unique("商机"), amount = new { amount, currency = "CNY" }, expectedCloseDate = closeDate,
            pipelineId, stageId, probability, ownerId,
        }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<OpportunityDto>();
    }

    public static async Task<OpportunityDto> Get(this HttpClient client, Guid opportunityId)
    {
        var response = await client.GetAsync($"/api/opportunities/{opportunityId}");
        await response.ShouldBe(200);
        return await response.Read<OpportunityDto>();
    }

    public static Task<HttpResponseMessage> Move(this HttpClient client, Guid opportunityId, Guid stageId) =>
        client.PostAsJsonAsync($"/api/opportunities/{opportunityId}/move", new { stageId }, ApiHelpers.Json);

    public static async Task<BoardDto> Board(this HttpClient client, Guid pipelineId, string query = "")
    {
        var response = await client.GetAsync($"/api/pipelines/{pipelineId}/board{query}");
        await response.ShouldBe(200);
        return await response.Read<BoardDto>();
    }

    public static Task<HttpResponseMessage> PutWithVersion(this HttpClient client, string url, long? version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: ApiHelpers.Json) };
        if (version is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return client.SendAsync(request);
    }
}
