using Keqing.Infrastructure.Http;
using Keqing.Modules.Todo.Contracts;
using Keqing.Modules.Todo.Features;

namespace Keqing.Modules.Todo.Api;

/// <summary>The to-do centre's endpoints: everything waiting for the caller, one section paged, and the counts.</summary>
public static class TodoApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var todo = api.MapGroup("/me/todo").WithTags("Todo");
        todo.MapGet("", async Task<IResult> (GetTodo handler, string? section, int? limit, string? after, CancellationToken ct) =>
            {
                if (section is null)
                {
                    if (after is not null) throw new ValidationFailedException("after", FieldErrors.Text("A cursor pages one section: give the section too."));
                    return TypedResults.Ok(await handler.All(limit, ct));
                }
                return TypedResults.Ok(await handler.Section(section, limit, after, ct));
            })
            .Produces<TodoDto>().Produces<TodoSectionDto>()
            .WithSummary("Everything waiting for the caller, a count and the first items per section; ?section= for one section, keyset-paged by ?after=.");
        todo.MapGet("/counts", (GetTodo handler, CancellationToken ct) => handler.Counts(ct))
            .WithSummary("The count of each to-do section the caller may see, and their sum.");
    }
}
