using Keqing.Modules.Service.Features;

namespace Keqing.Modules.Service.Api;

/// <summary>The download link of a reply email's file too large to attach: <c>GET /api/public/case-files/{token}</c>, no sign-in.</summary>
public static class CaseFileLinkApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/public/case-files/{token}", async (string token, HttpContext http, CaseFileLinks links, CancellationToken ct) =>
        {
            var file = await links.Open(token, ct);
            http.Response.Headers.CacheControl = "private, no-store";
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).AllowAnonymous().WithTags("Service").WithSummary(
            "A file of a case's reply, through the link in the reply's email (no sign-in): 404 for a link that is not ours or a file erased since, 409 when the link has expired.");
}
