using Keqing.Infrastructure.Data;
using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace TimelineBench;

/// <summary>Bulk-loads customers, interactions and timeline entries with binary COPY (DESIGN: bulk load), deterministic.</summary>
public sealed class DataLoader(string connectionString, int customers, int perCustomer, Guid rep, Guid repTeam, int repCustomers, int hotEntries)
{
    private static readonly string[] Grades = ["A", "B", "C", "D"];
    private static readonly string[] Channels = ["Call", "Visit", "Im", "Email", "Sms"];
    private static readonly DateTime Now = DateTime.UtcNow;

    /// <summary>The customer with <c>hotEntries</c> timeline entries, owned by the rep.</summary>
    public Guid HotCustomer { get; } = OrderedId.New();

    public async Task LoadAsync()
    {
        var random = new Random(20261124);
        var ids = new Guid[customers];
        ids[0] = HotCustomer;
        for (var i = 1; i < customers; i++) ids[i] = OrderedId.New();
        var owners = Enumerable.Range(0, 200).Select(_ => OrderedId.New()).ToArray();
        var teams = Enumerable.Range(0, 20).Select(_ => OrderedId.New()).ToArray();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY customers (\"Id\",\"Kind\",\"Name\",\"Aliases\",\"Phones\",\"Emails\",\"OwnerId\",\"TeamId\",\"Grade\",\"Tags\",\"CustomFields\",\"CreatedAt\",\"UpdatedAt\",\"Version\",\"SearchName\",\"PinyinKeys\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < customers; i++)
            {
                var mine = i < repCustomers;
                var owner = mine ? rep : owners[i % owners.Length];
                var name = $"客户{i:D7}有限公司";
                await copy.StartRowAsync();
                await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                await copy.WriteAsync("Organization", NpgsqlDbType.Varchar);
                await copy.WriteAsync(name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(owner, NpgsqlDbType.Uuid);
                await copy.WriteAsync(mine ? repTeam : teams[i % teams.Length], NpgsqlDbType.Uuid);
                await copy.WriteAsync(Grades[random.Next(Grades.Length)], NpgsqlDbType.Varchar);
                await copy.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync("{}", NpgsqlDbType.Text);
                await copy.WriteAsync(Now.AddDays(-400), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(Now.AddDays(-400), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(" kehu", NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync();
        }
        Console.WriteLine($"  {customers:N0} customers in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        long rows = 0;
        await using (var interactions = await connection.BeginBinaryImportAsync(
            "COPY timeline_interactions (\"Id\",\"CustomerId\",\"Channel\",\"Direction\",\"OccurredAt\",\"ContactIds\",\"ParticipantIds\",\"Subject\",\"PersonalOccasion\",\"UserId\",\"TeamId\",\"CreatedAt\",\"UpdatedAt\",\"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < customers; i++)
            {
                var n = i == 0 ? hotEntries : random.Next(0, perCustomer * 2 + 1);
                for (var k = 0; k < n; k++)
                {
                    var mine = i < repCustomers;
                    var at = Now.AddMinutes(-random.Next(1, 3 * 365 * 1440));
                    var id = OrderedId.New();
                    await interactions.StartRowAsync();
                    await interactions.WriteAsync(id, NpgsqlDbType.Uuid);
                    await interactions.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                    await interactions.WriteAsync(Channels[k % Channels.Length], NpgsqlDbType.Varchar);
                    await interactions.WriteAsync("Outbound", NpgsqlDbType.Varchar);
                    await interactions.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await interactions.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                    await interactions.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                    await interactions.WriteAsync("回访", NpgsqlDbType.Varchar);
                    await interactions.WriteAsync(false, NpgsqlDbType.Boolean);
                    await interactions.WriteAsync(mine ? rep : owners[i % owners.Length], NpgsqlDbType.Uuid);
                    await interactions.WriteAsync(mine ? repTeam : teams[i % teams.Length], NpgsqlDbType.Uuid);
                    await interactions.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await interactions.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await interactions.WriteAsync(0L, NpgsqlDbType.Bigint);
                    rows++;
                }
            }
            await interactions.CompleteAsync();
        }
        Console.WriteLine($"  {rows:N0} interactions in {watch.Elapsed.TotalSeconds:F1} s");

        // The timeline holds one entry per interaction (the app publishes one with each log).
        watch.Restart();
        await using (var command = new NpgsqlCommand(
            "INSERT INTO timeline_entries (\"Id\",\"CustomerId\",\"OccurredAt\",\"Type\",\"Channel\",\"UserId\",\"TeamId\",\"Title\",\"Summary\",\"SourceModule\",\"SourceId\") " +
            "SELECT gen_random_uuid(), \"CustomerId\", \"OccurredAt\", 'interaction', lower(\"Channel\"), \"UserId\", \"TeamId\", \"Subject\", '客户有兴趣 · → 发送报价', 'timeline', \"Id\" FROM timeline_interactions", connection) { CommandTimeout = 0 })
            rows = await command.ExecuteNonQueryAsync();
        Console.WriteLine($"  {rows:N0} timeline entries in {watch.Elapsed.TotalSeconds:F1} s");
        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 }) await analyze.ExecuteNonQueryAsync();
    }
}
