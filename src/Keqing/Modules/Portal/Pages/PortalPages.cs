using System.Globalization;
using System.Text;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Portal.Api;
using Keqing.Modules.Portal.Contracts;
using Keqing.Modules.Portal.Features;
using Keqing.Modules.Portal.Resources;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Service.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using static Keqing.Modules.Portal.Pages.PortalHtml;

namespace Keqing.Modules.Portal.Pages;

/// <summary>
/// The portal's pages (<c>/portal…</c>), outside the staff app: sign-in by link, the contact's cases, a case with its
/// public conversation and a reply form, a new case, help articles, preferences. Forms post back here with an
/// antiforgery token; each post runs the same use case as the API and redirects (or shows the form again with its errors).
/// </summary>
public static class PortalPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/portal").ExcludeFromDescription().AllowAnonymous();
        open.MapGet("/login", (HttpContext http, IStringLocalizer<PortalResource> L) => LoginPage(http, L, null, null, 200));
        open.MapPost("/login", LoginPost);
        open.MapGet("/sign-in", (string? token, HttpContext http, IStringLocalizer<PortalResource> L) =>
            Page(http, L, L["Sign in"],
                $"<form method=\"post\" action=\"/portal/sign-in\" class=\"card\">{Antiforgery(http)}<input type=\"hidden\" name=\"token\" value=\"{E(token)}\">" +
                $"<p>{E(L["Press the button to sign in to customer service."])}</p><button class=\"primary\" type=\"submit\">{E(L["Sign in"])}</button></form>", false));
        open.MapPost("/sign-in", SignInPost);

        var pages = app.MapGroup("/portal").ExcludeFromDescription().RequireAuthorization(PortalAuth.Policy);
        pages.MapGet("", CasesPage);
        pages.MapGet("/cases/new", async (HttpContext http, IStringLocalizer<PortalResource> L, IProductCatalog products, CancellationToken ct) =>
            NewCasePage(http, L, await products.Search(null, MaxProducts, ct), null, null, 200));
        pages.MapPost("/cases/new", NewCasePost);
        pages.MapGet("/cases/{id:guid}", (Guid id, HttpContext http, IStringLocalizer<PortalResource> L, PortalSession session, IPortalCases cases,
            IUserTimeZones zones, CancellationToken ct) => CasePage(id, http, L, session, cases, zones, null, null, ct));
        pages.MapPost("/cases/{id:guid}/reply", ReplyPost);
        pages.MapGet("/kb", ArticlesPage);
        pages.MapGet("/kb/{id:guid}", ArticlePage);
        pages.MapGet("/preferences", PreferencesPage);
        pages.MapPost("/preferences", PreferencesPost);
        pages.MapPost("/logout", async (HttpContext http, IStringLocalizer<PortalResource> L) =>
        {
            if (!await ValidAntiforgery(http)) return Expired(http, L, true);
            await http.SignOutAsync(PortalAuth.Scheme);
            return Results.Redirect(PortalAuth.LoginPath);
        });
    }

    private static IResult LoginPage(HttpContext http, IStringLocalizer<PortalResource> L, string? message, IDictionary<string, string[]>? errors, int status, string? email = null) =>
        Page(http, L, L["Sign in to customer service"],
            (message is null ? "" : $"<p class=\"note\" role=\"status\">{E(message)}</p>") + Errors(errors) +
            $"<form method=\"post\" action=\"/portal/login\" class=\"card\">{Antiforgery(http)}" +
            $"<p>{E(L["Enter the email address our service team has for you. We send you a link to sign in; no password needed."])}</p>" +
            $"<label for=\"email\">{E(L["Email"])}</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" required maxlength=\"320\" value=\"{E(email)}\">" +
            $"<button class=\"primary\" type=\"submit\">{E(L["Send me a sign-in link"])}</button></form>", false, status);

    private static async Task<IResult> LoginPost(HttpContext http, IStringLocalizer<PortalResource> L, SignInLinks links, IOptions<PortalOptions> options, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType || !await ValidAntiforgery(http)) return Expired(http, L, false);
        var email = (string?)(await http.Request.ReadFormAsync(ct))["email"];
        try
        {
            var wait = await links.Request(email, PortalApi.ClientOf(http), CultureInfo.CurrentUICulture.Name, ct);
            if (wait is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return LoginPage(http, L, PortalApi.TooManyText(seconds), null, 429, email);
            }
            return LoginPage(http, L, PortalApi.LinkSent(options.Value.LinkMinutes), null, 200);
        }
        catch (ValidationFailedException e)
        {
            return LoginPage(http, L, null, e.Errors, 400, email);
        }
    }

    private static async Task<IResult> SignInPost(HttpContext http, IStringLocalizer<PortalResource> L, SignInLinks links, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType || !await ValidAntiforgery(http)) return Expired(http, L, false);
        var contact = await links.Redeem((await http.Request.ReadFormAsync(ct))["token"], ct);
        if (contact is null) return LoginPage(http, L, PortalApi.InvalidLink(), null, 400);
        await http.SignInAsync(PortalAuth.Scheme, PortalAuth.Principal(contact));
        return Results.Redirect("/portal");
    }

    private static async Task<IResult> CasesPage(HttpContext http, IStringLocalizer<PortalResource> L, PortalSession session, IPortalCases cases,
        IUserTimeZones zones, CancellationToken ct)
    {
        var me = await session.Me(ct);
        var list = await cases.List(await session.CaseScope(ct), 200, ct);
        var zone = await zones.Of(null, ct);
        var html = new StringBuilder()
            .Append("<p class=\"meta\">").Append(E(L["Signed in as {0}, {1}", me.Name, me.CustomerName])).Append("</p>")
            .Append("<p><a class=\"button\" href=\"/portal/cases/new\">").Append(E(L["New case"])).Append("</a></p>");
        if (list.Count == 0) html.Append("<p class=\"card\">").Append(E(L["No cases yet."])).Append("</p>");
        foreach (var c in list)
            html.Append("<a class=\"card row\" href=\"/portal/cases/").Append(c.Id).Append("\"><div><strong>").Append(E(c.Subject)).Append("</strong></div>")
                .Append("<div class=\"meta\">").Append(E(c.Number)).Append(" · <span class=\"status\">").Append(E(Status(L, c.Status))).Append("</span> · ")
                .Append(E(L["Updated {0}", UserClock.Show(c.UpdatedAt, zone)])).Append("</div></a>");
        return Page(http, L, L["My cases"], html.ToString(), true);
    }

    private static async Task<IResult> CasePage(Guid id, HttpContext http, IStringLocalizer<PortalResource> L, PortalSession session, IPortalCases cases,
        IUserTimeZones zones, IDictionary<string, string[]>? errors, string? body, CancellationToken ct)
    {
        var c = await cases.Find(await session.CaseScope(ct), id, ct);
        if (c is null) return Page(http, L, L["Not found"], $"<p class=\"card\">{E(L["There is no such case among yours."])}</p>", true, 404);
        var zone = await zones.Of(null, ct);
        var html = new StringBuilder()
            .Append("<p class=\"meta\">").Append(E(c.Number)).Append(" · <span class=\"status\">").Append(E(Status(L, c.Status))).Append("</span> · ")
            .Append(E(L["Opened {0}", UserClock.Show(c.CreatedAt, zone)])).Append("</p>");
        if (c.Description is not null) html.Append("<div class=\"card body\">").Append(E(c.Description)).Append("</div>");
        html.Append("<h2>").Append(E(L["Conversation"])).Append("</h2>");
        if (c.Messages.Count == 0) html.Append("<p class=\"meta\">").Append(E(L["No messages yet."])).Append("</p>");
        foreach (var m in c.Messages)
        {
            html.Append(m.FromCustomer ? "<div class=\"card mine\">" : "<div class=\"card\">").Append("<div class=\"meta\">")
                .Append(E(m.FromCustomer ? L["You"] : m.AuthorName ?? L["Customer service"])).Append(" · ").Append(E(UserClock.Show(m.At, zone)))
                .Append("</div><div class=\"body\">").Append(E(m.Body)).Append("</div>");
            foreach (var a in m.Attachments)
                html.Append("<div><a href=\"/api/portal/files/").Append(a.Id).Append("\">").Append(E(a.FileName)).Append("</a> <span class=\"meta\">")
                    .Append(E(Size(a.Size))).Append("</span></div>");
            html.Append("</div>");
        }
        html.Append("<h2>").Append(E(L["Reply"])).Append("</h2>").Append(Errors(errors))
            .Append("<form method=\"post\" enctype=\"multipart/form-data\" action=\"/portal/cases/").Append(c.Id).Append("/reply\" class=\"card\">").Append(Antiforgery(http))
            .Append("<label for=\"body\">").Append(E(L["Your message"])).Append("</label><textarea id=\"body\" name=\"body\" required maxlength=\"20000\">").Append(E(body)).Append("</textarea>")
            .Append("<label for=\"files\">").Append(E(L["Files (images, PDF, Word, Excel, text)"])).Append("</label><input id=\"files\" name=\"files\" type=\"file\" multiple>")
            .Append("<button class=\"primary\" type=\"submit\">").Append(E(L["Send"])).Append("</button></form>");
        return Page(http, L, c.Subject, html.ToString(), true, errors is null ? 200 : 400);
    }

    private static async Task<IResult> ReplyPost(Guid id, HttpContext http, IStringLocalizer<PortalResource> L, PortalSession session, IPortalCases cases,
        IUserTimeZones zones, CancellationToken ct)
    {
        var scope = await session.CaseScope(ct);
        if (await cases.Find(scope, id, ct) is null) return await CasePage(id, http, L, session, cases, zones, null, null, ct);
        string? body = null;
        try
        {
            var (form, files) = await PortalForms.Read(http, ct);
            if (!await ValidAntiforgery(http)) return Expired(http, L, true);
            body = form["body"];
            var target = await cases.Reply(scope, id, body, files, ct);
            return Results.Redirect($"/portal/cases/{target ?? id}");
        }
        catch (ValidationFailedException e)
        {
            return await CasePage(id, http, L, session, cases, zones, e.Errors, body, ct);
        }
    }

    /// <summary>How many products the new-case form offers (the active catalogue by SKU; a contact unsure of theirs leaves it empty).</summary>
    private const int MaxProducts = 200;

    private static IResult NewCasePage(HttpContext http, IStringLocalizer<PortalResource> L, IReadOnlyList<ProductSummary> products,
        IDictionary<string, string[]>? errors, IFormCollection? form, int status)
    {
        var type = Field(form, "type") ?? "question";
        var options = string.Concat(new[] { ("question", L["Question"]), ("repair", L["Repair"]), ("complaint", L["Complaint"]), ("request", L["Request"]) }
            .Select(o => $"<option value=\"{o.Item1}\"{(o.Item1 == type ? " selected" : "")}>{E(o.Item2)}</option>"));
        var product = Field(form, "productId");
        var productOptions = $"<option value=\"\">{E(L["Not sure, or none"])}</option>" + string.Concat(products.Select(p =>
            $"<option value=\"{p.Id}\"{(p.Id.ToString() == product ? " selected" : "")}>{E(English ? p.NameEn ?? p.Name : p.Name)}</option>"));
        return Page(http, L, L["New case"], Errors(errors) +
            $"<form method=\"post\" enctype=\"multipart/form-data\" action=\"/portal/cases/new\" class=\"card\">{Antiforgery(http)}" +
            $"<label for=\"subject\">{E(L["Subject"])}</label><input id=\"subject\" name=\"subject\" type=\"text\" required maxlength=\"200\" value=\"{E(Field(form, "subject"))}\">" +
            $"<label for=\"type\">{E(L["What is it about?"])}</label><select id=\"type\" name=\"type\">{options}</select>" +
            $"<label for=\"product\">{E(L["Which product is it about? (optional)"])}</label><select id=\"product\" name=\"productId\">{productOptions}</select>" +
            $"<label for=\"description\">{E(L["Describe it"])}</label><textarea id=\"description\" name=\"description\" maxlength=\"10000\">{E(Field(form, "description"))}</textarea>" +
            $"<label for=\"files\">{E(L["Files (images, PDF, Word, Excel, text)"])}</label><input id=\"files\" name=\"files\" type=\"file\" multiple>" +
            $"<button class=\"primary\" type=\"submit\">{E(L["Open the case"])}</button></form>", true, status);
    }

    private static async Task<IResult> NewCasePost(HttpContext http, IStringLocalizer<PortalResource> L, PortalSession session, IPortalCases cases,
        IProductCatalog products, CancellationToken ct)
    {
        IFormCollection? form = null;
        try
        {
            (form, var files) = await PortalForms.Read(http, ct);
            if (!await ValidAntiforgery(http)) return Expired(http, L, true);
            var contact = session.Contact;
            var id = await cases.Open(contact.CustomerId, contact.ContactId, form["subject"], form["description"], PortalForms.Type(form["type"]),
                PortalForms.ProductId(form["productId"]), files, ct);
            return Results.Redirect($"/portal/cases/{id}");
        }
        catch (ValidationFailedException e)
        {
            return NewCasePage(http, L, await products.Search(null, MaxProducts, ct), e.Errors, form, 400);
        }
    }

    private static async Task<IResult> ArticlesPage(string? q, HttpContext http, IStringLocalizer<PortalResource> L, IPublicArticles articles, CancellationToken ct)
    {
        var list = await articles.Search(q, 50, ct);
        var html = new StringBuilder()
            .Append("<form method=\"get\" action=\"/portal/kb\" class=\"card\" role=\"search\"><label for=\"q\">").Append(E(L["Search help articles"])).Append("</label>")
            .Append("<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"100\" value=\"").Append(E(q)).Append("\"><button class=\"primary\" type=\"submit\">")
            .Append(E(L["Search"])).Append("</button></form>");
        if (list.Count == 0) html.Append("<p class=\"card\">").Append(E(L["No article matches."])).Append("</p>");
        foreach (var a in list)
            html.Append("<a class=\"card row\" href=\"/portal/kb/").Append(a.Id).Append("\"><strong>").Append(E(a.Title)).Append("</strong>")
                .Append(a.Tags.Count == 0 ? "" : "<div class=\"meta\">" + E(string.Join(" · ", a.Tags)) + "</div>").Append("</a>");
        return Page(http, L, L["Help articles"], html.ToString(), true);
    }

    private static async Task<IResult> ArticlePage(Guid id, HttpContext http, IStringLocalizer<PortalResource> L, IPublicArticles articles, CancellationToken ct)
    {
        var a = await articles.Find(id, ct);
        if (a is null) return Page(http, L, L["Not found"], $"<p class=\"card\">{E(L["There is no such article."])}</p>", true, 404);
        // The article's HTML is rendered from Markdown and sanitised by the knowledge base.
        return Page(http, L, a.Title, $"<div class=\"card article\">{a.Html}</div><p><a href=\"/portal/kb\">{E(L["All help articles"])}</a></p>", true);
    }

    private static async Task<IResult> PreferencesPage(bool? saved, HttpContext http, IStringLocalizer<PortalResource> L, PortalPreferences preferences, CancellationToken ct)
    {
        var current = await preferences.Get(ct);
        var html = new StringBuilder();
        if (saved == true) html.Append("<p class=\"note\" role=\"status\">").Append(E(L["Your preferences are saved."])).Append("</p>");
        html.Append("<form method=\"post\" action=\"/portal/preferences\" class=\"card\">").Append(Antiforgery(http))
            .Append("<p>").Append(E(L["Choose how we may contact you besides answering your cases. You can change this at any time."])).Append("</p>");
        foreach (var group in current.GroupBy(p => p.Purpose))
        {
            html.Append("<h2>").Append(E(group.Key == "marketing" ? L["News and offers"] : L["Surveys and research"])).Append("</h2>");
            foreach (var p in group)
            {
                var name = $"{p.Purpose}.{p.Channel}";
                html.Append("<label class=\"check\"><input type=\"checkbox\" name=\"granted\" value=\"").Append(E(name)).Append('"').Append(p.Granted ? " checked" : "")
                    .Append("> ").Append(E(Channel(L, p.Channel))).Append("</label>");
            }
        }
        html.Append("<button class=\"primary\" type=\"submit\">").Append(E(L["Save"])).Append("</button></form>");
        return Page(http, L, L["Preferences"], html.ToString(), true);
    }

    private static async Task<IResult> PreferencesPost(HttpContext http, IStringLocalizer<PortalResource> L, PortalPreferences preferences, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType || !await ValidAntiforgery(http)) return Expired(http, L, true);
        var granted = (await http.Request.ReadFormAsync(ct))["granted"].ToHashSet(StringComparer.Ordinal);
        var input = PortalPreferences.Options.Select(o => new PortalPreferenceDto(PortalPreferences.Name(o.Purpose), PortalPreferences.Name(o.Channel),
            granted.Contains($"{PortalPreferences.Name(o.Purpose)}.{PortalPreferences.Name(o.Channel)}"))).ToList();
        await preferences.Set(new PortalPreferencesInput(input), ct);
        return Results.Redirect("/portal/preferences?saved=true");
    }

    private static IResult Expired(HttpContext http, IStringLocalizer<PortalResource> L, bool signedIn) =>
        Page(http, L, L["Please try again"], $"<p class=\"card\">{E(L["The form has expired. Go back, reload the page and send it again."])}</p>", signedIn, 400);

    private static string Status(IStringLocalizer<PortalResource> L, CaseStatus status) => status switch
    {
        CaseStatus.New => L["Received"],
        CaseStatus.Open => L["In progress"],
        CaseStatus.WaitingOnCustomer => L["Waiting for your reply"],
        CaseStatus.Resolved => L["Resolved"],
        _ => L["Closed"],
    };

    private static string Channel(IStringLocalizer<PortalResource> L, string channel) => channel switch
    {
        "email" => L["By email"],
        "sms" => L["By text message"],
        "phone" => L["By phone"],
        _ => L["On WeChat"],
    };

    private static string? Field(IFormCollection? form, string name) => form is null ? null : (string?)form[name];

    private static string Size(long bytes) =>
        bytes < 1024 ? $"{bytes} B" : bytes < 1 << 20 ? $"{bytes / 1024.0:0.#} KB".Replace(',', '.') : $"{bytes / 1048576.0:0.#} MB".Replace(',', '.');
}
