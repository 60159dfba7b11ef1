using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Portal;

/// <summary>Contacts signed in to the portal, their link mails and multipart posts, for the portal's tests.</summary>
public static partial class PortalTestKit
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    /// <summary>A browser-like client: cookies kept, redirects not followed, the site's own Origin on every request.</summary>
    public static HttpClient Browser(this KeqingApp app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        return client;
    }

    public static async Task<ContactDto> NewContact(this HttpClient staff, Guid customerId, string email, string name = "王经理")
    {
        var response = await staff.PostAsJsonAsync($"/api/customers/{customerId}/contacts", new { name, emails = new[] { email } }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<ContactDto>();
    }

    public static string NewEmail() => $"{ApiHelpers.Unique("contact")}@customer.example.com".ToLowerInvariant();

    public static Task<HttpResponseMessage> AskForLink(this HttpClient client, string email) =>
        client.PostAsJsonAsync("/api/portal/login", new { email }, ApiHelpers.Json);

    /// <summary>The token of the newest sign-in link mailed to the address (from the outbox), or null.</summary>
    public static async Task<string?> LinkTokenFor(this KeqingApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var links = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Address == email && m.EventType == "portal.sign-in-link")
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(m => m.Link).ToListAsync();
        return links.Count == 0 ? null : Token().Match(links[0] ?? "").Groups[1].Value;
    }

    public static async Task<int> MailsTo(this KeqingApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<OutboxMessage>().CountAsync(m => m.Address == email);
    }

    public static Task<HttpResponseMessage> UseLink(this HttpClient client, string? token) =>
        client.PostAsJsonAsync("/api/portal/sign-in", new { token }, ApiHelpers.Json);

    /// <summary>A browser signed in to the portal as the contact with this address.</summary>
    public static async Task<HttpClient> SignedIn(this KeqingApp app, string email)
    {
        var client = app.Browser();
        await (await client.AskForLink(email)).ShouldBe(202);
        var token = await app.LinkTokenFor(email);
        token.Should().NotBeNullOrEmpty();
        await (await client.UseLink(token)).ShouldBe(204);
        return client;
    }

    public static Task<HttpResponseMessage> PostForm(this HttpClient client, string url, IReadOnlyDictionary<string, string> fields,
        params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in fields) form.Add(new StringContent(value), key);
        foreach (var (name, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "files", name);
        }
        return client.PostAsync(url, form);
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_\-]+)")]
    private static partial Regex Token();
}
