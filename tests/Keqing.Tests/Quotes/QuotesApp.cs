using System.Collections.Concurrent;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Quotes;

/// <summary>
/// The host with a fake clock and a small fake approval engine (package B builds the real one): a submission whose
/// largest discount is above <see cref="FakeApprovals.DiscountLimit"/> % waits for <see cref="Decide"/>; any other is
/// approved at once, as the engine does when no flow matches.
/// </summary>
public abstract class QuotesApp(PostgresServer postgres, Provider provider) : ClockedKeqingApp(postgres, provider)
{
    internal ConcurrentDictionary<Guid, ApprovalState> Requests { get; } = new();

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddScoped<IApprovals>(sp => new FakeApprovals(this, sp)));

    /// <summary>An approver's decision on a pending request, through the module's outcome handler, saved.</summary>
    public async Task Decide(Guid recordId, ApprovalStatus status)
    {
        await using var scope = Services.CreateAsyncScope();
        await FakeApprovals.Tell(scope.ServiceProvider, Requests, Requests[recordId], status, Guid.NewGuid(), default);
        await scope.ServiceProvider.GetRequiredService<KeqingDb>().SaveChangesAsync();
    }

    /// <summary>A product with its own list price and, optionally, a customer's list with another price for it.</summary>
    public async Task<Guid> Product(decimal listPrice, decimal vat = 13m, Guid? customerId = null, decimal? customerPrice = null,
        string listName = "一级经销商 2026 价格表", bool active = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var now = DateTime.UtcNow;
        var product = new Product
        {
            Sku = ApiHelpers.Unique("SKU"), Name = ApiHelpers.Unique("超声探头"), Unit = "台", ListPrice = Money.Of(listPrice),
            Cost = Money.Round(listPrice / 2), VatRatePercent = vat, Active = active, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(product);
        if (customerId is { } customer && customerPrice is { } price)
        {
            var list = new PriceList { Name = listName, Scope = PriceListScope.Customer, CustomerId = customer, CreatedAt = now, UpdatedAt = now };
            db.AddRange(list, new PriceListItem { PriceListId = list.Id, ProductId = product.Id, MinQuantity = 1, UnitPrice = Money.Of(price) });
        }
        await db.SaveChangesAsync();
        return product.Id;
    }
}

/// <summary>The fake engine.</summary>
internal sealed class FakeApprovals(QuotesApp app, IServiceProvider services) : IApprovals
{
    public const decimal DiscountLimit = 10m;

    public async Task<ApprovalState> Submit(ApprovalSubmission s, CancellationToken ct)
    {
        if (app.Requests.TryGetValue(s.RecordId, out var old) && old.Status == ApprovalStatus.Pending)
            throw new InvalidOperationException("Already pending.");
        var state = new ApprovalState(Guid.NewGuid(), s.RecordType, s.RecordId, ApprovalStatus.Pending, "经理审批", [Guid.NewGuid()], null,
            DateTime.UtcNow, null, s.SubmittedBy);
        app.Requests[s.RecordId] = state;
        if (s.Facts.DiscountPercent <= DiscountLimit)
            state = await Tell(services, app.Requests, state, ApprovalStatus.Approved, s.SubmittedBy, ct);
        await services.GetRequiredService<KeqingDb>().SaveChangesAsync(ct);
        return state;
    }

    public Task<ApprovalDetailDto?> Current(string recordType, Guid recordId, Guid viewerId, CancellationToken ct) =>
        Task.FromResult<ApprovalDetailDto?>(null);

    public Task<ApprovalState?> StateOf(string recordType, Guid recordId, CancellationToken ct) =>
        Task.FromResult(app.Requests.TryGetValue(recordId, out var state) ? state : null);

    public async Task Withdraw(string recordType, Guid recordId, Guid userId, CancellationToken ct)
    {
        if (!app.Requests.TryGetValue(recordId, out var state) || state.Status != ApprovalStatus.Pending) return;
        await Tell(services, app.Requests, state, ApprovalStatus.Withdrawn, userId, ct);
        await services.GetRequiredService<KeqingDb>().SaveChangesAsync(ct);
    }

    public Task<int> PendingCount(Guid userId, CancellationToken ct) =>
        Task.FromResult(app.Requests.Values.Count(r => r.Status == ApprovalStatus.Pending && r.WaitingFor.Contains(userId)));

    internal static async Task<ApprovalState> Tell(IServiceProvider services, ConcurrentDictionary<Guid, ApprovalState> requests, ApprovalState state, ApprovalStatus status, Guid by, CancellationToken ct)
    {
        foreach (var handler in services.GetServices<IApprovalOutcomeHandler>().Where(h => h.RecordType == state.RecordType))
            await handler.Decided(new ApprovalOutcome(state.RequestId, state.RecordType, state.RecordId, status, by, null), ct);
        var decided = state with { Status = status, DecidedAt = DateTime.UtcNow };
        requests[state.RecordId] = decided;
        return decided;
    }
}

public sealed class QuotesSqliteApp(PostgresServer postgres) : QuotesApp(postgres, Provider.Sqlite);

public sealed class QuotesPostgresApp(PostgresServer postgres) : QuotesApp(postgres, Provider.Postgres);
