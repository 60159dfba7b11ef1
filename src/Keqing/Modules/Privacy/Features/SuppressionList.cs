using System.Security.Cryptography;
using System.Text;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;
using Keqing.Infrastructure.Text;

namespace Keqing.Modules.Privacy.Features;

/// <summary>
/// The suppression list (<see cref="ISuppressionList"/>, DOMAIN P3) as keyed hashes of erased people's normalised
/// phones, emails and name with birthday; an erasure adds to it. A plain hash of a phone number is reversed by trying
/// every number, so the hash is an HMAC-SHA256 under a per-installation key (configuration
/// <c>Keqing:Privacy:SuppressionKey</c>, base64, or one made and kept in the database).
/// </summary>
public sealed class SuppressionList(KeqingDb db, IDbContextFactory<KeqingDb> contexts, IConfiguration configuration, TimeProvider clock) : ISuppressionList
{
    private byte[]? key;

    public async Task<bool> IsSuppressed(string? phone, string? email, CancellationToken ct)
    {
        var hashes = new List<string>();
        if (ContactPoints.NormalizePhone(phone) is { } p) hashes.Add(await Hash(SuppressionKind.Phone, p, ct));
        if (ContactPoints.NormalizeEmail(email) is { } e) hashes.Add(await Hash(SuppressionKind.Email, e, ct));
        return hashes.Count > 0 && await db.Set<Suppression>().AnyAsync(s => hashes.Contains(s.Hash), ct);
    }

    public async Task<IReadOnlySet<int>> Suppressed(IReadOnlyList<(IEnumerable<string?> Phones, IEnumerable<string?> Emails)> people, CancellationToken ct)
    {
        var found = new HashSet<int>();
        if (people.Count == 0 || !await db.Set<Suppression>().AnyAsync(ct)) return found;
        var byHash = new Dictionary<string, List<int>>();
        for (var i = 0; i < people.Count; i++)
        {
            var values = people[i].Phones.Select(ContactPoints.NormalizePhone).OfType<string>().Select(v => (SuppressionKind.Phone, v))
                .Concat(people[i].Emails.Select(ContactPoints.NormalizeEmail).OfType<string>().Select(v => (SuppressionKind.Email, v)));
            foreach (var (kind, value) in values)
            {
                var hash = await Hash(kind, value, ct);
                if (!byHash.TryGetValue(hash, out var owners)) byHash[hash] = owners = [];
                owners.Add(i);
            }
        }
        foreach (var chunk in byHash.Keys.Chunk(500))
            foreach (var hit in await db.Set<Suppression>().Where(s => chunk.Contains(s.Hash)).Select(s => s.Hash).ToListAsync(ct))
                found.UnionWith(byHash[hit]);
        return found;
    }

    public async Task<bool> IsSuppressed(string name, DateOnly birthday, CancellationToken ct)
    {
        var hash = await Hash(SuppressionKind.NameAndBirthday, NameAndBirthday(name, birthday), ct);
        return await db.Set<Suppression>().AnyAsync(s => s.Hash == hash, ct);
    }

    /// <summary>Adds an erased person's identifiers (in the caller's unit of work); returns how many new rows.</summary>
    public async Task<int> Add(ErasedData erased, CancellationToken ct)
    {
        var wanted = new Dictionary<string, SuppressionKind>();
        foreach (var p in erased.Phones) if (ContactPoints.NormalizePhone(p) is { } v) wanted[await Hash(SuppressionKind.Phone, v, ct)] = SuppressionKind.Phone;
        foreach (var e in erased.Emails) if (ContactPoints.NormalizeEmail(e) is { } v) wanted[await Hash(SuppressionKind.Email, v, ct)] = SuppressionKind.Email;
        foreach (var (name, birthday) in erased.NamesWithBirthdays)
            wanted[await Hash(SuppressionKind.NameAndBirthday, NameAndBirthday(name, birthday), ct)] = SuppressionKind.NameAndBirthday;
        var hashes = wanted.Keys.ToList();
        var known = await db.Set<Suppression>().Where(s => hashes.Contains(s.Hash)).Select(s => s.Hash).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var (hash, kind) in wanted.Where(w => !known.Contains(w.Key)))
        {
            db.Add(new Suppression { Kind = kind, Hash = hash, CreatedAt = now });
            added++;
        }
        return added;
    }

    private static string NameAndBirthday(string name, DateOnly birthday) =>
        $"{string.Concat(name.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant()}|{birthday:yyyy-MM-dd}";

    private async Task<string> Hash(SuppressionKind kind, string value, CancellationToken ct)
    {
        key ??= await Key(ct);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{(int)kind}:{value}")));
    }

    private async Task<byte[]> Key(CancellationToken ct)
    {
        if (configuration["Keqing:Privacy:SuppressionKey"] is { Length: > 0 } configured) return Convert.FromBase64String(configured);
        if (await db.Set<SuppressionKey>().AsNoTracking().Where(k => k.Id == 1).FirstOrDefaultAsync(ct) is { } stored) return stored.Key;
        // Made once; a second node racing to make it loses on the primary key and reads the winner's.
        await using var other = await contexts.CreateDbContextAsync(ct);
        other.Add(new SuppressionKey { Key = RandomNumberGenerator.GetBytes(32) });
        try
        {
            await other.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else made it first.
        }
        return (await db.Set<SuppressionKey>().AsNoTracking().Where(k => k.Id == 1).FirstAsync(ct)).Key;
    }
}
