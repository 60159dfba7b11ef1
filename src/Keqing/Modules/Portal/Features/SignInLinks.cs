using System.Security.Cryptography;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Portal.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Portal.Features;

/// <summary>
/// Sign-in by an emailed one-time link. A request is counted (per address, kept as a hash, and per client address, in the
/// database so every node counts alike) and answered the same whether the address belongs to a contact or not; for a
/// contact's address a link with a random token is mailed through the outbox. The link works once, until it expires,
/// and only while the contact still holds the address.
/// </summary>
public sealed class SignInLinks(KeqingDb db, IContactsByEmail contacts, IEmailOutbox mail, IOptions<PortalOptions> options, TimeProvider time)
{
    public const string EventType = "portal.sign-in-link";

    /// <summary>Null when the request was taken; otherwise the seconds to wait (the limit is reached).</summary>
    public async Task<int?> Request(string? email, string client, string culture, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("email", email).MaxLength("email", email, 320);
        if (!string.IsNullOrWhiteSpace(email) && email.Length <= 320 && !FieldErrors.IsEmail(email.Trim()))
            errors.Add("email", FieldErrors.Text("Enter an email address such as name@example.com."));
        errors.ThrowIfAny();
        var address = ContactPointRules.NormalizeEmail(email) ?? email!.Trim().ToLowerInvariant();
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddMinutes(-o.WindowMinutes);
        var hash = PortalAuth.Hash(address);
        client = client.Length > 64 ? client[..64] : client;
        var recent = await db.Set<PortalLinkRequest>().AsNoTracking().Where(r => r.At > since && (r.EmailHash == hash || r.Client == client))
            .Select(r => new { r.EmailHash, r.Client, r.At }).ToListAsync(ct);
        var byAddress = recent.Where(r => r.EmailHash == hash).ToList();
        var byClient = recent.Where(r => r.Client == client).ToList();
        if (byAddress.Count >= o.RequestsPerAddress || byClient.Count >= o.RequestsPerClient)
        {
            var full = byAddress.Count >= o.RequestsPerAddress ? byAddress : byClient;
            var freeAt = full.Min(r => r.At).AddMinutes(o.WindowMinutes);
            return Math.Max(1, (int)Math.Ceiling((freeAt - now).TotalSeconds));
        }
        db.Add(new PortalLinkRequest { EmailHash = hash, Client = client, At = now });
        if (await contacts.WithEmail(address, ct) is [var contact, ..])
        {
            var token = Base64Url(RandomNumberGenerator.GetBytes(32));
            var link = new PortalLink
            {
                TokenHash = PortalAuth.Hash(token), ContactId = contact.Id, CustomerId = contact.CustomerId, Email = address,
                CreatedAt = now, ExpiresAt = now.AddMinutes(o.LinkMinutes),
            };
            db.Add(link);
            mail.Queue(new OutboundEmail("portal-link:" + link.Id, EventType, address, FieldErrors.Text("Your sign-in link to customer service"),
                FieldErrors.Text("Hello {0}, open this link within {1} minutes to sign in to customer service. It works once. If you did not ask for it, ignore this email.",
                    contact.Name, o.LinkMinutes)) { Link = "/portal/sign-in?token=" + token, Culture = culture });
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The contact the link signs in, using the link up; null for a link that is unknown, used, expired or no longer the contact's.</summary>
    public async Task<PortalContact?> Redeem(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return null;
        var hash = PortalAuth.Hash(token.Trim());
        var now = time.GetUtcNow().UtcDateTime;
        var link = await db.Set<PortalLink>().AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null || link.UsedAt is not null || link.ExpiresAt <= now) return null;
        // One statement decides who uses the link: a second click (or a second node) updates nothing.
        var taken = await db.Set<PortalLink>().Where(l => l.Id == link.Id && l.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct);
        if (taken != 1) return null;
        if (!(await contacts.WithEmail(link.Email, ct)).Any(c => c.Id == link.ContactId)) return null;
        return new PortalContact(link.ContactId, link.CustomerId, link.Email);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
