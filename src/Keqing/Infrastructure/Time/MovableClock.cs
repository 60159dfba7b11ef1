namespace Keqing.Infrastructure.Time;

/// <summary>
/// The system's time plus an offset that end-to-end tests move forward (an SLA at 80 %, a customer untouched for 40
/// days) through <c>POST /api/testing/clock</c>. It replaces <see cref="TimeProvider.System"/> only when
/// <c>Keqing:Testing:MovableClock</c> is true, which the E2E host sets; a deployment never has it.
/// </summary>
public sealed class MovableClock : TimeProvider
{
    public const string Setting = "Keqing:Testing:MovableClock";

    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => TimeProvider.System.LocalTimeZone;

    public static bool IsOn(IConfiguration configuration) => configuration.GetValue(Setting, false);

    /// <summary>
    /// The testing endpoints (they exist only with the setting on; the caller authorises them): move the clock forward by
    /// whole minutes, and run one background job now instead of waiting for its interval.
    /// </summary>
    public static RouteGroupBuilder MapEndpoints(RouteGroupBuilder api)
    {
        var testing = api.MapGroup("/testing").ExcludeFromDescription();
        testing.MapPost("/clock", (AdvanceClock body, MovableClock clock) =>
        {
            if (body.AdvanceMinutes is not (> 0 and <= 366 * 24 * 60))
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["advanceMinutes"] = ["Give a number of minutes between 1 and a year."],
                });
            clock.Advance(TimeSpan.FromMinutes(body.AdvanceMinutes));
            return Results.Ok(new { now = clock.GetUtcNow(), offsetMinutes = clock.Offset.TotalMinutes });
        });
        testing.MapPost("/jobs/{name}", async (string name, IEnumerable<Jobs.ILeasedJob> jobs, Jobs.JobLeases leases, CancellationToken ct) =>
        {
            switch (jobs.FirstOrDefault(j => j.Schedule.Name == name))
            {
                case Jobs.IQueueJob queue:
                    await queue.RunAsync(ct);
                    return Results.NoContent();
                case Jobs.IScheduledJob scheduled:
                    await using (var lease = await leases.TryAcquireAsync(name, Guid.Empty, scheduled.Schedule.Lease, ct))
                    {
                        if (lease is null) return Results.Conflict();
                        await scheduled.RunAsync(lease, ct);
                    }
                    return Results.NoContent();
                default:
                    return Results.NotFound();
            }
        });
        return testing;
    }

    public sealed record AdvanceClock(int AdvanceMinutes);
}
