using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Keqing.Infrastructure.Web;

/// <summary>First-start data (roles, the first admin), the demo company, and the welcome lines with URL and login.</summary>
public static class StartupSeeding
{
    private static SignInHint? signIn;

    public static async Task Run(WebApplication app, bool seedDemo)
    {
        await using var scope = app.Services.CreateAsyncScope();
        signIn = await scope.ServiceProvider.GetRequiredService<IFirstStartSeeder>().EnsureFirstStartData(app.Lifetime.ApplicationStopping);
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
        if (signIn?.GeneratedAdminPassword is { } password)
            Console.WriteLine($"  Sign in as {signIn.AdminEmail} with password {password}  (shown once: note it down)");
        else if (signIn is not null)
            Console.WriteLine($"  Sign in as {signIn.AdminEmail} (password from KEQING_ADMIN_PASSWORD or printed on first start)");
        if (seedDemo && signIn is not null)
            Console.WriteLine($"  Demo users (password {signIn.DemoPassword}): rep1@keqing.local, rep2@, rep3@, manager.east@, manager.south@, service.manager@, agent@, marketer@, analyst@keqing.local");
        Console.WriteLine();
    }
}
