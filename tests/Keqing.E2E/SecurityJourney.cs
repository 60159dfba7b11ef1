using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Keqing.E2E;

/// <summary>
/// Stored script never runs: a rep stores &lt;script&gt; and &lt;img onerror&gt; in every free-text field of a customer,
/// contact, interaction, commitment and task through the API; every page showing them renders them as text, no
/// injected handler fires in Chromium, and the pages work under the Content-Security-Policy (no violations).
/// </summary>
public sealed class SecurityJourney(AppServer app)
{
    private const string DemoPassword = "Keqing-demo-2026";
    private const string Script = "<script>window.__xss=(window.__xss||0)+1</script>";
    private const string Image = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\">";
    /// <summary>For fields of at most 50 characters; alert() would open a dialog, which the test counts.</summary>
    private const string ShortImage = "<img src=x onerror=alert(1)>";
    private const string Svg = "<svg onload=\"window.__xss=(window.__xss||0)+1\"></svg>";

    [Fact]
    public async Task Stored_script_in_every_text_field_is_shown_as_text_and_never_runs()
    {
        var marker = "XSS" + Guid.NewGuid().ToString("N")[..6];
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await api.PostAsJsonAsync("/api/auth/token", new { email = "rep1@keqing.local", password = DemoPassword }))
            .Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());

        var customer = await Post(api, "/api/customers", new
        {
            kind = "organization", name = $"{marker}{Script}", aliases = new[] { Image }, industry = Svg, province = ShortImage, city = Script,
            address = $"{Image}{Script}", source = Svg, legalRepresentative = Image, tags = new[] { "<script>alert(1)</script>", ShortImage },
        });
        var id = customer.GetProperty("id").GetGuid();
        await Post(api, $"/api/customers/{id}/contacts", new { name = $"{Image}联系人", title = Script, hobbies = Svg, notes = Image });
        await Post(api, "/api/interactions", new { customerId = id, channel = "call", subject = $"{marker}{Image}", notes = Script, outcome = Svg, nextStep = Image });
        await Post(api, "/api/commitments", new { customerId = id, what = $"{Script}承诺", dueAt = DateTime.UtcNow.AddDays(3) });
        // Due now, so "my day" lists it whatever the hour (2 hours ahead is tomorrow after 22:00 in Shanghai).
        await Post(api, "/api/tasks", new { title = $"{Image}任务", dueAt = DateTime.UtcNow, customerId = id, notes = Script });

        var page = await app.NewPage(1280);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (violations) violations.Add(message.Text);
        };
        var dialogs = 0;
        page.Dialog += async (_, dialog) => { Interlocked.Increment(ref dialogs); await dialog.DismissAsync(); };
        await page.GotoAsync("/login");
        await page.FillAsync("#email", "rep1@keqing.local");
        await page.FillAsync("#password", DemoPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/login"));

        foreach (var (path, shows) in new[]
                 {
                     ("/customers", marker + Script),
                     ($"/customers/{id}", marker + Script),
                     ($"/customers/{id}/timeline", marker + Image),
                     ($"/customers/{id}/brief", marker + Script),
                     ("/me/day", Image + "任务"),
                 })
        {
            await page.GotoAsync(path);
            // The list is in pinyin order: the marked customer is found by searching for it.
            if (path == "/customers") await page.Locator(".customer-search input").FillAsync(marker);
            await Assertions.Expect(page.GetByText(shows, new PageGetByTextOptions { Exact = false }).First).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(300); // let any injected handler fire if it could
            (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).Should().BeTrue($"no stored script may run on {path}");
            (await page.Locator("img[src='x'], svg[onload]").CountAsync()).Should().Be(0, $"no stored markup becomes an element on {path}");
        }
        await app.Screenshot(page, "stored-script-shown-as-text");

        await page.GotoAsync("/me/account");
        await Assertions.Expect(page.Locator(".tokens-table .revoke-token").First).ToBeVisibleAsync();
        await app.Screenshot(page, "my-account-tokens");

        dialogs.Should().Be(0);
        violations.Should().BeEmpty("every page works under the Content-Security-Policy");
    }

    [Fact]
    public async Task A_revoked_token_stops_working_at_once()
    {
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await api.PostAsJsonAsync("/api/auth/token", new { email = "rep2@keqing.local", password = DemoPassword, label = "e2e" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        ((int)(await api.GetAsync("/api/me")).StatusCode).Should().Be(200);

        var page = await app.NewPage(1280);
        await page.GotoAsync("/login");
        await page.FillAsync("#email", "rep2@keqing.local");
        await page.FillAsync("#password", DemoPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        await page.GotoAsync("/me/account");
        var row = page.Locator(".tokens-table tr", new PageLocatorOptions { HasText = "e2e" });
        await row.Locator(".revoke-token").ClickAsync();
        await Assertions.Expect(row.Locator(".token-status")).ToHaveTextAsync("已吊销");
        ((int)(await api.GetAsync("/api/me")).StatusCode).Should().Be(401);
    }

    private static async Task<JsonElement> Post(HttpClient api, string path, object body)
    {
        var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
