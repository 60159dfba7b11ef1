using System.Globalization;
using System.Text.Json.Serialization;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Keqing.Infrastructure.Web;

/// <summary>The cross-cutting parts of the host: database, JSON, problems, localization, health, OpenAPI.</summary>
public static class KeqingHost
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    public static IServiceCollection AddKeqingInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        if (Time.MovableClock.IsOn(configuration))
        {
            services.AddSingleton<Time.MovableClock>();
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<Time.MovableClock>());
        }
        else services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddKeqingDatabase(configuration);
        // Keys in the database, so every node behind a load balancer reads every other node's cookies.
        services.AddDataProtection().SetApplicationName("Keqing").PersistKeysToDbContext<KeqingDb>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<UiOperations>();
        services.AddScoped<Time.UserClock>();
        services.AddScoped<CircuitHandler, CircuitUserHandler>();
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.AddKeqingRateLimits(configuration);

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.MaxDepth = 32;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();

        // No ResourcesPath: a resource is named after its marker type, so each module keeps its resx in its own folder.
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Keqing CRM API";
            doc.Info.Description = "Sign in with POST /api/auth/token, then send Authorization: Bearer <token>.";
            doc.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes["bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http, Scheme = "bearer",
                Description = "The token from POST /api/auth/token.",
            };
            doc.Security ??= [];
            doc.Security.Add(new Microsoft.OpenApi.OpenApiSecurityRequirement
            {
                [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("bearer", doc)] = [],
            });
            return Task.CompletedTask;
        }));
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.CreateSchemaReferenceId = SchemaNames.For);
        return services;
    }

    public static void UseKeqingInfrastructure(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        // A browser opening a page that does not exist is sent to the UI's 404 page; the API (and any other request)
        // keeps problem details.
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Response.StatusCode == StatusCodes.Status404NotFound && IsPageView(http))
            {
                http.Response.Redirect("/not-found");
                return;
            }
            var problems = http.RequestServices.GetService<IProblemDetailsService>();
            if (problems is null || !await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http }))
                await http.Response.WriteAsync($"Status code: {http.Response.StatusCode}");
        });
        app.UseRequestLocalization();
        app.UseQueryWithoutControlCharacters();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapScalarApiReference("/api-reference", o => o.WithTitle("Keqing CRM API"));

        // The language switch: sets the culture cookie and goes back where the user was.
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext http) =>
        {
            var culture = Cultures.Contains(name) ? name : Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = false, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) ? "/" : returnUrl);
        }).ExcludeFromDescription().AllowAnonymous();
    }

    /// <summary>A browser's page request: a GET outside /api without a bearer token.</summary>
    private static bool IsPageView(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api") && http.Request.Headers.Authorization.Count == 0;

    public static CultureInfo DefaultCulture => CultureInfo.GetCultureInfo(Cultures[0]);
}
