using Bunit;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Features;
using Keqing.Modules.Leads.Pages;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Ui;

/// <summary>bUnit tests of the log-a-contact form on a lead, on the real handlers (SQLite).</summary>
public sealed class LogContactFormTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private Task<LeadDto> NewLead() => Run<SaveLead, LeadDto>(h => h.Create(new LeadInput(ApiHelpers.Unique("孙丽"), "嘉禾商贸", null, null, null,
        null, null, null, CompanySize.Unknown, null, LeadSource.Manual, null, LegalBasis.None, null), default));

    [Fact]
    public async Task Logging_a_call_stops_the_clock_and_tells_the_page()
    {
        var lead = await NewLead();
        var logged = 0;
        var form = Render<LogContactForm>(p => p.Add(x => x.LeadId, lead.Id).Add(x => x.Logged, () => logged++));
        form.Find(".log-contact-text textarea").Change("客户说下周可以来看样机");
        await form.Find(".log-contact-save").ClickAsync(new());
        form.WaitForAssertion(() => logged.Should().Be(1));

        var after = await Run<GetLead, LeadDto>(h => h.Handle(lead.Id, default));
        after.Status.Should().Be(LeadStatus.Contacted);
        after.FirstRespondedAt.Should().NotBeNull();
        var history = await Run<LeadActivities, IReadOnlyList<LeadActivityDto>>(h => h.List(lead.Id, default));
        // The text is private data: an admin's default grant reveals it rather than seeing it, so only the kind is read here.
        history.Should().Contain(a => a.Kind == LeadActivityKind.Call);
    }

    [Fact]
    public async Task A_note_without_text_is_refused_in_the_form_and_stops_nothing()
    {
        var lead = await NewLead();
        var form = Render<LogContactForm>(p => p.Add(x => x.LeadId, lead.Id));
        // The chips are in the order of LogContactForm.Kinds; the last is the note.
        var chips = form.FindAll(".log-contact-kind .mud-chip");
        await chips[^1].ClickAsync(new());
        await form.Find(".log-contact-save").ClickAsync(new());
        form.WaitForAssertion(() => form.Markup.Should().ContainAny("备注需要填写内容", "A note needs a text."));
        (await Run<GetLead, LeadDto>(h => h.Handle(lead.Id, default))).FirstRespondedAt.Should().BeNull();
    }
}
