using Keqing.Components;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Web;
using Keqing.Infrastructure.Modules;
using Keqing.Modules;
using Keqing.Modules.Identity.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

var seedDemo = args.Contains("--seed-demo");
var migrateOnly = args.Contains("--migrate-only");
var verifyAudit = args.Contains("--verify-audit");
// `keqing import <file> --source … --legal-basis …`: the same import pipeline from the command line, no web server.
var importArgs = args.Length > 0 && args[0] == "import" ? args[1..] : null;
// Keqing's own switches take no value; the configuration reader would pair them with the next argument.
// The content root is the app's own folder, so its appsettings.json is read from any working directory; relative
// paths in settings (the SQLite file keqing.db) stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = importArgs is not null ? [] : args.Where(a => a is not ("--seed-demo" or "--migrate-only" or "--verify-audit")).ToArray(),
    ContentRootPath = AppContext.BaseDirectory,
});
if (importArgs is not null) builder.Configuration["Logging:LogLevel:Default"] = "Warning";
// Serve package assets (MudBlazor, blazor.web.js) from a build folder in any environment; a no-op once published.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddKeqingInfrastructure(builder.Configuration);
builder.Services.AddKeqingModules(builder.Configuration);
// The test host signs in thousands of times: one PBKDF2 round instead of Identity's 100,000, under "Testing" only.
if (builder.Environment.IsEnvironment("Testing")) builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddMudServices();
builder.Services.AddTransient<MudBlazor.MudLocalizer, Keqing.Infrastructure.Web.MudTexts>();

var app = builder.Build();

// The check reads the database as it is: it neither migrates nor seals (that would repair what it should report).
if (verifyAudit)
{
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
    if ((await db.Database.GetPendingMigrationsAsync(app.Lifetime.ApplicationStopping)).Any())
    {
        Console.WriteLine("Keqing: the database has pending migrations; run with --migrate-only first, then verify.");
        Environment.ExitCode = 3;
        return;
    }
    var verification = await AuditVerifier.VerifyAsync(db, app.Lifetime.ApplicationStopping);
    Console.WriteLine(verification.Summary);
    Environment.ExitCode = verification.Intact ? 0 : 3;
    return;
}
await DatabaseMigrator.MigrateAsync(app.Services, app.Lifetime.ApplicationStopping);
if (migrateOnly)
{
    Console.WriteLine("Keqing: migrations applied.");
    return;
}
if (importArgs is not null)
{
    await StartupSeeding.Run(app, seedDemo: false);
    Environment.ExitCode = await Keqing.Modules.Imports.ImportCommand.Run(app.Services, importArgs, Console.Out, app.Lifetime.ApplicationStopping);
    return;
}
await StartupSeeding.Run(app, seedDemo);

app.UseKeqingInfrastructure();
app.MapStaticAssets();
app.UseAuthentication();
app.UseSameOriginApiWrites();
app.UseRateLimiter();
app.UseAuthorization();
app.UseTransientRetry();
app.UseAntiforgery();

var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(InputRules.Filter);
api.MapKeqingModules(app.Services);
if (Keqing.Infrastructure.Time.MovableClock.IsOn(app.Configuration))
    Keqing.Infrastructure.Time.MovableClock.MapEndpoints(api).RequireAuthorization(Keqing.Modules.Identity.Contracts.IdentityCapabilities.ManageUsers);
app.MapKeqingModulePages();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() => StartupSeeding.PrintWelcome(app, seedDemo));
await app.RunAsync();

/// <summary>The web host's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
