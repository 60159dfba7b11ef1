using Keqing.Infrastructure.Http;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Features;

namespace Keqing.Modules.Quotes.Api;

/// <summary>The printed quote: its PDF, and the letterhead every printed quote carries.</summary>
public static class QuotePrintApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/quotes/{id:guid}/pdf", async (Guid id, QuotePrintout printout, CancellationToken ct) =>
            {
                var quote = await printout.Load(id, ct);
                var fileName = $"报价单-{quote.NumberWithRevision.Replace(' ', '-')}.pdf";
                return TypedResults.File(QuotePdf.Render(quote), "application/pdf", fileName);
            })
            .WithTags("Quotes").RequireAuthorization(QuotesCapabilities.Work)
            .WithSummary("The quote as an A4 PDF in Chinese with the company letterhead (404 for a quote one may not see).");

        var settings = api.MapGroup("/quote-settings").WithTags("Quotes");
        settings.MapGet("/letterhead", async (QuoteLetterheads handler, HttpResponse response, CancellationToken ct) =>
        {
            var letterhead = await handler.Get(ct);
            Preconditions.SetETag(response, letterhead.Version);
            return TypedResults.Ok(letterhead);
        }).RequireAuthorization(QuotesCapabilities.Work)
            .WithSummary("The company header and terms printed on every quote (version 0 and empty until first saved).");
        settings.MapPut("/letterhead", async (LetterheadInput input, QuoteLetterheads handler, HttpContext http, CancellationToken ct) =>
        {
            var letterhead = await handler.Save(Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, letterhead.Version);
            return TypedResults.Ok(letterhead);
        }).RequireAuthorization(QuotesCapabilities.ManageSettings)
            .WithSummary("Sets the letterhead (If-Match; logoPng: base64 of a PNG up to 256 KB, null for none).");
    }
}
