using Bunit;
using Keqing.Components.Layout;
using Keqing.Components.Shared;
using Keqing.Infrastructure.Modules;
using Keqing.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

    /// <summary>The menu as a user with these roles sees it, through the real capability table (not bUnit's fake policies).</summary>
    private IRenderedComponent<NavMenu> RenderMenuFor(string user, params string[] roles)
    {
        AddAuthorization().SetAuthorized(user).SetRoles(roles);
        Services.AddSingleton(new ModuleCatalog(KeqingModules.All()));
        Services.AddAuthorizationCore();
        Services.Replace(ServiceDescriptor.Singleton<IAuthorizationPolicyProvider, CapabilityPolicyProvider>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        return Render<NavMenu>();
    }

    [Fact]
    public void Admin_sees_the_administration_links()
    {
        var nav = RenderMenuFor("admin@keqing.local", "Admin");
        nav.FindAll("a[href='/admin/users']").Should().HaveCount(1);
        nav.FindAll("a[href='/admin/teams']").Should().HaveCount(1);
        nav.FindAll("a[href='/admin/custom-fields']").Should().HaveCount(1);
        nav.FindAll("a[href='/customers']").Should().HaveCount(1);
    }

    [Fact]
    public void A_rep_sees_no_administration_links()
    {
        var nav = RenderMenuFor("rep@keqing.local", "SalesRep");
        nav.FindAll("a[href='/admin/users']").Should().BeEmpty();
        nav.FindAll("a[href='/admin/custom-fields']").Should().BeEmpty();
        nav.FindAll("a[href='/']").Should().NotBeEmpty();
        nav.FindAll("a[href='/customers']").Should().HaveCount(1);
    }

    [Fact]
    public void Everyone_has_my_day_and_managers_the_hand_over()
    {
        var nav = RenderMenuFor("manager@keqing.local", "SalesManager");
        nav.FindAll("a[href='/me/day']").Should().HaveCount(1);
        nav.FindAll("a[href='/admin/handover']").Should().HaveCount(1);
    }

    [Fact]
    public void A_marketer_has_imports_but_neither_hand_over_nor_administration()
    {
        var nav = RenderMenuFor("marketer@keqing.local", "Marketer");
        nav.FindAll("a[href='/imports']").Should().HaveCount(1);
        nav.FindAll("a[href='/admin/handover']").Should().BeEmpty();
        nav.FindAll("a[href='/admin/privacy']").Should().BeEmpty();
        nav.Markup.Should().NotContain("Administration");
    }

    [Fact]
    public void A_rep_has_my_day_but_no_hand_over()
    {
        var nav = RenderMenuFor("rep@keqing.local", "SalesRep");
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
