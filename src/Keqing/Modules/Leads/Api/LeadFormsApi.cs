using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Leads.Api;

/// <summary>
/// Web-to-lead forms (DOMAIN M5): the admin API <c>/api/forms</c> (<see cref="LeadsCapabilities.ManageForms"/>, If-Match on
/// PUT), the anonymous <c>POST /api/public/forms/{formKey}</c> (form-encoded or JSON, rate limited per address and form)
/// and the hosted page <c>GET /f/{formKey}</c>.
/// </summary>
public static class LeadFormsApi
{
    /// <summary>The rate-limit policy of the public endpoint: posts per client address and form.</summary>
    public const string PublicPostPolicy = "leads.public-form";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private const int MaxValues = 50;

    public static void Map(RouteGroupBuilder api)
    {
        var forms = api.MapGroup("/forms").WithTags("Web forms").RequireAuthorization(LeadsCapabilities.ManageForms);
        forms.MapGet("", (ManageLeadForms handler, int? limit, string? after, CancellationToken ct) => handler.List(limit, after, ct))
            .WithSummary("The web forms, oldest first (keyset: limit, after).");
        forms.MapGet("/{id:guid}", async (Guid id, ManageLeadForms handler, HttpResponse response, CancellationToken ct) =>
        {
            var form = await handler.Get(id, ct);
            Preconditions.SetETag(response, form.Version);
            return TypedResults.Ok(form);
        });
        forms.MapGet("/{id:guid}/snippet", async (Guid id, string? lang, ManageLeadForms handler, HostedFormPage page, SubmitLeadForm submit,
            HttpRequest request, CancellationToken ct) =>
        {
            var form = await handler.Get(id, ct);
            var entity = await submit.FindActive(form.Key, ct) ?? throw new ConflictException(FieldErrors.Text("The form is not active."));
            var english = lang?.StartsWith("en", StringComparison.OrdinalIgnoreCase) ?? HostedFormPage.IsEnglish(CultureInfo.CurrentUICulture);
            return TypedResults.Text(page.Snippet(entity, $"{request.Scheme}://{request.Host}", english), "text/plain; charset=utf-8");
        }).WithSummary("The embeddable HTML of an active form (?lang=zh-CN|en): a plain form posting to the public endpoint, with the honeypot and the fill-time field.");
        forms.MapPost("", async (LeadFormInput input, ManageLeadForms handler, HttpResponse response, CancellationToken ct) =>
        {
            var form = await handler.Create(input, ct);
            Preconditions.SetETag(response, form.Version);
            return TypedResults.Created($"/api/forms/{form.Id}", form);
        }).WithIdempotency().WithSummary("Builds a web form: fields from the lead's, labels in zh-CN and English, thank-you text, consent box, the source it stamps; its key is random.");
        forms.MapPut("/{id:guid}", async (Guid id, LeadFormInput input, ManageLeadForms handler, HttpContext http, CancellationToken ct) =>
        {
            var form = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, form.Version);
            return TypedResults.Ok(form);
        }).WithSummary("Changes a web form (If-Match: its ETag); the key stays.");
        forms.MapDelete("/{id:guid}", async (Guid id, ManageLeadForms handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Deletes a form nobody has posted (409 otherwise: deactivate it).");

        api.MapPost("/public/forms/{formKey}", Post).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(PublicPostPolicy)
            .WithTags("Web forms").WithSummary(
                "A visitor's post of a web form, without sign-in: form-encoded (a browser gets the thank-you or the form with its messages as HTML) " +
                "or JSON (200 {message}, or 400 with errors by field in the visitor's language, ?lang=zh-CN|en). 429 with Retry-After when an address posts too often.");
    }

    /// <summary>The hosted page of a form, outside /api and the Blazor app.</summary>
    public static void MapPublicPages(IEndpointRouteBuilder app) =>
        app.MapGet("/f/{formKey}", async (string formKey, HttpContext http, SubmitLeadForm submit, HostedFormPage page, CancellationToken ct) =>
        {
            var english = UseLanguage(http);
            var form = await submit.FindActive(formKey, ct);
            http.Response.Headers.CacheControl = "no-store";
            return form is null ? Html(HostedFormPage.NotFound(english), 404) : Html(page.Form(form, english), 200);
        }).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> Post(string formKey, HttpContext http, SubmitLeadForm submit, HostedFormPage page,
        IOptions<LeadFormOptions> options, CancellationToken ct)
    {
        var english = UseLanguage(http);
        var wantsHtml = http.Request.HasFormContentType && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);
        var form = await submit.FindActive(formKey, ct);
        if (form is null)
            return wantsHtml ? Html(HostedFormPage.NotFound(english), 404) : throw new NotFoundException("form");
        Dictionary<string, string?> values = [];
        try
        {
            values = await Read(http.Request, options.Value.MaxBodyBytes, ct);
            await submit.Submit(form, values, ct);
        }
        catch (ValidationFailedException e) when (wantsHtml)
        {
            return Html(page.Form(form, english, values, e.Errors), 400);
        }
        return wantsHtml
            ? Html(HostedFormPage.ThankYou(form, english), 200)
            : TypedResults.Ok(new { message = english ? form.ThankYouEn : form.ThankYouZh });
    }

    /// <summary>The posted values by name: a bounded, UTF-8, form-encoded or JSON object body; anything else is a 400.</summary>
    private static async Task<Dictionary<string, string?>> Read(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        var type = MediaTypeHeaderValue.TryParse(request.ContentType, out var media) ? media.MediaType?.ToLowerInvariant() : null;
        var json = type is "application/json" || type?.EndsWith("+json", StringComparison.Ordinal) == true;
        if (!json && type != "application/x-www-form-urlencoded")
            throw new ValidationFailedException("body", FieldErrors.Text("Send the form as application/x-www-form-urlencoded or application/json."));
        if (request.ContentLength > maxBytes) throw TooLong(maxBytes);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw TooLong(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        string text;
        try { text = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length); }
        catch (DecoderFallbackException) { throw new ValidationFailedException("body", FieldErrors.Text("The body is not UTF-8 text.")); }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!json)
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(text))
                if (values.Count < MaxValues) values[key] = value.Count > 0 ? value[0] : null;
            return values;
        }
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ValidationFailedException("body", FieldErrors.Text("Send a JSON object of the form's fields."));
            var errors = new FieldErrors();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (values.Count >= MaxValues) break;
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => null,
                };
                if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    errors.Add(property.Name, FieldErrors.Text("Must be text."));
            }
            errors.ThrowIfAny();
            return values;
        }
        catch (JsonException)
        {
            throw new ValidationFailedException("body", FieldErrors.Text("The body is not valid JSON."));
        }
    }

    private static ValidationFailedException TooLong(int maxBytes) =>
        new("body", FieldErrors.Text("The form is too long: at most {0} bytes.", maxBytes));

    /// <summary>Sets the request's language from <c>?lang=</c> (zh-CN or en) when given; answers whether it is English.</summary>
    private static bool UseLanguage(HttpContext http)
    {
        var lang = http.Request.Query["lang"].ToString();
        if (lang.Length > 0)
        {
            var culture = CultureInfo.GetCultureInfo(lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-CN");
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }
        return HostedFormPage.IsEnglish(CultureInfo.CurrentUICulture);
    }

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
}
