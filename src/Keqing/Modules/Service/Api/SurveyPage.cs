using System.Globalization;
using System.Net;
using System.Text;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Features;

namespace Keqing.Modules.Service.Api;

/// <summary>
/// The survey page a contact opens from the email, written by hand like the hosted web form: no app chrome, no script,
/// readable at 375 px; radio buttons for CSAT (1–5) and NPS (0–10), a comment, and clear pages for a link that is not
/// valid, expired or already answered. Everything shown from the case is HTML-encoded.
/// </summary>
public static class SurveyPage
{
    private const string Style =
        "*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;" +
        "color:#1f2933;background:#f4f5f7}main{max-width:560px;margin:0 auto;padding:24px 16px}h1{font-size:1.35rem;margin:0 0 8px}" +
        ".lang{text-align:right;font-size:.9rem}.case{color:#52606d;margin:0 0 16px}fieldset{border:0;margin:0 0 18px;padding:0}" +
        "legend{font-weight:600;margin:0 0 8px}.scale{display:flex;flex-wrap:wrap;gap:6px}.scale label{flex:1 0 40px;text-align:center}" +
        ".scale input{position:absolute;opacity:0}.scale span{display:block;padding:10px 0;border:1px solid #c3c8cf;border-radius:6px;background:#fff}" +
        ".scale input:checked+span{background:#1565c0;color:#fff;border-color:#1565c0}.scale input:focus-visible+span{outline:2px solid #1565c0}" +
        ".ends{display:flex;justify-content:space-between;font-size:.85rem;color:#52606d}textarea{width:100%;min-height:100px;padding:10px;" +
        "font:inherit;border:1px solid #c3c8cf;border-radius:6px}.error{color:#c62828;margin:4px 0 0;font-size:.9rem}" +
        "button{width:100%;padding:12px;font:inherit;font-weight:600;color:#fff;background:#1565c0;border:0;border-radius:6px;cursor:pointer}" +
        ".note{background:#fff;padding:20px;border-radius:8px}";

    public static string Thanks(bool english) => Text("Thank you! Your answer helps us serve you better.", CultureOf(english));

    /// <summary>The page for the link's state: the form while it is open, otherwise why it cannot be answered.</summary>
    public static string For(SurveyView view, string token, bool english, bool justAnswered = false)
    {
        var culture = CultureOf(english);
        return view.State switch
        {
            SurveyState.Open => Form(view, token, english, null, null),
            SurveyState.Answered when justAnswered => Note(Text("Thank you!", culture), Thanks(english), culture),
            SurveyState.Answered => Note(Text("Already answered", culture), Text("This survey has already been answered. Thank you!", culture), culture),
            SurveyState.Expired => Note(Text("Link expired", culture), Text("This survey link has expired. If something is still wrong, just reply to our email or call us.", culture), culture),
            _ => Note(Text("Link not valid", culture), Text("This survey link is not valid. Please open the link from the email exactly as it was sent.", culture), culture),
        };
    }

    public static string Form(SurveyView view, string token, bool english, SurveyAnswer? values, IDictionary<string, string[]>? errors)
    {
        var culture = CultureOf(english);
        var html = Start(Text("How did we do?", culture), culture);
        var self = "/survey/" + Uri.EscapeDataString(token);
        html.Append("<p class=\"lang\"><a href=\"").Append(Encode(self)).Append(english ? "?lang=zh-CN\">中文" : "?lang=en\">English").Append("</a></p>")
            .Append("<h1>").Append(Encode(Text("How did we do?", culture))).Append("</h1>")
            .Append("<p class=\"case\">").Append(Encode(view.CaseNumber)).Append(" · ").Append(Encode(view.CaseSubject)).Append("</p>")
            .Append("<form method=\"post\" action=\"/api/public/surveys/").Append(Encode(Uri.EscapeDataString(token))).Append("?lang=").Append(culture.Name)
            .Append("\" accept-charset=\"utf-8\">");
        Scale(html, "csat", Text("How satisfied are you with how we handled your case?", culture), 1, 5, values?.Csat,
            Text("Very dissatisfied", culture), Text("Very satisfied", culture), errors);
        Scale(html, "nps", Text("How likely are you to recommend us to a friend or colleague?", culture), 0, 10, values?.Nps,
            Text("Not at all likely", culture), Text("Extremely likely", culture), errors);
        html.Append("<fieldset><legend><label for=\"comment\">").Append(Encode(Text("Anything you would like to tell us? (optional)", culture)))
            .Append("</label></legend><textarea id=\"comment\" name=\"comment\" maxlength=\"").Append(AnswerSurvey.MaxComment).Append("\">")
            .Append(Encode(values?.Comment)).Append("</textarea>");
        Errors(html, "comment", errors);
        html.Append("</fieldset><button type=\"submit\">").Append(Encode(Text("Send", culture))).Append("</button></form>");
        return End(html);
    }

    private static void Scale(StringBuilder html, string name, string question, int from, int to, int? value, string low, string high,
        IDictionary<string, string[]>? errors)
    {
        html.Append("<fieldset><legend>").Append(Encode(question)).Append("</legend><div class=\"scale\">");
        for (var i = from; i <= to; i++)
        {
            html.Append("<label><input type=\"radio\" name=\"").Append(name).Append("\" value=\"").Append(i).Append('"');
            if (value == i) html.Append(" checked");
            html.Append("><span>").Append(i).Append("</span></label>");
        }
        html.Append("</div><div class=\"ends\"><span>").Append(Encode(low)).Append("</span><span>").Append(Encode(high)).Append("</span></div>");
        Errors(html, name, errors);
        html.Append("</fieldset>");
    }

    private static void Errors(StringBuilder html, string field, IDictionary<string, string[]>? errors)
    {
        if (errors is null || !errors.TryGetValue(field, out var messages)) return;
        foreach (var message in messages) html.Append("<p class=\"error\" role=\"alert\">").Append(Encode(message)).Append("</p>");
    }

    private static string Note(string title, string text, CultureInfo culture)
    {
        var html = Start(title, culture);
        html.Append("<h1>").Append(Encode(title)).Append("</h1><p class=\"note\" role=\"status\">").Append(Encode(text)).Append("</p>");
        return End(html);
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
