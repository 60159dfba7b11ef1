using Bunit;
using Keqing.Components.Layout;
using Keqing.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Keqing.Tests.Ui;

/// <summary>bUnit tests of the application shell: navigation by role and the language switch.</summary>
public sealed class ShellComponentTests : BunitContext
{
    public ShellComponentTests()
    {
        Services.AddMudServices();
        Services.AddLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Admin_sees_the_administration_links()
    {
        AddAuthorization().SetAuthorized("admin@keqing.local").SetRoles("Admin");
        var nav = Render<NavMenu>();
        nav.FindAll("a[href='/admin/users']").Should().HaveCount(1);
        nav.FindAll("a[href='/admin/teams']").Should().HaveCount(1);
        nav.FindAll("a[href='/admin/custom-fields']").Should().HaveCount(1);
        nav.FindAll("a[href='/customers']").Should().HaveCount(1);
    }

    [Fact]
    public void A_rep_sees_no_administration_links()
    {
        AddAuthorization().SetAuthorized("rep@keqing.local").SetRoles("SalesRep");
        var nav = Render<NavMenu>();
        nav.FindAll("a[href='/admin/users']").Should().BeEmpty();
        nav.FindAll("a[href='/admin/custom-fields']").Should().BeEmpty();
        nav.FindAll("a[href='/']").Should().NotBeEmpty();
        nav.FindAll("a[href='/customers']").Should().HaveCount(1);
    }

    [Fact]
    public void Everyone_has_my_day_and_managers_the_hand_over()
    {
        AddAuthorization().SetAuthorized("manager@keqing.local").SetRoles("SalesManager");
        var nav = Render<NavMenu>();
        nav.FindAll("a[href='/me/day']").Should().HaveCount(1);
        nav.FindAll("a[href='/admin/handover']").Should().HaveCount(1);
    }

    [Fact]
    public void A_rep_has_my_day_but_no_hand_over()
    {
        AddAuthorization().SetAuthorized("rep@keqing.local").SetRoles("SalesRep");
        var nav = Render<NavMenu>();
        nav.FindAll("a[href='/me/day']").Should().HaveCount(1);
        nav.FindAll("a[href='/admin/handover']").Should().BeEmpty();
    }

    [Fact]
    public void Language_switch_goes_through_the_culture_endpoint_and_back()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/admin/teams?x=1");
        var languageSwitch = Render<LanguageSwitch>();
        languageSwitch.Find("button.lang-en").Click();
        navigation.Uri.Should().EndWith("/culture/en?returnUrl=%2Fadmin%2Fteams%3Fx%3D1");
    }
}
