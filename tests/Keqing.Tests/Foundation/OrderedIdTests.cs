using CsCheck;
using Keqing.Infrastructure.Data;

namespace Keqing.Tests.Foundation;

/// <summary>
/// Record ids list in the order they were made, on both providers' sort orders, whatever the clock does: many ids in
/// one millisecond, the clock standing still or stepping back.
/// </summary>
public sealed class OrderedIdTests
{
    private static byte[] Bytes(Guid id)
    {
        var bytes = new byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _).Should().BeTrue();
        return bytes;
    }

    [Fact]
    public void Ids_strictly_increase_as_uuid_and_as_sqlite_text_whatever_the_clock_does()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Clock readings that repeat (thousands of ids in one millisecond), step forward and step back.
        Gen.Long[now - 20, now].Array[2, 5000].Sample(readings =>
        {
            var ids = readings.Select(OrderedId.New).ToList();
            for (var i = 1; i < ids.Count; i++)
            {
                Bytes(ids[i]).AsSpan().SequenceCompareTo(Bytes(ids[i - 1])).Should().BePositive("PostgreSQL sorts uuid byte-wise");
                string.CompareOrdinal(ids[i].ToString().ToUpperInvariant(), ids[i - 1].ToString().ToUpperInvariant())
                    .Should().BePositive("SQLite sorts the upper-case text");
            }
            ids.Should().OnlyContain(id => id.Version == 7 && (id.Variant & 0b1100) == 0b1000);
        }, iter: 20);
    }

    [Fact]
    public void An_id_carries_the_millisecond_it_was_made_in()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var bytes = Bytes(OrderedId.New());
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var milliseconds = bytes.Take(6).Aggregate(0L, (n, b) => (n << 8) | b);
        // A burst of more than 4,096 ids in one millisecond (the test above) moves on to the next millisecond early.
        milliseconds.Should().BeInRange(before, after + 1000);
    }
}
