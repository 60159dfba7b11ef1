using System.Net.Http.Json;
using System.Text;

namespace Keqing.E2E;

/// <summary>
/// A second Keqing process for the journeys that move time (an SLA passing 80 %, a customer untouched past its pool
/// rule) and read the mail the app sends: its clock moves through <c>POST /api/testing/clock</c>
/// (<c>Keqing:Testing:MovableClock</c>), its jobs run on demand, and its SMTP server is a sink on loopback. The journeys
/// sharing it are one collection (<see cref="MovableClockJourneys"/>), so they run one after another and never move
/// another journey's clock; each makes its own data and starts from whatever time the one before left.
/// </summary>
public sealed class MovableClockServer : AppServer
{
    public SmtpSink Mail { get; } = new();

    protected override void AddSettings(IDictionary<string, string?> environment)
    {
        environment["Keqing__Testing__MovableClock"] = "true";
        // The scheduled jobs run only when a journey asks (RunJob): left to their minute's interval, every one of them
        // would wake after a jump of weeks and work through the demo data's backlog beside the journey's own steps.
        environment["Keqing__Jobs__Enabled"] = "false";
        environment["Keqing__Smtp__Host"] = "127.0.0.1";
        environment["Keqing__Smtp__Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Keqing__Notifications__PublicUrl"] = BaseUrl;
        environment["Keqing__Outbox__PollSeconds"] = "1";
    }

    /// <summary>Moves the app's clock forward (as the admin) and returns the app's new time.</summary>
    public async Task<DateTimeOffset> AdvanceClock(TimeSpan by)
    {
        using var api = await AdminClient();
        var response = await api.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = (int)Math.Ceiling(by.TotalMinutes) });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClockMoved>())!.Now;
    }

    /// <summary>Runs a background job (by its schedule name, e.g. <c>sla.scan</c>) once now, as the admin.</summary>
    public async Task RunJob(string name)
    {
        using var api = await AdminClient();
        var response = await api.PostAsync($"/api/testing/jobs/{name}", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Waits until the sink has a mail to <paramref name="to"/> whose text contains <paramref name="containing"/>.</summary>
    public async Task<MimeKit.MimeMessage> WaitForMail(string to, string containing, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            foreach (var mail in Mail.Messages.Where(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase)))
            {
                var message = mail.Parse();
                if ((message.TextBody ?? "").Contains(containing, StringComparison.Ordinal) || (message.HtmlBody ?? "").Contains(containing, StringComparison.Ordinal))
                    return message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"No mail to {to} containing \"{containing}\" within the time; the sink has {Mail.Messages.Count}.");
    }

    private async Task<HttpClient> AdminClient()
    {
        var api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var token = await (await api.PostAsJsonAsync("/api/auth/token", new { email = "admin@keqing.local", password = AdminPassword }))
            .Content.ReadFromJsonAsync<IssuedToken>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token!.Token);
        return api;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
    }

    private sealed record ClockMoved(DateTimeOffset Now);
    private sealed record IssuedToken(string Token);
}

/// <summary>The journeys that move the clock: one after another, on their own <see cref="MovableClockServer"/>.</summary>
[CollectionDefinition(nameof(MovableClockJourneys))]
public sealed class MovableClockJourneys : ICollectionFixture<MovableClockServer>;
