using Keqing.Infrastructure.Http;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Features;

namespace Keqing.Modules.Products.Api;

/// <summary>Products, the category tree, price groups, price lists and price resolution.</summary>
public static class ProductsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var products = api.MapGroup("/products").WithTags("Products").RequireAuthorization(ProductsCapabilities.Read);
        products.MapGet("", (string? q, Guid? categoryId, bool? active, int? limit, string? after, ListProducts handler, CancellationToken ct) =>
                handler.Handle(q, categoryId, active, limit, after, ct))
            .WithSummary("Products by SKU, keyset-paged; q matches the start of the SKU or part of the Chinese or English name; categoryId includes its subcategories.");
        products.MapGet("/{id:guid}", async (Guid id, SaveProduct handler, HttpResponse response, CancellationToken ct) =>
        {
            var product = await handler.Get(id, ct);
            Preconditions.SetETag(response, product.Version);
            return TypedResults.Ok(product);
        });
        products.MapPost("", async (ProductInput input, SaveProduct handler, HttpResponse response, CancellationToken ct) =>
        {
            var product = await handler.Create(input, ct);
            Preconditions.SetETag(response, product.Version);
            return TypedResults.Created($"/api/products/{product.Id}", product);
        }).RequireAuthorization(ProductsCapabilities.Manage).WithIdempotency()
            .WithSummary("Creates a product; the SKU is unique whatever its case (stored upper-cased).");
        products.MapPut("/{id:guid}", async (Guid id, ProductInput input, SaveProduct handler, HttpContext http, CancellationToken ct) =>
        {
            var product = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, product.Version);
            return TypedResults.Ok(product);
        }).RequireAuthorization(ProductsCapabilities.Manage).WithSummary("Changes the product (If-Match).");
        products.MapDelete("/{id:guid}", async (Guid id, SaveProduct handler, CancellationToken ct) =>
        {
            await handler.Deactivate(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(ProductsCapabilities.Manage).WithSummary("Deactivates the product: no longer offered or priced; quotes and orders keep it.");

        var categories = api.MapGroup("/product-categories").WithTags("Products").RequireAuthorization(ProductsCapabilities.Read);
        categories.MapGet("", (Categories handler, CancellationToken ct) => handler.List(ct))
            .WithSummary("Every category (parentId makes the tree), with its number of products and subcategories.");
        categories.MapPost("", async (CategoryInput input, Categories handler, CancellationToken ct) =>
        {
            var category = await handler.Create(input, ct);
            return TypedResults.Created($"/api/product-categories/{category.Id}", category);
        }).RequireAuthorization(ProductsCapabilities.Manage).WithIdempotency();
        categories.MapPut("/{id:guid}", (Guid id, CategoryInput input, Categories handler, CancellationToken ct) => handler.Update(id, input, ct))
            .RequireAuthorization(ProductsCapabilities.Manage).WithSummary("Renames or moves the category; never under itself or its subcategories.");
        categories.MapDelete("/{id:guid}", async (Guid id, Categories handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(ProductsCapabilities.Manage).WithSummary("Deletes an empty category (no products, no subcategories).");

        var groups = api.MapGroup("/price-groups").WithTags("Products").RequireAuthorization(ProductsCapabilities.Read);
        groups.MapGet("", (PriceGroups handler, CancellationToken ct) => handler.List(ct));
        groups.MapPost("", async (PriceGroupInput input, PriceGroups handler, CancellationToken ct) =>
        {
            var group = await handler.Create(input, ct);
            return TypedResults.Created($"/api/price-groups/{group.Id}", group);
        }).RequireAuthorization(ProductsCapabilities.Manage).WithIdempotency();
        groups.MapPut("/{id:guid}", (Guid id, PriceGroupInput input, PriceGroups handler, CancellationToken ct) => handler.Update(id, input, ct))
            .RequireAuthorization(ProductsCapabilities.Manage);
        groups.MapDelete("/{id:guid}", async (Guid id, PriceGroups handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(ProductsCapabilities.Manage).WithSummary("Deletes a group that no price list is for.");
        groups.MapGet("/{id:guid}/members", (Guid id, PriceGroups handler, CancellationToken ct) => handler.Members(id, ct))
            .RequireAuthorization(ProductsCapabilities.Manage);
        groups.MapPut("/{id:guid}/members", (Guid id, PriceGroupMembersInput input, PriceGroups handler, CancellationToken ct) => handler.SetMembers(id, input, ct))
            .RequireAuthorization(ProductsCapabilities.Manage)
            .WithSummary("Makes these customers the group's members; a customer in another group moves here, one left out leaves.");

        var lists = api.MapGroup("/price-lists").WithTags("Products").RequireAuthorization(ProductsCapabilities.Manage);
        lists.MapGet("", (string? scope, bool? active, PriceLists handler, CancellationToken ct) =>
                handler.List(QueryValues.Enum<PriceListScope>(scope, "scope"), active, ct))
            .WithSummary("The price lists (scope standard, group or customer; active), with their number of tiers.");
        lists.MapGet("/{id:guid}", async (Guid id, PriceLists handler, HttpResponse response, CancellationToken ct) =>
        {
            var list = await handler.Get(id, ct);
            Preconditions.SetETag(response, list.Version);
            return TypedResults.Ok(list);
        }).WithSummary("One price list with all its tiers.");
        lists.MapPost("", async (PriceListInput input, PriceLists handler, HttpResponse response, CancellationToken ct) =>
        {
            var list = await handler.Create(input, ct);
            Preconditions.SetETag(response, list.Version);
            return TypedResults.Created($"/api/price-lists/{list.Id}", list);
        }).WithIdempotency().WithSummary("Creates a price list with its tiers.");
        lists.MapPut("/{id:guid}", async (Guid id, PriceListInput input, PriceLists handler, HttpContext http, CancellationToken ct) =>
        {
            var list = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, list.Version);
            return TypedResults.Ok(list);
        }).WithSummary("Replaces the list's fields and all its tiers (If-Match).");
        lists.MapDelete("/{id:guid}", async (Guid id, PriceLists handler, CancellationToken ct) =>
        {
            await handler.Deactivate(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Takes the list out of use (inactive); quotes that cite it keep its name.");

        api.MapGet("/prices/resolve", (Guid? customerId, Guid? productId, DateOnly? date, int? quantity, ResolvePrice handler, CancellationToken ct) =>
                handler.Handle(customerId, productId, date, quantity, ct))
            .WithTags("Products").RequireAuthorization(ProductsCapabilities.Read)
            .WithSummary("The one price for a customer × product × date × quantity and the list it came from (customer > group > standard list > the product's list price).");
    }
}
