using System.Threading.RateLimiting;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Features;
using Keqing.Modules.Mailbox.Jobs;
using Microsoft.AspNetCore.RateLimiting;

namespace Keqing.Modules.Mailbox;

/// <summary>
/// Mail coming into Keqing (issue 16, item 2): mailboxes polled over IMAP and a signed webhook for mail services; each
/// message stored once, auto-replies, bounces, lists and loops held with their reason, and accepted ones handed to the
/// <see cref="IInboundMailHandler"/> contributions (Service opens cases and threads replies there).
/// </summary>
public sealed class MailboxModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("mailbox")
    {
        Texts = typeof(Resources.MailboxResource),
        RecordTypes = [typeof(Domain.InboundMailbox)],
        Capabilities =
        [
            new(MailboxCapabilities.Manage, "Set up inbound mailboxes (IMAP, webhook) and read the mail that came in and was held", [Roles.Admin]),
            new(MailboxCapabilities.Triage, "Sort mail from unknown senders: give the sender a contact or discard it as spam",
                [Roles.Admin, Roles.ServiceManager, Roles.ServiceAgent]),
        ],
        Menu =
        [
            new("mailboxes", "/admin/mailboxes", "Inbound mailboxes", MudBlazor.Icons.Material.Filled.MoveToInbox, MailboxCapabilities.Manage, MenuSection.Administration, 60),
            new("mail-triage", "/mail/triage", "Mail to sort", MudBlazor.Icons.Material.Filled.MarkEmailUnread, MailboxCapabilities.Triage, Order: 29),
        ],
        Jobs = [typeof(MailboxPollJob)],
        Contributions = [ServiceDescriptor.Scoped<Privacy.Contracts.IPersonalDataStep, MailboxPersonalData>()],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MailboxOptions.Section);
        services.Configure<MailboxOptions>(section);
        services.AddSingleton<MailboxSecrets>();
        services.AddSingleton<ImapPoller>();
        services.AddScoped<MailIntake>();
        services.AddScoped<ManageMailboxes>();
        services.AddScoped<ReceiveWebhookMail>();
        services.AddScoped<MailTriage>();
        services.AddScoped<IMailboxDirectory, MailboxDirectory>();

        var postsPerMinute = Math.Max(1, (section.Get<MailboxOptions>() ?? new()).WebhookPostsPerMinute);
        // Per client address AND mailbox: one mail service's burst cannot starve another mailbox's.
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(Api.MailboxApi.WebhookPolicy, http =>
        {
            var key = http.Request.RouteValues["mailboxKey"] as string ?? "";
            var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
            return RateLimitPartition.GetFixedWindowLimiter($"{client}|{(key.Length > 64 ? key[..64] : key)}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = postsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
            });
        }));
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        Api.MailboxApi.Map(api);
        Api.MailTriageApi.Map(api);
    }
}
