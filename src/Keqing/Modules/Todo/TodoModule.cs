using Keqing.Infrastructure.Modules;

namespace Keqing.Modules.Todo;

/// <summary>
/// The to-do centre (待办, DOMAIN C8): one page and one API call with everything waiting for the signed-in user. It owns
/// no data: each module contributes a section through <see cref="Contracts.ITodoSource"/>.
/// </summary>
public sealed class TodoModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("todo")
    {
        Texts = typeof(Resources.TodoResource),
        Menu =
        [
            new("todo", "/todo", "To-do", MudBlazor.Icons.Material.Filled.Checklist, Order: 38),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Features.GetTodo>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.TodoApi.Map(api);
}
