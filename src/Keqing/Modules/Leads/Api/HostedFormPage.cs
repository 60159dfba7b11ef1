using System.Globalization;
using System.Net;
using System.Text;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Leads.Features;

namespace Keqing.Modules.Leads.Api;

/// <summary>
/// The HTML of a web form, written by hand so the hosted page is small and fast (no Blazor, no script): the page at
/// <c>/f/{key}</c> with field messages, the thank-you page, the page for an unknown form, and the embeddable snippet.
/// Everything the admin or the visitor typed is HTML-encoded.
/// </summary>
public sealed class HostedFormPage(FormFillTime fillTime)
{
    private const string Style =
        "*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;" +
        "color:#1f2933;background:#f4f5f7}main{max-width:560px;margin:0 auto;padding:24px 16px}h1{font-size:1.4rem;margin:0 0 16px}" +
        ".lang{text-align:right;font-size:.9rem}.field{margin:0 0 14px}label{display:block;font-weight:600;margin:0 0 4px}" +
        "input,select,textarea{width:100%;padding:10px;font:inherit;border:1px solid #c3c8cf;border-radius:6px;background:#fff}" +
        "textarea{min-height:110px}[aria-invalid=true]{border-color:#c62828}.error{color:#c62828;margin:4px 0 0;font-size:.9rem}" +
        ".alert{background:#fdecea;color:#8a1c1c;padding:10px 12px;border-radius:6px}.consent label{font-weight:400;display:flex;gap:8px}" +
        ".consent input{width:auto;margin-top:5px}button{width:100%;padding:12px;font:inherit;font-weight:600;color:#fff;" +
        "background:#1565c0;border:0;border-radius:6px;cursor:pointer}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}" +
        ".thanks{background:#fff;padding:20px;border-radius:8px;white-space:pre-line}";

    /// <summary>Whether the request's language (from <c>?lang=</c>, the culture cookie or Accept-Language) is English.</summary>
    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    /// <summary>The hosted page: the form, with the visitor's values and field messages after a refused post.</summary>
    public string Form(LeadForm form, bool english, IReadOnlyDictionary<string, string?>? values = null,
        IDictionary<string, string[]>? errors = null)
    {
        var culture = CultureOf(english);
        var title = english ? form.TitleEn : form.TitleZh;
        var html = Start(title, culture);
        html.Append("<p class=\"lang\"><a href=\"/f/").Append(Encode(form.Key)).Append(english ? "?lang=zh-CN\">中文" : "?lang=en\">English")
            .Append("</a></p><h1>").Append(Encode(title)).Append("</h1>");
        if (errors is { Count: > 0 })
        {
            html.Append("<p class=\"alert\" role=\"alert\">").Append(Encode(Text("Please correct the fields marked below.", culture)));
            if (errors.TryGetValue(LeadFormFields.Timing, out var timing))
                foreach (var message in timing) html.Append(' ').Append(Encode(message));
            html.Append("</p>");
        }
        AppendForm(html, form, "/api/public/forms/" + Uri.EscapeDataString(form.Key) + "?lang=" + culture.Name, english, values, errors,
            inlineStyle: false);
        return End(html);
    }

    /// <summary>The page after a post: the form's thank-you text.</summary>
    public static string ThankYou(LeadForm form, bool english)
    {
        var culture = CultureOf(english);
        var title = english ? form.TitleEn : form.TitleZh;
        var html = Start(title, culture);
        html.Append("<h1>").Append(Encode(title)).Append("</h1><p class=\"thanks\" role=\"status\">")
            .Append(Encode(english ? form.ThankYouEn : form.ThankYouZh)).Append("</p>");
        return End(html);
    }

    /// <summary>The page for a form that does not exist or is no longer active.</summary>
    public static string NotFound(bool english)
    {
        var culture = CultureOf(english);
        var html = Start(Text("Form not found", culture), culture);
        html.Append("<h1>").Append(Encode(Text("Form not found", culture))).Append("</h1><p>")
            .Append(Encode(Text("This form does not exist or is no longer open.", culture))).Append("</p>");
        return End(html);
    }

    /// <summary>
    /// A plain HTML form for another site, posting to <paramref name="origin"/>'s public endpoint, with the honeypot and
    /// a fill-time token issued now (an embedded form's token is as old as the snippet, so there the minimum fill time
    /// only refuses a token that was tampered with; the rate limit and the honeypot still apply).
    /// </summary>
    public string Snippet(LeadForm form, string origin, bool english)
    {
        var html = new StringBuilder();
        AppendForm(html, form, origin.TrimEnd('/') + "/api/public/forms/" + Uri.EscapeDataString(form.Key) + "?lang=" + CultureOf(english).Name,
            english, null, null, inlineStyle: true);
        return html.ToString();
    }

    private void AppendForm(StringBuilder html, LeadForm form, string action, bool english, IReadOnlyDictionary<string, string?>? values,
        IDictionary<string, string[]>? errors, bool inlineStyle)
    {
        var culture = CultureOf(english);
        html.Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\" accept-charset=\"utf-8\">\n");
        foreach (var field in LeadFormFields.Read(form.Fields))
        {
            if (LeadFormFields.Find(field.Field) is not { } definition) continue;
            var id = "kq-" + field.Field;
            var value = values?.GetValueOrDefault(field.Field);
            var messages = errors?.TryGetValue(field.Field, out var m) == true ? m : [];
            html.Append("<div class=\"field\"><label for=\"").Append(id).Append("\">")
                .Append(Encode((english ? field.LabelEn : field.LabelZh) ?? field.Field)).Append(field.Required ? " *" : "").Append("</label>");
            var common = new StringBuilder().Append(" id=\"").Append(id).Append("\" name=\"").Append(field.Field).Append('"');
            if (field.Required) common.Append(" required");
            if (definition.AutoComplete is { } auto) common.Append(" autocomplete=\"").Append(auto).Append('"');
            if (messages.Length > 0) common.Append(" aria-invalid=\"true\" aria-describedby=\"").Append(id).Append("-error\"");
            switch (definition.InputType)
            {
                case "textarea":
                    html.Append("<textarea").Append(common).Append(" maxlength=\"").Append(definition.MaxLength).Append("\">")
                        .Append(Encode(value)).Append("</textarea>");
                    break;
                case "select":
                    html.Append("<select").Append(common).Append("><option value=\"\"></option>");
                    foreach (var size in LeadFormFields.Sizes)
                        html.Append("<option value=\"").Append(size.Value).Append('"').Append(size.Value == value ? " selected" : "")
                            .Append('>').Append(Encode(english ? size.LabelEn : size.LabelZh)).Append("</option>");
                    html.Append("</select>");
                    break;
                default:
                    html.Append("<input type=\"").Append(definition.InputType).Append('"').Append(common)
                        .Append(" maxlength=\"").Append(definition.MaxLength).Append("\" value=\"").Append(Encode(value)).Append("\">");
                    break;
            }
            if (messages.Length > 0)
                html.Append("<p class=\"error\" id=\"").Append(id).Append("-error\">").Append(Encode(string.Join(" ", messages))).Append("</p>");
            html.Append("</div>\n");
        }
        if (form.AsksConsent)
            html.Append("<div class=\"field consent\"><label><input type=\"checkbox\" name=\"").Append(LeadFormFields.Consent).Append("\" value=\"on\"")
                .Append(LeadFormFields.IsTicked(values?.GetValueOrDefault(LeadFormFields.Consent)) ? " checked" : "").Append("> <span>")
                .Append(Encode(english ? form.ConsentTextEn ?? form.ConsentTextZh : form.ConsentTextZh)).Append("</span></label></div>\n");
        // People never see the honeypot; bots that fill every field do.
        html.Append("<div class=\"hp\" aria-hidden=\"true\"")
            .Append(inlineStyle ? " style=\"position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden\"" : "")
            .Append("><label>Website <input type=\"text\" name=\"").Append(LeadFormFields.Honeypot).Append("\" tabindex=\"-1\" autocomplete=\"off\"></label></div>\n")
            .Append("<input type=\"hidden\" name=\"").Append(LeadFormFields.Timing).Append("\" value=\"").Append(Encode(fillTime.Issue(form.Key))).Append("\">\n")
            .Append("<button type=\"submit\">").Append(Encode(Text("Send", culture))).Append("</button>\n</form>");
    }

    private static StringBuilder Start(string title, CultureInfo culture) => new StringBuilder(4096)
        .Append("<!DOCTYPE html><html lang=\"").Append(culture.Name).Append("\"><head><meta charset=\"utf-8\">")
        .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
        .Append("<title>").Append(Encode(title)).Append("</title><style>").Append(Style).Append("</style></head><body><main>");

    private static string End(StringBuilder html) => html.Append("</main></body></html>").ToString();

    private static CultureInfo CultureOf(bool english) => CultureInfo.GetCultureInfo(english ? "en" : KeqingHost.Cultures[0]);

    private static string Text(string key, CultureInfo culture) => TextResources.Find(key, culture);

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
