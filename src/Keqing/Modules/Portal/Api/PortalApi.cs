using System.Globalization;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Portal.Contracts;
using Keqing.Modules.Portal.Features;
using Keqing.Modules.Service.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Portal.Api;

/// <summary>
/// The customer portal's API (<c>/api/portal</c>): asking for and using a sign-in link (anonymous), then everything scoped
/// to the signed-in contact under the portal's own cookie (<see cref="PortalAuth.Policy"/>): their organisation's cases
/// with the public conversation and files, replies and new cases (multipart), published articles, communication
/// preferences. A staff cookie or token reaches none of it (401). Staff: the portal's settings.
/// </summary>
public static class PortalApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var open = api.MapGroup("/portal").WithTags("Portal").AddEndpointFilter(NotFromAnotherSite);
        open.MapPost("/login", Login).AllowAnonymous()
            .WithSummary("Sends a sign-in link to the address if it is a contact's (202 either way, saying nothing about the address); 429 with Retry-After past the limits per address and per client.");
        open.MapPost("/sign-in", async (PortalSignInRequest request, SignInLinks links, HttpContext http, CancellationToken ct) =>
        {
            var contact = await links.Redeem(request.Token, ct) ?? throw new ValidationFailedException("token", InvalidLink());
            await http.SignInAsync(PortalAuth.Scheme, PortalAuth.Principal(contact));
            return TypedResults.NoContent();
        }).AllowAnonymous().WithSummary("Uses a sign-in link's token once and sets the portal cookie (400 on token when it is unknown, used or expired).");

        var portal = api.MapGroup("/portal").WithTags("Portal").RequireAuthorization(PortalAuth.Policy).AddEndpointFilter(SameSiteWrites);
        portal.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(PortalAuth.Scheme);
            return TypedResults.NoContent();
        }).WithSummary("Signs the contact out.");
        portal.MapGet("/me", (PortalSession session, CancellationToken ct) => session.Me(ct)).WithSummary("The signed-in contact and their organisation.");
        portal.MapGet("/cases", async (PortalSession session, IPortalCases cases, CancellationToken ct) =>
            await cases.List(await session.CaseScope(ct), 200, ct)).WithSummary("The cases the contact sees (their organisation's, or their own as the admin chose), latest first.");
        portal.MapPost("/cases", async (HttpContext http, PortalSession session, IPortalCases cases, CancellationToken ct) =>
        {
            var (form, files) = await PortalForms.Read(http, ct);
            var contact = session.Contact;
            var id = await cases.Open(contact.CustomerId, contact.ContactId, form["subject"], form["description"], PortalForms.Type(form["type"]),
                PortalForms.ProductId(form["productId"]), files, ct);
            var created = await cases.Find(await session.CaseScope(ct), id, ct);
            return TypedResults.Created($"/api/portal/cases/{id}", created);
        }).DisableAntiforgery().WithSummary("Opens a case (multipart: subject, description, type, productId, files).");
        portal.MapGet("/cases/{id:guid}", async (Guid id, PortalSession session, IPortalCases cases, CancellationToken ct) =>
            await cases.Find(await session.CaseScope(ct), id, ct) ?? throw new NotFoundException("case"))
            .WithSummary("A case with its public conversation (never internal notes) and files.");
        portal.MapPost("/cases/{id:guid}/reply", async (Guid id, HttpContext http, PortalSession session, IPortalCases cases, CancellationToken ct) =>
        {
            var scope = await session.CaseScope(ct);
            if (await cases.Find(scope, id, ct) is null) throw new NotFoundException("case");
            var (form, files) = await PortalForms.Read(http, ct);
            var target = await cases.Reply(scope, id, form["body"], files, ct) ?? throw new NotFoundException("case");
            return TypedResults.Ok(await cases.Find(scope, target, ct));
        }).DisableAntiforgery().WithSummary("The contact writes to a case (multipart: body, files); a closed case gets a follow-up case, which is returned.");
        portal.MapGet("/files/{id:guid}", async (Guid id, PortalSession session, IPortalCases cases, CancellationToken ct) =>
        {
            var file = await cases.File(await session.CaseScope(ct), id, ct) ?? throw new NotFoundException("file");
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).WithSummary("A file of a public message of a case the contact sees.");
        portal.MapGet("/articles", (string? q, IPublicArticles articles, CancellationToken ct) => articles.Search(q, 50, ct))
            .WithSummary("Published articles for customers, searched by ?q= in title, tags and text.");
        portal.MapGet("/articles/{id:guid}", async (Guid id, IPublicArticles articles, CancellationToken ct) =>
            await articles.Find(id, ct) ?? throw new NotFoundException("article")).WithSummary("A published article for customers (never a draft or an internal one).");
        portal.MapGet("/preferences", (PortalPreferences preferences, CancellationToken ct) => preferences.Get(ct))
            .WithSummary("The contact's communication preferences (marketing and research by channel).");
        portal.MapPut("/preferences", (PortalPreferencesInput input, PortalPreferences preferences, CancellationToken ct) => preferences.Set(input, ct))
            .WithSummary("Grants or refuses preferences; each change is a consent recorded by the contact (source portal).");

        var settings = api.MapGroup("/portal-settings").WithTags("Portal").RequireAuthorization(PortalCapabilities.ManageSettings);
        settings.MapGet("", async (PortalSettingsStore store, HttpResponse response, CancellationToken ct) =>
        {
            var s = await store.Get(ct);
            Preconditions.SetETag(response, s.Version);
            return TypedResults.Ok(s);
        }).WithSummary("Which cases a portal contact sees: ownCases or organisation (the default).");
        settings.MapPut("", async (PortalSettingsInput input, PortalSettingsStore store, HttpContext http, CancellationToken ct) =>
        {
            var s = await store.Update(Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, s.Version);
            return TypedResults.Ok(s);
        }).WithSummary("Sets which cases a portal contact sees (If-Match).");
    }

    private static async Task<IResult> Login(PortalLoginRequest request, SignInLinks links, HttpContext http, IOptions<PortalOptions> options, CancellationToken ct)
    {
        var wait = await links.Request(request.Email, ClientOf(http), CultureInfo.CurrentUICulture.Name, ct);
        if (wait is { } seconds) return TooMany(http, seconds);
        return TypedResults.Accepted((string?)null, new { message = LinkSent(options.Value.LinkMinutes) });
    }

    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    public static string LinkSent(int minutes) =>
        FieldErrors.Text("If this address belongs to one of our customers' contacts, a sign-in link is on its way to it. The link works once, for {0} minutes.", minutes);

    public static string InvalidLink() =>
        FieldErrors.Text("This sign-in link does not work: it has expired, was used already, or is not one we sent. Ask for a new one.");

    public static string TooManyText(int seconds) => FieldErrors.Text("Too many sign-in links were asked for; try again in {0} seconds.", seconds);

    public static IResult TooMany(HttpContext http, int seconds)
    {
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: FieldErrors.Text("Too many requests"), detail: TooManyText(seconds));
    }

    /// <summary>The anonymous portal posts: refused when a browser says it comes from another site (a forged sign-in); programs without an Origin pass.</summary>
    private static async ValueTask<object?> NotFromAnotherSite(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var claimed = request.Headers.Origin.Count > 0 || request.Headers.Referer.Count > 0;
        if (claimed && !SameOriginApiWrites.IsSameOrigin(request)) return CrossSite();
        return await next(context);
    }

    /// <summary>
    /// The staff guard (<see cref="SameOriginApiWrites"/>) sees only the staff sign-in; a change under the portal cookie
    /// must prove the same way that it comes from this site.
    /// </summary>
    private static async ValueTask<object?> SameSiteWrites(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !SameOriginApiWrites.IsSameOrigin(request)) return CrossSite();
        return await next(context);
    }

    private static IResult CrossSite() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: FieldErrors.Text("Cross-site request refused"),
        detail: FieldErrors.Text("A change must come from this site."));
}
