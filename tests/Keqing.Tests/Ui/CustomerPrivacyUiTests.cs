using System.Text.Json;
using Bunit;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Customers.Pages;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Ui;

/// <summary>
/// bUnit tests of masking on the customer detail page (DOMAIN P1), against the real handlers as the first admin, whose
/// role reveals (but does not see) health and family: the page shows *** with a Reveal button, and a reveal with a
/// reason shows the value.
/// </summary>
public sealed class CustomerPrivacyUiTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private async Task<(CustomerDto Customer, string HealthKey, string Health, string Family)> Seed()
    {
        var key = "health" + Guid.NewGuid().ToString("N")[..8];
        var tag = Guid.NewGuid().ToString("N")[..6];
        await Service<CustomFields>()
            .Create(new CustomFields.Request(key, "健康", CustomFieldType.Text, null, Sensitivity: Sensitivity.Health), default);
        var customer = await Service<SaveCustomer>().Create(new CustomerInput(CustomerKind.Person, "病人" + tag,
            Phones: ["13812345678"], CustomFields: new Dictionary<string, JsonElement> { [key] = JsonSerializer.SerializeToElement($"高血压{tag}") }), duplicatesConfirmed: true, default);
        await Service<Contacts>().Create(customer.Id, new ContactInput("家属" + tag, Family: $"女儿在读{tag}"), default);
        return (customer, key, $"高血压{tag}", $"女儿在读{tag}");
    }

    [Fact]
    public async Task A_masked_field_shows_stars_and_a_reveal_button_and_a_reveal_with_a_reason_shows_it()
    {
        var (customer, key, health, family) = await Seed();
        var page = Render<CustomerDetail>(p => p.Add(d => d.Id, customer.Id));
        page.WaitForAssertion(() => page.Find($".cf-view-{key}").TextContent.Should().Contain(Masked.Text));
        page.Markup.Should().NotContain(health).And.NotContain(family);
        page.Find($".cf-view-{key} .reveal-customFields-{key}").Should().NotBeNull();
        page.Find(".customer-phones-view").TextContent.Should().Contain("13812345678", "an admin sees contact details");
        page.FindAll(".customer-phones-view .reveal-button").Should().BeEmpty();
        page.Find(".contact-family-view").TextContent.Should().Contain(Masked.Text);
        page.Find(".reveal-contact-family").Should().NotBeNull();

        page.Find($".reveal-customFields-{key}").Click();
        page.WaitForElement(".reveal-confirm").Click(); // the reveal panel renders after the click's handler has run
        page.WaitForAssertion(() => page.Find(".reveal-reason").TextContent.Should().NotBeEmpty("a reveal without a reason is refused"));
        page.Markup.Should().NotContain(health);
        page.Find(".reveal-reason input").Input("客户来电要求核对病史");
        page.Find(".reveal-confirm").Click();
        page.WaitForAssertion(() => page.Find($".cf-view-{key}").TextContent.Should().Contain(health));
        page.Markup.Should().NotContain(family, "the reveal was for health on the customer only");
    }

    [Fact]
    public async Task Consents_of_a_customer_and_of_a_contact_are_recorded_and_withdrawn_on_the_page()
    {
        var (customer, _, _, _) = await Seed();
        var page = Render<CustomerDetail>(p => p.Add(d => d.Id, customer.Id));
        page.WaitForAssertion(() => page.Find(".customer-consents .add-consent"));
        page.Find(".customer-consents .consent-source input").Change("门店登记表");
        page.Find(".customer-consents .add-consent").Click();
        page.WaitForAssertion(() => page.Find(".customer-consents .consent-row").TextContent.Should().Contain("门店登记表"));
        page.Find(".customer-consents .withdraw-consent").Click();
        page.WaitForAssertion(() => page.FindAll(".customer-consents .withdraw-consent").Should().BeEmpty());

        page.Find(".contact-consents-toggle").Click();
        page.WaitForAssertion(() => page.Find(".contact-row .add-consent").Click());
        page.WaitForAssertion(() => page.FindAll(".contact-row .consent-row").Should().ContainSingle());
        var consents = await Service<IConsents>()
            .List(new DataSubject(SubjectType.Customer, customer.Id), default);
        consents.Should().ContainSingle().Which.WithdrawnAt.Should().NotBeNull();
    }
}
