using System.Text.Json;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Keqing.Infrastructure.Data;

/// <summary>
/// The last line against control characters (issue 13 item 22): whatever path a text takes to the database (a Blazor form
/// calling a use case, a job), a C0 control other than tab and line breaks is refused the same way on both providers,
/// as a field error naming the property, before PostgreSQL would fail the whole save with 22021.
/// </summary>
public sealed class ControlCharacterGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null) return;
        var errors = new FieldErrors();
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            foreach (var property in entry.Properties.Where(p => entry.State == EntityState.Added || p.IsModified))
            {
                var refused = property.CurrentValue switch
                {
                    string text => ControlCharacters.FirstIn(text),
                    IEnumerable<string?> texts => texts.Select(ControlCharacters.FirstIn).FirstOrDefault(c => c is not null),
                    _ => null,
                };
                if (refused is { } c)
                    errors.Add(JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name),
                        FieldErrors.Text("Contains the control character {0}; only tab and line breaks are allowed.", ControlCharacters.Name(c)));
            }
        }
        errors.ThrowIfAny();
    }
}
