using Microsoft.Extensions.Options;
using Npgsql;

namespace Keqing.Infrastructure.Data;

/// <summary>How often and how patiently a unit of work is run again after a transient conflict (<c>Keqing:Database:Retry</c>).</summary>
public sealed class DatabaseRetryOptions
{
    public const string Section = "Keqing:Database:Retry";

    /// <summary>Attempts in all, the first included; 1 turns retrying off.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the second attempt; it doubles for each further one, each drawn at random between half and all of it.</summary>
    public int BaseDelayMilliseconds { get; set; } = 50;

    /// <summary>What the 503 answer's <c>Retry-After</c> asks the client to wait once every attempt failed.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}

/// <summary>
/// Runs a unit of work again, from its start, when PostgreSQL aborted its transaction to break a deadlock (40P01) or a
/// serialization conflict (40001): the other transaction has gone on, so the same work usually succeeds a moment
/// later. See docs/adr/0012-transient-database-errors.md.
/// </summary>
public sealed class DatabaseRetry(IOptions<DatabaseRetryOptions> options, ILogger<DatabaseRetry> log)
{
    /// <summary>
    /// Runs <paramref name="work"/> (given the attempt number, from 1) until it succeeds, fails otherwise, or has used up
    /// the attempts; <paramref name="canRetry"/> says whether running it again is still safe (false once a response started).
    /// Every attempt must start from nothing: its own transaction and DbContext, nothing read before kept.
    /// </summary>
    public async Task RunAsync(Func<int, Task> work, Func<bool> canRetry, CancellationToken ct)
    {
        var maxAttempts = Math.Max(1, options.Value.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work(attempt);
                return;
            }
            catch (Exception e) when (attempt < maxAttempts && IsTransient(e) && canRetry() && !ct.IsCancellationRequested)
            {
                var delay = Backoff(attempt);
                log.LogWarning("The database aborted attempt {Attempt} of {MaxAttempts} ({SqlState}); running it again in {Delay} ms",
                    attempt, maxAttempts, SqlStateOf(e), (int)delay.TotalMilliseconds);
                // A real wait, not the app's clock: a test's fake clock must not stall a retry.
                await Task.Delay(delay, ct);
            }
        }
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/>: base × 2^(attempt−1), jittered into its upper half.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var full = options.Value.BaseDelayMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 10));
        return TimeSpan.FromMilliseconds(full / 2 + Random.Shared.NextDouble() * full / 2);
    }

    /// <summary>Whether <paramref name="e"/> (or an exception inside it) is PostgreSQL aborting a transaction that may simply run again.</summary>
    public static bool IsTransient(Exception e) =>
        SqlStateOf(e) is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    private static string? SqlStateOf(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is PostgresException p) return p.SqlState;
        return null;
    }
}
