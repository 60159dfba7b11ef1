using System.Security.Claims;
using Bunit;
using Keqing.Infrastructure.Auth;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Keqing.Tests.Ui;

/// <summary>
/// A bUnit context on the real handlers of a test host: its container falls back to a scope of the host whose
/// <see cref="CurrentUser"/> is the first admin, so pages and <see cref="UiOperations"/> act as that admin.
/// </summary>
public abstract class AdminUiContext : BunitContext
{
    protected IServiceScope Scope { get; }
    protected ClaimsPrincipal Admin { get; }

    protected AdminUiContext(KeqingApp app)
    {
        Scope = app.Services.CreateScope();
        var adminId = Scope.ServiceProvider.GetRequiredService<IUserDirectory>().Active(default).GetAwaiter().GetResult()
            .Single(u => u.Email == KeqingApp.AdminEmail).Id;
        Admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, adminId.ToString()), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));
        Scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = Admin;

        Services.AddMudServices();
        Services.AddLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized(KeqingApp.AdminEmail).SetRoles(Roles.Admin);
        // The host's own policies, so a page's capability checks ask the real capability table, not bUnit's fake policies.
        Services.Replace(ServiceDescriptor.Singleton(app.Services.GetRequiredService<IAuthorizationPolicyProvider>()));
        Services.Replace(ServiceDescriptor.Singleton(app.Services.GetRequiredService<IAuthorizationService>()));
        Services.AddFallbackServiceProvider(Scope.ServiceProvider);
    }

    protected T Service<T>() where T : notnull => Scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>Calls a handler as the UI does, as the admin.</summary>
    protected Task<TResult> Run<THandler, TResult>(Func<THandler, Task<TResult>> operation) where THandler : notnull =>
        Service<UiOperations>().Run(operation);

    protected override void Dispose(bool disposing)
    {
        if (disposing) Scope.Dispose();
        base.Dispose(disposing);
    }
}
