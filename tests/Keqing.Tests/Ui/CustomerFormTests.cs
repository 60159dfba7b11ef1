using System.Security.Claims;
using Bunit;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Customers.Pages;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Ui;

/// <summary>bUnit tests of the customer form against the real handlers (SQLite test host, as the first admin).</summary>
public sealed class CustomerFormTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    [Fact]
    public void Saving_an_empty_form_shows_the_error_next_to_the_name()
    {
        // Field messages come in the user's language (here the default, Chinese).
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        try
        {
            var form = RenderLoaded();
            form.Find(".save-customer").Click();
            form.WaitForAssertion(() => form.Find(".customer-name").TextContent.Should().Contain("必填。"));
            form.Find(".customer-name .mud-input-error").Should().NotBeNull();
            form.Find(".customer-phones").TextContent.Should().NotContain("必填");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public void Field_messages_are_english_for_an_english_user()
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        try
        {
            var form = RenderLoaded();
            form.Find(".save-customer").Click();
            form.WaitForAssertion(() => form.Find(".customer-name").TextContent.Should().Contain("Required."));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public void A_bad_phone_is_reported_next_to_the_phones()
    {
        var form = RenderLoaded();
        form.Find(".customer-name input").Change("错号测试公司");
        form.Find(".customer-phones input").Change("12");
        form.Find(".save-customer").Click();
        form.WaitForAssertion(() => form.Find(".customer-phones").TextContent.Should().Contain("is not a phone number"));
        form.Find(".customer-name").TextContent.Should().NotContain("Required").And.NotContain("必填");
    }

    [Fact]
    public async Task A_custom_field_defined_by_an_admin_appears_as_an_input_of_its_type()
    {
        var text = await DefineField(CustomFieldType.Text, "开户银行");
        var choice = await DefineField(CustomFieldType.SingleChoice, "客户来源渠道", ["线上", "线下"]);
        var date = await DefineField(CustomFieldType.Date, "签约日期");

        var form = RenderLoaded();
        form.Find($".cf-{text.Key} input").Should().NotBeNull();
        form.Find($".cf-{text.Key}").TextContent.Should().Contain("开户银行");
        form.Find($".cf-{choice.Key}").ClassList.Should().Contain("mud-select");
        form.Find($".cf-{date.Key}").TextContent.Should().Contain("签约日期");
    }

    [Fact]
    public async Task Saving_a_valid_form_creates_the_customer_with_its_lists_and_custom_fields()
    {
        var revenue = await DefineField(CustomFieldType.Number, "年营业额");
        var name = $"钟山{Guid.NewGuid():N}"[..12] + "贸易有限公司";

        var form = RenderLoaded();
        form.Find(".customer-name input").Change(name);
        form.Find(".customer-city input").Change("南京");
        form.Find(".customer-phones input").Change("025-8888 1234，138 0013 8000");
        form.Find(".customer-tags input").Change("经销商, bUnit");
        form.Find($".cf-{revenue.Key} input").Change("1200000");
        form.Find(".customer-external-id input").Change("ERP-0042");
        form.Find(".save-customer").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        form.WaitForAssertion(() => navigation.Uri.Should().MatchRegex("/customers/[0-9a-f-]{36}$"));
        var created = (await List(new CustomerQuery(Q: name))).Should().ContainSingle().Subject;
        navigation.Uri.Should().EndWith($"/customers/{created.Id}");
        created.Kind.Should().Be(CustomerKind.Organization);
        created.City.Should().Be("南京");
        created.Phones.Should().Equal("025-8888 1234", "138 0013 8000");
        created.Tags.Should().Equal("经销商", "bUnit");
        created.CustomFields[revenue.Key].GetDecimal().Should().Be(1_200_000m);
        created.ExternalId.Should().Be("ERP-0042");
        created.OwnerId.Should().Be(Guid.Parse(Admin.FindFirstValue(ClaimTypes.NameIdentifier)!));
    }

    [Fact]
    public async Task Editing_loads_the_customer_and_saves_the_change_under_its_version()
    {
        var name = $"编辑测试{Guid.NewGuid():N}"[..12];
        var saved = await Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Person, name, City: "杭州", ExternalId: "OLD-7"), duplicatesConfirmed: false, default));

        var form = Render<CustomerForm>(p => p.Add(f => f.Id, saved.Id));
        form.WaitForAssertion(() => form.Find(".customer-city input").GetAttribute("value").Should().Be("杭州"));
        form.Find(".customer-city input").Change("宁波");
        form.Find(".save-customer").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        form.WaitForAssertion(() => navigation.Uri.Should().EndWith($"/customers/{saved.Id}"));
        var updated = await Run<GetCustomer, CustomerDto>(h => h.Handle(saved.Id, default));
        updated.City.Should().Be("宁波");
        updated.Version.Should().Be(saved.Version + 1);
        updated.OwnerId.Should().Be(saved.OwnerId);
        updated.ExternalId.Should().Be("OLD-7", "the form carries the external id it loaded");
    }

    private IRenderedComponent<CustomerForm> RenderLoaded()
    {
        var form = Render<CustomerForm>();
        form.WaitForElement(".save-customer");
        return form;
    }

    private Task<CustomFieldDto> DefineField(CustomFieldType type, string label, IReadOnlyList<string>? options = null) =>
        Run<CustomFields, CustomFieldDto>(h => h.Create(new CustomFields.Request($"f{Guid.NewGuid():N}"[..12], label, type, options), default));

    private async Task<IReadOnlyList<CustomerDto>> List(CustomerQuery query) =>
        (await Run<ListCustomers, Keqing.Infrastructure.Http.Page<CustomerDto>>(h => h.Handle(query, 50, null, default))).Items;


}
