using System.Globalization;
using Keqing.Infrastructure.Money;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Orders.Contracts;

namespace Keqing.Modules.Orders.Pages;

/// <summary>How the order pages write money (exact to the fen), margins and statuses.</summary>
public static class OrderText
{
    /// <summary>¥1,234.56 for yuan; other currencies with their code after the amount.</summary>
    public static string Money(Money m)
    {
        var digits = Currencies.MinorDigits(m.Currency);
        var number = m.Amount.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return m.Currency == Currencies.Default ? "¥" + number : $"{number} {m.Currency}";
    }

    public static string Percent(decimal? percent) => percent is { } p ? p.ToString("0.##", CultureInfo.InvariantCulture) + " %" : "—";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [TextKeys]
    public static string Status(OrderStatus s) => s switch
    {
        OrderStatus.Shipped => "Shipped",
        OrderStatus.Delivered => "Delivered",
        OrderStatus.Cancelled => "Cancelled",
        _ => "Confirmed",
    };
}
