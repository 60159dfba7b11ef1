using Keqing.Infrastructure.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Portal.Contracts;
using Keqing.Modules.Portal.Features;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Keqing.Modules.Portal;

/// <summary>
/// The customer portal (DOMAIN V7): a customer's contact signs in by a one-time link mailed to their address, under a
/// cookie scheme of its own, and sees their organisation's cases (public conversation only), replies, opens cases,
/// reads published articles and manages their communication preferences. Pages under <c>/portal</c>, API under <c>/api/portal</c>.
/// </summary>
public sealed class PortalModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("portal")
    {
        Texts = typeof(Resources.PortalResource),
        RecordTypes = [typeof(Domain.PortalSettings)],
        Capabilities =
        [
            new(PortalCapabilities.ManageSettings, "Choose whether portal contacts see only their own cases or all of their organisation's", [Roles.Admin]),
        ],
        Menu =
        [
            new("portal-settings", "/admin/portal", "Customer portal", MudBlazor.Icons.Material.Filled.Storefront, PortalCapabilities.ManageSettings,
                MenuSection.Administration, 62),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PortalOptions>(configuration.GetSection("Keqing:Portal"));
        var sessionHours = configuration.GetSection("Keqing:Portal").Get<PortalOptions>()?.SessionHours ?? new PortalOptions().SessionHours;
        services.AddAuthentication().AddCookie(PortalAuth.Scheme, o =>
        {
            o.Cookie.Name = PortalAuth.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = PortalAuth.LoginPath;
            o.AccessDeniedPath = PortalAuth.LoginPath;
            o.ExpireTimeSpan = TimeSpan.FromHours(sessionHours);
            o.SlidingExpiration = true;
            // The API answers 401; pages go to the portal's sign-in.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
        });
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(PortalAuth.Policy, p => p
            .AddAuthenticationSchemes(PortalAuth.Scheme).RequireAuthenticatedUser().RequireClaim(PortalAuth.ContactClaim)));
        services.AddScoped<PortalSettingsStore>();
        services.AddScoped<PortalSession>();
        services.AddScoped<SignInLinks>();
        services.AddScoped<PortalPreferences>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.PortalApi.Map(api);

    public void MapPublicPages(IEndpointRouteBuilder app) => Pages.PortalPages.Map(app);

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
