namespace Keqing.Infrastructure.Modules;

/// <summary>
/// A business area of Keqing, described once: what it is (<see cref="Manifest"/>), the services it adds and the
/// endpoints it maps. Adding a module is one line in <c>KeqingModules.All</c> (docs/architecture.md).
/// </summary>
public interface IKeqingModule
{
    ModuleManifest Manifest { get; }

    /// <summary>The module's own services (use cases, options, HTTP clients); the manifest's parts are added by the platform.</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>The module's endpoints under <c>/api</c> (signed-in callers only unless an endpoint says otherwise).</summary>
    void MapEndpoints(RouteGroupBuilder api);

    /// <summary>
    /// The module's public pages outside <c>/api</c>, served without the Blazor app (a web form's hosted page); anonymous
    /// unless a page asks for more. Most modules have none.
    /// </summary>
    void MapPublicPages(IEndpointRouteBuilder app) { }
}
