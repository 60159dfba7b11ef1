using Keqing.Modules.Identity.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Keqing.Infrastructure.Web;

/// <summary>First-start data (roles, the first admin), the demo company, and the welcome lines with URL and login.</summary>
public static class StartupSeeding
{
    private static string? generatedAdminPassword;

    public static async Task Run(WebApplication app, bool seedDemo)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<IdentitySeeder>();
        generatedAdminPassword = await identity.EnsureRolesAndAdmin(app.Lifetime.ApplicationStopping);
        if (!seedDemo) return;
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
            await seeder.Seed(app.Lifetime.ApplicationStopping);
    }

    public static void PrintWelcome(WebApplication app, bool seedDemo)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var url = addresses?.FirstOrDefault() ?? "(no address)";
        Console.WriteLine();
        Console.WriteLine($"  Keqing CRM is running at {url}");
        Console.WriteLine($"  API reference: {url}/api-reference   OpenAPI: {url}/openapi/v1.json");
        if (generatedAdminPassword is not null)
            Console.WriteLine($"  Sign in as {IdentitySeeder.AdminEmail} with password {generatedAdminPassword}  (shown once: note it down)");
        else
            Console.WriteLine($"  Sign in as {IdentitySeeder.AdminEmail} (password from KEQING_ADMIN_PASSWORD or printed on first start)");
        if (seedDemo)
            Console.WriteLine($"  Demo users (password {IdentitySeeder.DemoPassword}): rep1@keqing.local, manager.east@keqing.local, agent@keqing.local, marketer@keqing.local …");
        Console.WriteLine();
    }
}
