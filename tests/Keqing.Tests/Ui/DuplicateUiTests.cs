using Bunit;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Customers.Pages;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Ui;

/// <summary>bUnit tests of the possible-duplicates panel on the customer form and of the merge page, on the real handlers (SQLite, as the admin).</summary>
public sealed class DuplicateUiTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private static string Word() => new(Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)).ToArray());

    [Fact]
    public async Task The_form_warns_of_a_likely_duplicate_as_the_name_is_entered()
    {
        var w = Word();
        var existing = await Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Organization, $"南京{w}科技有限公司", City: "南京"), duplicatesConfirmed: true, default));

        var form = Render<CustomerForm>();
        form.WaitForElement(".save-customer");
        form.FindAll(".duplicate-panel").Should().BeEmpty();
        form.Find(".customer-name input").Change($"{w}科技(南京)有限公司");
        form.WaitForAssertion(() => form.Find(".duplicate-panel").TextContent.Should().Contain(existing.Name));
        form.Find(".duplicate-link").GetAttribute("href").Should().Be($"/customers/{existing.Id}");
        form.FindAll(".duplicate-merge").Should().BeEmpty(); // nothing to merge until the new customer is saved
    }

    [Fact]
    public async Task An_exact_duplicate_is_saved_only_after_ticking_create_anyway()
    {
        var w = Word();
        var existing = await Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Organization, $"{w}机械有限公司", City: "佛山"), duplicatesConfirmed: false, default));
        var form = Render<CustomerForm>();
        form.WaitForElement(".save-customer");
        form.Find(".customer-name input").Change(existing.Name);
        form.Find(".customer-city input").Change("佛山");
        form.WaitForAssertion(() => form.Find(".duplicate-score").TextContent.Should().Contain("100"));
        form.FindAll(".duplicate-reason").Select(e => e.TextContent.Trim()).Should().Equal("Same name", "Same city");

        form.Find(".save-customer").Click();
        form.WaitForAssertion(() => form.Find(".confirm-not-duplicate"));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.Uri.Should().NotContain(existing.Id.ToString());
        (await Run<ListCustomers, Keqing.Infrastructure.Http.Page<CustomerDto>>(h => h.Handle(new CustomerQuery(existing.Name), 10, null, default)))
            .Items.Should().ContainSingle("nothing was saved without the confirmation");

        form.Find(".confirm-not-duplicate input").Change(true);
        form.Find(".save-customer").Click();
        form.WaitForAssertion(() => navigation.Uri.Should().MatchRegex("/customers/[0-9a-f-]{36}$"));
        (await Run<ListCustomers, Keqing.Infrastructure.Http.Page<CustomerDto>>(h => h.Handle(new CustomerQuery(existing.Name), 10, null, default)))
            .Items.Should().HaveCount(2);
    }

    [Fact]
    public void Reason_chips_speak_words_not_scores()
    {
        var match = new DuplicateMatch(Guid.NewGuid(), "华南精密", "佛山", Guid.NewGuid(), 0.97,
            [new("similarName", "Similar name 0.92 in 佛山"), new("samePhone", "Same phone"), new("sameCreditCode", "Same credit code 91350100M000100Y43")]);
        var panel = Render<DuplicatePanel>(p => p.Add(x => x.Matches, [match]));
        panel.FindAll(".duplicate-reason").Select(e => e.TextContent.Trim()).Should().Equal("Similar name", "Same city", "Same phone", "Same credit code");
    }

    [Fact]
    public async Task The_merge_page_takes_the_chosen_values_and_merges_into_the_survivor()
    {
        var w = Word();
        var keep = await Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Organization, $"上海{w}贸易有限公司",
            City: "上海", Grade: CustomerGrade.C, Phones: ["021-6666 0001"]), duplicatesConfirmed: true, default));
        var fold = await Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Organization, $"{w}贸易(上海)有限公司",
            Grade: CustomerGrade.A, Phones: ["13700000002"], Industry: "批发"), duplicatesConfirmed: true, default));

        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/customers/merge?ids={keep.Id},{fold.Id}");
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<MergePage>();
        page.WaitForElement(".merge-confirm");
        page.FindAll(".merge-field-city").Should().ContainSingle(); // a field only one has is offered, preset to that value
        page.FindAll(".merge-field-kind").Should().BeEmpty();      // equal values are not offered
        page.Find(".merge-field-name .choice-1 input").Click();
        page.Find(".merge-field-grade .choice-1 input").Click();
        page.Find(".merge-confirm").Click();
        // Nothing is merged before the user confirms, with the names in words.
        var question = dialogs.WaitForElement(".mud-message-box");
        question.TextContent.Should().Contain(fold.Name).And.Contain(keep.Name);
        (await Run<GetCustomer, CustomerDto>(h => h.Handle(fold.Id, default))).MergedIntoId.Should().BeNull();
        dialogs.Find(".mud-message-box__yes-button").Click();

        page.WaitForAssertion(() => navigation.Uri.Should().EndWith($"/customers/{keep.Id}"));
        var survivor = await Run<GetCustomer, CustomerDto>(h => h.Handle(keep.Id, default));
        survivor.Name.Should().Be(fold.Name);
        survivor.Grade.Should().Be(CustomerGrade.A);
        survivor.City.Should().Be("上海");
        survivor.Industry.Should().Be("批发");
        survivor.Phones.Should().BeEquivalentTo(["021-6666 0001", "13700000002"]);
        (await Run<GetCustomer, CustomerDto>(h => h.Handle(fold.Id, default))).MergedIntoId.Should().Be(keep.Id);

        // The survivor's change log reads in words: labels and names, no ids, and nothing says the survivor was archived.
        var detail = Render<CustomerDetail>(p => p.Add(d => d.Id, keep.Id));
        detail.WaitForAssertion(() => detail.Find(".customer-audit").TextContent.Should().Contain("Merged"));
        var log = detail.Find(".customer-audit").TextContent;
        log.Should().NotContain(keep.Id.ToString()).And.NotContain(fold.Id.ToString()).And.NotContain("kept (");
        log.Should().Contain("Value of Customer name").And.Contain("taken from " + fold.Name);
        log.Should().Contain("on " + fold.Name + ", since merged into this customer");
        detail.FindAll(".audit-field").Select(f => f.TextContent).Should().NotContain(["Archived at", "Merged into"]);
    }

    [Fact]
    public async Task An_admin_scans_from_the_queue_and_sees_what_the_last_scan_did()
    {
        var w = Word();
        var phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";
        var a = await Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Organization, $"杭州{w}电子有限公司", Phones: [phone]), duplicatesConfirmed: true, default));
        var b = await Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Organization, $"{w}电子(杭州)有限公司", Phones: [phone]), duplicatesConfirmed: true, default));

        var page = Render<DuplicateQueuePage>();
        page.WaitForElement(".duplicate-scan").Click();
        page.WaitForAssertion(() => page.Find(".duplicate-scan-result").TextContent.Should().Contain("Last scan").And.Contain("Scanned"), TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => page.FindAll(".duplicate-pair-merge").Select(m => m.GetAttribute("href"))
            .Should().Contain(href => href!.Contains(a.Id.ToString()) && href.Contains(b.Id.ToString())));

        // Coming back later, the page still shows the last scan's figures.
        var again = Render<DuplicateQueuePage>();
        again.WaitForAssertion(() => again.Find(".duplicate-scan-result").TextContent.Should().Contain("Last scan"));
    }
}
