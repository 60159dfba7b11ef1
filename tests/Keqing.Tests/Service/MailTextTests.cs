using CsCheck;
using Keqing.Modules.Service.Domain;

namespace Keqing.Tests.Service;

/// <summary>The text rules of cases by email: the new text without the quoted thread, subjects, the case token.</summary>
public sealed class MailTextTests
{
    [Theory]
    [InlineData("还是黑屏。\n\n在 2026年11月24日 10:05，客服 写道：\n> 请检查电源。", "还是黑屏。")]
    [InlineData("Still broken.\n\nOn Tue, Nov 24, 2026 at 10:05 AM Service <s@x.cn> wrote:\n> Check the cable.", "Still broken.")]
    [InlineData("好的。\n\n------------------ 原始邮件 ------------------\n发件人: 客服\n主题: 彩超", "好的。")]
    [InlineData("收到\n-----Original Message-----\nFrom: service@x.cn", "收到")]
    [InlineData("谢谢\n\n发件人：客服中心\n发送时间：2026年11月24日", "谢谢")]
    [InlineData("第一行\n> 引用\n第二行", "第一行\n第二行")]
    [InlineData("> 只有引用", "> 只有引用")]
    public void The_new_text_stops_where_the_mail_client_quotes_the_thread(string body, string expected) =>
        MailText.NewText(body, null).Should().Be(expected);

    [Fact]
    public void An_html_only_message_reads_as_text() =>
        MailText.NewText(null, "<div>设备<b>黑屏</b></div><div>请处理 &amp; 回复</div>").Should().Be("设备黑屏\n请处理 & 回复");

    [Theory]
    [InlineData("Re: 回复：彩超无法开机", "彩超无法开机")]
    [InlineData("答复: [CS-2026-000123] 补充照片", "补充照片")]
    [InlineData("FW: Fwd:  报价", "报价")]
    [InlineData("   ", "正文第一行")]
    public void A_case_subject_drops_reply_prefixes_and_the_token(string subject, string expected) =>
        MailText.CaseSubject(subject, "\n正文第一行\n第二行", 200).Should().Be(expected);

    [Fact]
    public void The_token_is_found_in_any_case_and_a_reply_subject_carries_it()
    {
        MailText.TokenIn("Re: [cs-2026-000123] 彩超").Should().Be("CS-2026-000123");
        MailText.TokenIn("CS-2026-000123 without brackets").Should().BeNull();
        MailText.TokenIn(MailText.ReplySubject("CS-2026-000042", "彩超无法开机")).Should().Be("CS-2026-000042");
    }

    [Fact]
    public void A_non_blank_body_never_reads_as_empty_and_a_subject_fits() =>
        Gen.String.Where(s => !string.IsNullOrWhiteSpace(s)).Sample(s =>
        {
            MailText.NewText(s, null).Should().NotBeEmpty();
            MailText.CaseSubject(s, s, 50).Length.Should().BeInRange(1, 50);
        });
}
