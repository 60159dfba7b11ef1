using System.Net;
using System.Net.Sockets;
using Keqing.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Notifications.Features;

/// <summary>
/// Keeps robots from being aimed at the server's own network (server-side request forgery): a webhook must be https and
/// its host must resolve only to public addresses — checked when a robot is saved, and again on every connection
/// (<see cref="ConnectAsync"/> connects only to an address it has just checked, so a DNS change cannot slip past).
/// <see cref="NotificationOptions.AllowInsecureLoopbackTargets"/> (tests only) admits http and loopback addresses.
/// </summary>
public sealed class WebhookGuard(IOptions<NotificationOptions> options)
{
    private bool AllowLoopback => options.Value.AllowInsecureLoopbackTargets;

    /// <summary>Why this URL may not be a webhook, or null when it may (as far as the URL itself tells).</summary>
    public string? RefuseUrl(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri) return FieldErrors.Text("The webhook URL must be an absolute https URL.");
        if (uri.Scheme != Uri.UriSchemeHttps && !(AllowLoopback && uri.Scheme == Uri.UriSchemeHttp && IsLoopbackHost(uri)))
            return FieldErrors.Text("The webhook URL must use https.");
        if (!string.IsNullOrEmpty(uri.UserInfo)) return FieldErrors.Text("The webhook URL may not contain a user name or password.");
        return null;
    }

    /// <summary>Why this URL may not be a webhook, resolving its host now; a host that does not resolve passes (it is checked again on send).</summary>
    public async Task<string?> RefuseAsync(Uri? uri, CancellationToken ct)
    {
        if (RefuseUrl(uri) is { } refusal) return refusal;
        IPAddress[] addresses;
        try
        {
            addresses = await Resolve(uri!.IdnHost, ct);
        }
        catch (SocketException)
        {
            return null;
        }
        return addresses.FirstOrDefault(a => !IsAllowed(a)) is { } bad
            ? FieldErrors.Text("The webhook's host resolves to a private or local address ({0}); robots may only post to public addresses.", bad)
            : null;
    }

    /// <summary>Whether a connection to this address is allowed: public addresses, and loopback when the test switch is on.</summary>
    public bool IsAllowed(IPAddress address) => !IsPrivate(address) || (AllowLoopback && IPAddress.IsLoopback(Unmap(address)));

    /// <summary>The connect step of the robots' HTTP client: resolves, checks every address, connects only to an allowed one.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await Resolve(context.DnsEndPoint.Host, ct);
        var allowed = addresses.Where(IsAllowed).ToArray();
        if (allowed.Length == 0 || allowed.Length != addresses.Length)
            throw new HttpRequestException($"Refused to connect to {context.DnsEndPoint.Host}: it resolves to a private or local address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsLoopbackHost(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static async Task<IPAddress[]> Resolve(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    /// <summary>Loopback, private (RFC 1918), carrier-grade NAT, link-local, unique-local, multicast, unspecified and other non-public ranges.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        address = Unmap(address);
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] >= 64 && b[1] <= 127,           // 100.64.0.0/10 carrier-grade NAT
                169 => b[1] == 254,                         // link-local (cloud metadata lives here)
                172 => b[1] >= 16 && b[1] <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0) || (b[1] == 0 && b[2] == 2),
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
                203 => b[1] == 0 && b[2] == 113,
                >= 224 => true,                             // multicast and reserved
                _ => false,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
                || address.IsIPv6UniqueLocal || address.IsIPv6Multicast) return true;
            var b = address.GetAddressBytes();
            // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address: judge that one.
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
                return IsPrivate(new IPAddress(b[12..16]));
            if (b[0] == 0x20 && b[1] == 0x02) return IsPrivate(new IPAddress(b[2..6]));
            if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return true; // documentation
            return false;
        }
        return true;
    }

    private static IPAddress Unmap(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
