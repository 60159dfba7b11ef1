namespace Keqing.Infrastructure.Data;

/// <summary>
/// Record ids: UUIDv7 (RFC 9562) that strictly increase within this process. Lists that show the newest first order by
/// id (notifications, audit trail, deliveries), and <see cref="OrderedId.New()"/> fills the twelve bits after the
/// millisecond at random, so two records made in the same millisecond would list in random order. Here those bits count
/// up within a millisecond (RFC 9562 §6.2, method 1), starting at a random point in their lower half; if they run out,
/// or the wall clock steps back, the millisecond moves on from the last one used. Both providers sort these ids
/// byte-wise (PostgreSQL's uuid, SQLite's upper-case text), which is the order they are made in.
/// </summary>
public static class OrderedId
{
    private const int CounterBits = 12;
    private static readonly Lock Gate = new();
    private static long lastMilliseconds = -1;
    private static int counter;

    // The random tail comes from a per-thread buffer of cryptographic random bytes, refilled 512 ids at a time: asking
    // the operating system for 8 bytes per id cost more than the rest of writing a row (bench sell-through-import).
    [ThreadStatic] private static byte[]? randomBytes;
    [ThreadStatic] private static int randomUsed;

    public static Guid New() => New(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    internal static Guid New(long unixMilliseconds)
    {
        long milliseconds;
        int sequence;
        lock (Gate)
        {
            if (unixMilliseconds > lastMilliseconds)
            {
                lastMilliseconds = unixMilliseconds;
                counter = Random.Shared.Next(1 << (CounterBits - 1));
            }
            else if (++counter >= 1 << CounterBits)
            {
                lastMilliseconds++;
                counter = 0;
            }
            milliseconds = lastMilliseconds;
            sequence = counter;
        }
        Span<byte> bytes = stackalloc byte[16];
        if (randomBytes is null || randomUsed == randomBytes.Length)
        {
            randomBytes ??= new byte[4096];
            System.Security.Cryptography.RandomNumberGenerator.Fill(randomBytes);
            randomUsed = 0;
        }
        randomBytes.AsSpan(randomUsed, 8).CopyTo(bytes[8..]);
        randomUsed += 8;
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(milliseconds >> (40 - 8 * i));
        bytes[6] = (byte)(0x70 | (sequence >> 8));
        bytes[7] = (byte)sequence;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
