using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Customers.Pages;
using Keqing.Modules.Identity.Features;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Architecture;

/// <summary>
/// Every message a user can see comes in their language (issue 13 item 21): API field errors and the validation title,
/// ASP.NET Identity's password rules, the sign-in form's checks, the change log's field names and enum values. Each test
/// fails when a text has no zh-CN entry, or when code writes a message past the text resources.
/// </summary>
public sealed partial class UserLanguageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly string SourceDir = Path.Combine(ModuleBoundaryTests.SourceRoot(), "src", "Keqing");

    [Fact]
    public void Api_field_errors_are_written_through_the_text_resources()
    {
        // errors.Add(field, "English") or $"English {x}" never reaches a resource; FieldErrors.Text("…") does.
        var bare = Directory.EnumerateFiles(SourceDir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => BareMessage().Match(x.line) is { Success: true } m && Words().IsMatch(Holes().Replace(m.Groups["text"].Value, "")))
            .Select(x => $"{Path.GetRelativePath(SourceDir, x.f)}:{x.i + 1}: {x.line.Trim()}");
        bare.Should().BeEmpty("a message goes through FieldErrors.Text(\"English\") with a zh-CN entry in the module's resx");
    }

    [Fact]
    public void Every_identity_message_has_a_chinese_text_and_keeps_identitys_code()
    {
        var describer = new LocalizedIdentityErrors();
        var english = new IdentityErrorDescriber();
        var methods = typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.IsVirtual && m.ReturnType == typeof(IdentityError)).ToList();
        methods.Should().HaveCountGreaterThan(15);
        var untranslated = new List<string>();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var method in methods)
            {
                var args = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)8 : "x@example.com").ToArray();
                CultureInfo.CurrentUICulture = Chinese;
                var zh = (IdentityError)method.Invoke(describer, args)!;
                CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
                var en = (IdentityError)method.Invoke(english, args)!;
                if (zh.Code != en.Code || !HasChinese(zh.Description)) untranslated.Add($"{method.Name}: {zh.Code} \"{zh.Description}\"");
            }
        }
        finally { CultureInfo.CurrentUICulture = previous; }
        untranslated.Should().BeEmpty("LocalizedIdentityErrors overrides every message, with a zh-CN text in IdentityResource");
    }

    [Fact]
    public async Task Every_audited_customer_field_and_enum_value_has_a_chinese_label_in_the_change_log()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var entity = KeqingApp.Service<KeqingDb>(scope).Model.FindEntityType(typeof(Customer))!;
        var audited = entity.GetProperties()
            .Where(p => !p.IsShadowProperty() && p.FindAnnotation(AuditAnnotations.Ignored) is null && !p.IsPrimaryKey()
                        && p.Name != nameof(Customer.Version) && !CustomerText.HiddenAuditFields.Contains(p.Name)).ToList();
        audited.Should().Contain(p => p.Name == nameof(Customer.LegalBasis));
        var missing = new List<string>();
        foreach (var property in audited)
        {
            var label = CustomerText.AuditFieldLabel(property.Name);
            if (!Translated(label)) missing.Add($"field {property.Name} (label \"{label}\")");
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            // Grades are the letters A–D in every language.
            if (!type.IsEnum || type == typeof(CustomerGrade)) continue;
            foreach (var value in Enum.GetNames(type))
                if (CustomerText.AuditEnumLabel(property.Name, value) is not { } valueLabel || !Translated(valueLabel))
                    missing.Add($"{property.Name}: {value}");
        }
        missing.Should().BeEmpty("the change log shows every audited field and enum value in words (CustomerText.AuditFieldLabel/AuditEnumLabel)");
    }

    [Fact]
    public async Task Timeline_and_notification_field_errors_and_the_title_come_in_chinese()
    {
        using var client = await Chinese_(app.AdminClient());
        using var commitment = await client.PostAsJsonAsync("/api/commitments", new { what = "下周报价" });
        var problem = await Problem(commitment);
        problem.GetProperty("title").GetString().Should().Be("有字段填写不正确。");
        problem.GetProperty("errors").GetProperty("customerId")[0].GetString().Should().Be("必填。");

        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/me/notification-preferences")
        {
            Content = JsonContent.Create(new
            {
                culture = "fr", timeZone = "Mars/Olympus", quietHours = new { from = "25:00", until = "07:00" },
                events = new[] { new { eventType = "nope", channels = Array.Empty<string>() } },
            }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        using var preferences = await client.SendAsync(put);
        var errors = (await Problem(preferences)).GetProperty("errors");
        errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()!)
            .Should().NotBeEmpty().And.OnlyContain(m => HasChinese(m));
    }

    [Fact]
    public async Task Identity_password_rules_come_in_chinese()
    {
        using var client = await Chinese_(app.AdminClient());
        using var response = await client.PostAsJsonAsync("/api/users",
            new { email = $"zh-{Guid.NewGuid():N}@example.com", displayName = "短密码", password = "aaaa", roles = new[] { "SalesRep" } });
        var messages = (await Problem(response)).GetProperty("errors").GetProperty("password").EnumerateArray().Select(m => m.GetString()!).ToList();
        messages.Should().Contain(m => m.Contains("密码至少需要", StringComparison.Ordinal)).And.OnlyContain(m => HasChinese(m));
    }

    [Fact]
    public async Task The_sign_in_form_says_what_is_missing_in_chinese()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var form = await client.GetStringAsync("/login");
        var token = TokenValue().Match(TokenInput().Match(form).Value).Groups[1].Value;
        token.Should().NotBeEmpty();
        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = "", ["Input.Password"] = "",
        }));
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("请输入邮箱。").And.Contain("请输入密码。").And.NotContain("Enter your");
    }

    [Fact]
    public void MudBlazors_own_texts_come_from_keqings_resources_in_chinese_and_fall_back_to_its_english()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Chinese;
            var texts = new MudTexts();
            texts["MudNavGroup_ToggleExpand", "系统管理"].Value.Should().Be("展开或收起系统管理"); // was "Toggle 系统管理" on every admin page
            texts["MudDialog_Close"].ResourceNotFound.Should().BeFalse();
            texts["MudNoSuchKey"].ResourceNotFound.Should().BeTrue("MudBlazor then uses its English text");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            texts["MudNavGroup_ToggleExpand", "Administration"].ResourceNotFound.Should().BeTrue();
        }
        finally { CultureInfo.CurrentUICulture = previous; }
        app.Services.GetRequiredService<MudBlazor.MudLocalizer>().Should().BeOfType<MudTexts>();
    }

    private static async Task<HttpClient> Chinese_(Task<HttpClient> signedIn)
    {
        var client = await signedIn;
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        ((int)response.StatusCode).Should().Be(400, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static bool Translated(string key) => TextResources.Find(key, Chinese) is var zh && zh != key && HasChinese(zh);

    private static bool HasChinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    // errors.Add(<"field", $"field.{x}" or a variable>, <a string literal with words>)
    [GeneratedRegex("""\berrors\.Add\(\s*(?:\$?"[^"]*"|\w+)\s*,\s*\$?"(?<text>[^"]*)""")]
    private static partial Regex BareMessage();

    // What an interpolated message says besides its holes ("{definition.Label}: {message}" says nothing itself).
    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Holes();

    [GeneratedRegex("[A-Za-z]{2}")]
    private static partial Regex Words();

    [GeneratedRegex("<input[^>]*__RequestVerificationToken[^>]*>")]
    private static partial Regex TokenInput();

    [GeneratedRegex("value=\"([^\"]+)\"")]
    private static partial Regex TokenValue();
}
