using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Keqing.Modules.Portal.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.Portal.Pages;

/// <summary>
/// The portal's pages are plain server-rendered HTML (no staff layout, no circuit, no script): a narrow column that reads
/// at 375 px, the contact's language (zh-CN by default, English by the switch at the foot), every value HTML-encoded.
/// </summary>
public static class PortalHtml
{
    private const string Css = """
        *{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2933;background:#f5f7fa}
        header{background:#1565c0;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
        header a,header button{color:#fff;text-decoration:none;background:none;border:0;font:inherit;cursor:pointer;padding:0}
        .brand{font-weight:600;margin-right:auto}nav{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}nav form{margin:0}
        main{max-width:44rem;margin:0 auto;padding:1rem}h1{font-size:1.35rem;margin:.4rem 0 1rem}h2{font-size:1.1rem}
        .card{background:#fff;border-radius:8px;padding:.8rem 1rem;margin:0 0 .8rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .card.mine{border-left:4px solid #1565c0}.meta{color:#616e7c;font-size:.875rem}.body{white-space:pre-wrap;overflow-wrap:anywhere}
        label{display:block;margin:.6rem 0 .2rem;font-weight:500}input[type=text],input[type=email],input[type=search],textarea,select{width:100%;padding:.55rem;border:1px solid #9aa5b1;border-radius:6px;font:inherit;background:#fff}
        textarea{min-height:7rem}.button,button.primary{display:inline-block;margin-top:.8rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1565c0;color:#fff;font:inherit;text-decoration:none;cursor:pointer}
        .errors{color:#b00020;padding-left:1.2rem}.note{background:#e3f2fd;border-radius:6px;padding:.6rem .8rem}.status{font-size:.8rem;padding:.1rem .5rem;border-radius:10px;background:#e4e7eb;white-space:nowrap}
        a.row{display:block;color:inherit;text-decoration:none}.check{display:flex;gap:.5rem;align-items:center;font-weight:400}
        footer{text-align:center;padding:1.5rem;font-size:.875rem}footer a{color:#1565c0}.article img{max-width:100%}
        """;

    // Chinese stays as it is (the default encoder would turn every character into an entity); markup characters are encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => Encoder.Encode(text ?? "");

    public static bool English => !CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public static IResult Page(HttpContext http, IStringLocalizer<PortalResource> L, string title, string content, bool signedIn, int status = 200)
    {
        var here = E(Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(English ? "en" : "zh-CN").Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(E(title)).Append(" · ").Append(E(L["Customer service"])).Append("</title><style>").Append(Css).Append("</style></head><body>")
            .Append("<header><a class=\"brand\" href=\"/portal\">").Append(E(L["Customer service"])).Append("</a>");
        if (signedIn)
        {
            html.Append("<nav><a href=\"/portal\">").Append(E(L["My cases"])).Append("</a><a href=\"/portal/kb\">").Append(E(L["Help articles"]))
                .Append("</a><a href=\"/portal/preferences\">").Append(E(L["Preferences"])).Append("</a><form method=\"post\" action=\"/portal/logout\">")
                .Append(Antiforgery(http)).Append("<button type=\"submit\">").Append(E(L["Sign out"])).Append("</button></form></nav>");
        }
        html.Append("</header><main><h1>").Append(E(title)).Append("</h1>").Append(content).Append("</main><footer>")
            .Append("<a href=\"/culture/zh-CN?returnUrl=").Append(here).Append("\" lang=\"zh-CN\">中文</a> · ")
            .Append("<a href=\"/culture/en?returnUrl=").Append(here).Append("\" lang=\"en\">English</a></footer></body></html>");
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The hidden antiforgery field every form of the portal carries.</summary>
    public static string Antiforgery(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    public static async Task<bool> ValidAntiforgery(HttpContext http)
    {
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    public static string Errors(IDictionary<string, string[]>? errors) =>
        errors is null || errors.Count == 0 ? ""
        : "<ul class=\"errors\" role=\"alert\">" + string.Concat(errors.SelectMany(e => e.Value).Select(m => "<li>" + E(m) + "</li>")) + "</ul>";
}
