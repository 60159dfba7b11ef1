using Keqing.Infrastructure.Money;
using Keqing.Modules.Orders.Domain;

namespace Keqing.Modules.Orders.Features;

/// <summary>An order's totals are the sums of its lines, kept on the order when the lines are saved.</summary>
public static class OrderTotals
{
    public static void Apply(Order order, IReadOnlyList<OrderLine> lines)
    {
        var net = Money.Zero(order.Currency);
        var tax = Money.Zero(order.Currency);
        var cost = Money.Zero(order.Currency);
        foreach (var line in lines)
        {
            line.OrderId = order.Id;
            line.CustomerId = order.CustomerId;
            line.OrderDate = order.OrderDate;
            line.Counts = order.Status != Contracts.OrderStatus.Cancelled;
            net += line.NetAmount;
            tax += line.TaxAmount;
            cost += line.UnitCost * (long)line.Quantity;
        }
        order.NetTotal = net;
        order.TaxTotal = tax;
        order.GrandTotal = net + tax;
        order.CostTotal = cost;
    }
}
