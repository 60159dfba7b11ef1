using System.Net.Http.Json;
using Keqing.Modules.Kb.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Kb;

/// <summary>Short ways to write and publish knowledge-base articles through the API in tests.</summary>
public static class KbApi
{
    public static async Task<KbArticleDto> NewArticle(this HttpClient writer, string title, string body = "正文", string[]? tags = null, Guid? categoryId = null)
    {
        var response = await writer.PostAsJsonAsync("/api/kb/articles", new { title, body, tags = tags ?? [], categoryId }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<KbArticleDto>();
    }

    public static async Task<KbArticleDto> Publish(this HttpClient manager, Guid id)
    {
        var response = await manager.PostAsync($"/api/kb/articles/{id}/publish", null);
        await response.ShouldBe(200);
        return await response.Read<KbArticleDto>();
    }

    public static async Task<KbArticleDto> Published(this HttpClient manager, string title, string body = "正文", string[]? tags = null, Guid? categoryId = null) =>
        await manager.Publish((await manager.NewArticle(title, body, tags, categoryId)).Id);

    public static async Task<List<KbArticleSummary>> Search(this HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/kb/articles?{query}");
        await response.ShouldBe(200);
        return [.. (await response.Read<Keqing.Infrastructure.Http.Page<KbArticleSummary>>()).Items];
    }

    /// <summary>Three Chinese characters no other test writes, so a search finds only this test's articles.</summary>
    public static string RareHan()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return string.Concat(Enumerable.Range(0, 3).Select(i => (char)(0x4E00 + (BitConverter.ToUInt16(bytes, i * 2) % 0x51A0))));
    }
}
