using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Keqing.Modules.Service.Api;

/// <summary>
/// The satisfaction loop (DOMAIN V5): the anonymous survey answer <c>POST /api/public/surveys/{token}</c> (rate limited
/// per client address) and its page <c>GET /survey/{token}</c>; a case's loop and the manager's review; the service report.
/// </summary>
public static class SurveyApi
{
    /// <summary>The rate-limit policy of the public answer: posts per client address.</summary>
    public const string PublicPostPolicy = "service.public-survey";

    private const int MaxBody = 16 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Service").RequireAuthorization(ServiceCapabilities.Work);
        cases.MapGet("/{id:guid}/loop", (Guid id, CaseLoop handler, CancellationToken ct) => handler.Get(id, ct))
            .WithSummary("Seed 002's loop on a case: received, first response (or the SLA's promised time), resolved, the survey's score, the manager's review.");
        cases.MapPost("/{id:guid}/review", (Guid id, CaseReviewRequest request, CaseLoop handler, CancellationToken ct) => handler.Review(id, request, ct))
            .WithSummary("A service manager's review note on a case they may see (replaces an earlier one).");

        api.MapGet("/reports/service", (DateOnly? from, DateOnly? to, string? groupBy, ServiceReporting handler, CancellationToken ct) =>
                handler.Report(from, to, groupBy, ct))
            .WithTags("Service").RequireAuthorization(ServiceCapabilities.Work)
            .WithSummary("Cases opened from..to (local days, default the last 30) that the caller owns or whose team they manage (an admin all; shared cases are not counted), by agent, team, category or month: volume, " +
                         "average business minutes to first response and resolution, SLA breaches, reopen rate, CSAT average, NPS.");

        api.MapPost("/public/surveys/{token}", Post).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(PublicPostPolicy)
            .WithTags("Service").WithSummary(
                "A contact's survey answer through the emailed link, without sign-in: JSON {csat 1–5, nps 0–10, comment} or the page's form. " +
                "404 for a link that is not ours, 409 expired or already answered, 400 by field; 429 when an address posts too often.");
    }

    /// <summary>The survey page, outside /api and the Blazor app.</summary>
    public static void MapPublicPages(IEndpointRouteBuilder app) =>
        app.MapGet("/survey/{token}", async (string token, HttpContext http, AnswerSurvey surveys, CancellationToken ct) =>
        {
            var view = await surveys.Find(token, ct);
            var english = English(http, view);
            http.Response.Headers.CacheControl = "no-store";
            return Html(SurveyPage.For(view, token, english), view.State == SurveyState.Invalid ? 404 : 200);
        }).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> Post(string token, HttpContext http, AnswerSurvey surveys, CancellationToken ct)
    {
        var view = await surveys.Find(token, ct);
        var english = English(http, view);
        var wantsHtml = http.Request.HasFormContentType && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);
        if (!wantsHtml)
        {
            if (view.State == SurveyState.Invalid) throw new NotFoundException("survey");
            var answer = await Read(http.Request, ct);
            await surveys.Answer(token, answer, ct);
            return TypedResults.Ok(new { message = SurveyPage.Thanks(english) });
        }
        if (view.State != SurveyState.Open)
            return Html(SurveyPage.For(view, token, english), view.State == SurveyState.Invalid ? 404 : 409);
        SurveyAnswer? posted = null;
        try
        {
            posted = await Read(http.Request, ct);
            return Html(SurveyPage.For(await surveys.Answer(token, posted, ct), token, english, justAnswered: true), 200);
        }
        catch (ValidationFailedException e)
        {
            return Html(SurveyPage.Form(view, token, english, posted, e.Errors), 400);
        }
        catch (ConflictException)
        {
            return Html(SurveyPage.For(await surveys.Find(token, ct), token, english), 409);
        }
    }

    /// <summary>The answer from a bounded JSON object or form body; anything else is a 400 naming the field.</summary>
    private static async Task<SurveyAnswer> Read(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBody) throw new ValidationFailedException("body", FieldErrors.Text("The body is too long: at most {0} bytes.", MaxBody));
        var type = MediaTypeHeaderValue.TryParse(request.ContentType, out var media) ? media.MediaType?.ToLowerInvariant() : null;
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBody) throw new ValidationFailedException("body", FieldErrors.Text("The body is too long: at most {0} bytes.", MaxBody));
            buffer.Write(chunk, 0, read);
        }
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var errors = new FieldErrors();
        if (type == "application/x-www-form-urlencoded")
        {
            var form = QueryHelpers.ParseQuery(text);
            string? Value(string name) => form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;
            var answer = new SurveyAnswer(Number(errors, "csat", Value("csat")), Number(errors, "nps", Value("nps")), Value("comment"));
            errors.ThrowIfAny();
            return answer;
        }
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ValidationFailedException("body", FieldErrors.Text("Send a JSON object."));
            int? csat = null, nps = null;
            string? comment = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "csat": csat = JsonNumber(errors, "csat", property.Value); break;
                    case "nps": nps = JsonNumber(errors, "nps", property.Value); break;
                    case "comment":
                        if (property.Value.ValueKind == JsonValueKind.String) comment = property.Value.GetString();
                        else if (property.Value.ValueKind != JsonValueKind.Null) errors.Add("comment", FieldErrors.Text("Must be text."));
                        break;
                }
            }
            errors.ThrowIfAny();
            return new SurveyAnswer(csat, nps, comment);
        }
        catch (JsonException)
        {
            throw new ValidationFailedException("body", FieldErrors.Text("The body is not valid JSON."));
        }
    }

    private static int? Number(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add(field, FieldErrors.Text("Must be a whole number."));
        return null;
    }

    private static int? JsonNumber(FieldErrors errors, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)) return n;
        if (value.ValueKind == JsonValueKind.String) return Number(errors, field, value.GetString());
        errors.Add(field, FieldErrors.Text("Must be a whole number."));
        return null;
    }

    /// <summary>The page's language: <c>?lang=</c> when given, else the survey's; the request's culture follows it (field messages).</summary>
    private static bool English(HttpContext http, SurveyView view)
    {
        var lang = http.Request.Query["lang"].ToString();
        var name = lang.Length > 0 ? lang : view.Culture.Length > 0 ? view.Culture : CultureInfo.CurrentUICulture.Name;
        var culture = CultureInfo.GetCultureInfo(name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-CN");
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return culture.Name == "en";
    }

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
}
