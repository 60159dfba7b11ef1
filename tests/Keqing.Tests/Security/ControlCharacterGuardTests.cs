using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Security;

/// <summary>
/// Issue 13 item 22 beyond the API: a text with U+0000 that reaches a save by another path (a Blazor form calls the use
/// case directly) is a field error on both providers, not PostgreSQL's 22021; tab and line breaks pass.
/// </summary>
public abstract class ControlCharacterGuardTests(KeqingApp app)
{
    [Fact]
    public async Task A_save_with_a_nul_in_a_text_or_a_list_is_a_field_error_and_writes_nothing()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var unique = ApiHelpers.Unique("控制");
        var name = unique + "\u0000字符";
        db.Add(new Customer { Kind = CustomerKind.Organization, Name = name, Phones = ["021-5888\u00018888"], CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });

        var refused = await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<ValidationFailedException>();
        refused.Which.Errors.Keys.Should().BeEquivalentTo(["name", "phones"]);
        refused.Which.Errors["name"].Single().Should().Contain("U+0000");

        await using var check = app.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<KeqingDb>().Set<Customer>().AnyAsync(c => c.Name.StartsWith(unique))).Should().BeFalse();
    }

    [Fact]
    public async Task Tabs_and_line_breaks_are_kept()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var name = ApiHelpers.Unique("换行") + "\t公司\r\n";
        db.Add(new Customer { Kind = CustomerKind.Organization, Name = name, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        (await db.Set<Customer>().AsNoTracking().AnyAsync(c => c.Name == name)).Should().BeTrue();
    }
}

public sealed class ControlCharacterGuardTestsOnSqlite(SqliteApp app) : ControlCharacterGuardTests(app), IClassFixture<SqliteApp>;
public sealed class ControlCharacterGuardTestsOnPostgres(PostgresApp app) : ControlCharacterGuardTests(app), IClassFixture<PostgresApp>;
