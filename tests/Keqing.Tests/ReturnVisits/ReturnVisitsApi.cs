using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.ReturnVisits;

/// <summary>Short ways to set up and do return visits through the API in tests.</summary>
public static class ReturnVisitsApi
{
    public static async Task<IReadOnlyList<RuleDto>> SetRules(this HttpClient admin, params object[] rules)
    {
        var response = await admin.PutAsJsonAsync("/api/return-visit-rules", rules, ApiHelpers.Json);
        await response.ShouldBe(200);
        return await response.Read<List<RuleDto>>();
    }

    public static async Task<FormDto> NewForm(this HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/return-visit-forms", body, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<FormDto>();
    }

    public static async Task<Page<ReturnVisitSummaryDto>> ReturnVisits(this HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/return-visits" + (query.Length > 0 ? "?" + query : ""));
        await response.ShouldBe(200);
        return await response.Read<Page<ReturnVisitSummaryDto>>();
    }

    public static async Task<ReturnVisitDto> ReturnVisit(this HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/return-visits/{id}");
        await response.ShouldBe(200);
        return await response.Read<ReturnVisitDto>();
    }

    public static Task<HttpResponseMessage> PostIfMatch(this HttpClient client, string url, long? version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: ApiHelpers.Json) };
        if (version is { } v) request.Headers.TryAddWithoutValidation("If-Match", Preconditions.ETagOf(v));
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PutIfMatch(this HttpClient client, string url, long version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: ApiHelpers.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", Preconditions.ETagOf(version));
        return client.SendAsync(request);
    }

    public static async Task<ReturnVisitDto> Complete(this HttpClient client, ReturnVisitDto visit, object answers, string? note = null)
    {
        var response = await client.PostIfMatch($"/api/return-visits/{visit.Id}/complete", visit.Version, new { answers, note });
        await response.ShouldBe(200);
        return await response.Read<ReturnVisitDto>();
    }
}
