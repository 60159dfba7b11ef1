using CsCheck;
using Keqing.Modules.Mailbox.Domain;
using MimeKit;

namespace Keqing.Tests.Mailbox;

/// <summary>The loop and auto-reply rules on their own (pure): what a machine sent is held, what a person wrote is not.</summary>
public sealed class LoopGuardTests
{
    private const string Own = "service@keqing.example";

    private static MimeMessage From(string from, params (string Name, string Value)[] headers) =>
        Mail.Message(from, Own, "主题", more: m => { foreach (var (name, value) in headers) m.Headers.Add(name, value); });

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied", HeldReasons.AutoSubmitted)]
    [InlineData("Auto-Submitted", "auto-generated; owner-email=x@y.example", HeldReasons.AutoSubmitted)]
    [InlineData("X-Autoreply", "yes", HeldReasons.AutoReply)]
    [InlineData("X-Autorespond", "1", HeldReasons.AutoReply)]
    [InlineData("Precedence", "bulk", HeldReasons.Bulk)]
    [InlineData("Precedence", "junk", HeldReasons.Bulk)]
    [InlineData("Precedence", "list", HeldReasons.MailingList)]
    [InlineData("List-Id", "<x.lists.example>", HeldReasons.MailingList)]
    [InlineData("List-Unsubscribe", "<mailto:u@lists.example>", HeldReasons.MailingList)]
    [InlineData("Return-Path", "<>", HeldReasons.Bounce)]
    public void A_machine_s_header_holds_the_message(string header, string value, string reason) =>
        LoopGuard.HeldReason(From("customer@example.com", (header, value)), Own).Should().Be(reason);

    [Theory]
    [InlineData("MAILER-DAEMON@mx.example.com", HeldReasons.Bounce)]
    [InlineData("postmaster@example.com", HeldReasons.Bounce)]
    [InlineData("Service@Keqing.example", HeldReasons.OwnAddress)]
    public void A_daemon_or_the_mailbox_itself_as_sender_holds_the_message(string from, string reason) =>
        LoopGuard.HeldReason(From(from), Own).Should().Be(reason);

    [Fact]
    public void A_delivery_report_is_a_bounce_whoever_sent_it()
    {
        var message = From("robot@example.com");
        message.Body = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "failed" } };
        LoopGuard.HeldReason(message, Own).Should().Be(HeldReasons.Bounce);
    }

    [Fact]
    public void A_person_s_message_passes_also_with_Auto_Submitted_no() =>
        Gen.Select(Gen.Int[0, 2], Gen.Char['a', 'z'].Array[1, 20].Select(c => new string(c))).Sample((kind, local) =>
        {
            (string, string)[] headers = kind switch { 0 => [], 1 => [("Auto-Submitted", "no")], _ => [("Precedence", "normal")] };
            var expected = local is "postmaster" ? HeldReasons.Bounce : null;
            LoopGuard.HeldReason(From($"{local}@customer.example", headers), Own).Should().Be(expected);
        });
}
