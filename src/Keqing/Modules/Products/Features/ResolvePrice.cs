using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Contracts;

namespace Keqing.Modules.Products.Features;

/// <summary><c>GET /api/prices/resolve</c>: the price for a customer the caller may see, with the customer's price group.</summary>
public sealed class ResolvePrice(IPriceResolver resolver, PriceGroups groups, ICustomerDirectory customers)
{
    public async Task<PriceResolution> Handle(Guid? customerId, Guid? productId, DateOnly? date, int? quantity, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (customerId is null) errors.Add("customerId", FieldErrors.Text("Required."));
        else if (await customers.FindVisible(customerId.Value, ct) is null) errors.Add("customerId", FieldErrors.Text("No customer you may see has this id."));
        if (productId is null) errors.Add("productId", FieldErrors.Text("Required."));
        if (date is null) errors.Add("date", FieldErrors.Text("Required."));
        if (quantity is null) errors.Add("quantity", FieldErrors.Text("Required."));
        else if (quantity < 1) errors.Add("quantity", FieldErrors.Text("The quantity is 1 or more."));
        errors.ThrowIfAny();
        var price = await resolver.Resolve(customerId!.Value, productId!.Value, date!.Value, quantity!.Value, ct);
        var group = await groups.GroupOf(customerId.Value, ct);
        return new PriceResolution(customerId.Value, productId.Value, date.Value, quantity.Value, price, group?.Id, group?.Name);
    }
}
