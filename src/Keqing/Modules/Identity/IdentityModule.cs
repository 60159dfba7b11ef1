using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Modules;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Keqing.Modules.Identity.Features;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Identity;

/// <summary>Users, roles, teams, sign-in (cookie for the UI, bearer token for the API) and record access.</summary>
public sealed class IdentityModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("identity")
    {
        Texts = typeof(Resources.IdentityResource),
        RecordTypes = [typeof(User), typeof(Team), typeof(RecordShare)],
        Capabilities =
        [
            new(IdentityCapabilities.ManageUsers, "Create, change and deactivate users and teams; see and revoke anyone's API tokens", [Roles.Admin]),
        ],
        Menu =
        [
            new("my-account", "/me/account", "My account", MudBlazor.Icons.Material.Filled.Key, Order: 50),
            new("users", "/admin/users", "Users", MudBlazor.Icons.Material.Filled.People, IdentityCapabilities.ManageUsers, MenuSection.Administration, 10),
            new("teams", "/admin/teams", "Teams", MudBlazor.Icons.Material.Filled.Groups, IdentityCapabilities.ManageUsers, MenuSection.Administration, 20),
        ],
        DemoSeeder = typeof(IdentitySeeder),
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<User, Role>(o =>
            {
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<KeqingDb>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddClaimsPrincipalFactory<KeqingClaimsFactory>();
        // Length and lockout come from Keqing:Security, so an operator can tighten them and tests can reach them fast.
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.Password.RequiredLength = security.Value.PasswordMinLength;
            o.Lockout.MaxFailedAccessAttempts = security.Value.MaxFailedSignIns;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.Value.LockoutMinutes);
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PolicyScheme;
                o.DefaultAuthenticateScheme = PolicyScheme;
                o.DefaultChallengeScheme = PolicyScheme;
                o.DefaultForbidScheme = PolicyScheme;
            })
            .AddPolicyScheme(PolicyScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthenticationHandler.Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.Scheme, null);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "keqing.auth";
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/no-access";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // The API answers 401/403; only pages redirect to the login form.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, 401);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, 403);
        });
        // A deactivated user's or a reset password's cookie stops working within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<Features.RecordAccess>();
        services.AddScoped<IRecordAccess>(sp => sp.GetRequiredService<Features.RecordAccess>());
        services.AddScoped<ICollaborators, Collaborators>();
        services.AddScoped<IUserDirectory, Features.UserDirectory>();
        services.AddScoped<IssueToken>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<ListUsers>();
        services.AddScoped<CreateUser>();
        services.AddScoped<UpdateUser>();
        services.AddScoped<DeactivateUser>();
        services.AddScoped<ResetPassword>();
        services.AddScoped<ChangeOwnPassword>();
        services.AddScoped<ManageTeams>();
        services.AddScoped<IdentitySeeder>();
        services.AddScoped<IFirstStartSeeder>(sp => sp.GetRequiredService<IdentitySeeder>());
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        Api.IdentityApi.Map(api);
        Api.CollaboratorsApi.Map(api);
    }

    private const string PolicyScheme = "Keqing";

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
