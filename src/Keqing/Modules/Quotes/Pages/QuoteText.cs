using System.Globalization;
using Keqing.Infrastructure.Money;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Quotes.Contracts;

namespace Keqing.Modules.Quotes.Pages;

/// <summary>How the quote pages write money (exact to the fen, never a float), percentages and statuses.</summary>
public static class QuoteText
{
    /// <summary>¥1,234.56 for yuan; other currencies with their code after the amount.</summary>
    public static string Money(Money m)
    {
        var digits = Currencies.MinorDigits(m.Currency);
        var number = m.Amount.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return m.Currency == Currencies.Default ? "¥" + number : $"{number} {m.Currency}";
    }

    public static string Percent(decimal percent) => Number(percent) + " %";

    /// <summary>A percentage's number alone (for "折扣 20% …" inside a sentence).</summary>
    public static string Number(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Name(string number, int revision) => revision > 1 ? $"{number} v{revision}" : number;

    [TextKeys]
    public static string Status(QuoteStatus s) => s switch
    {
        QuoteStatus.PendingApproval => "Pending approval",
        QuoteStatus.Approved => "Approved",
        QuoteStatus.Sent => "Sent",
        QuoteStatus.Accepted => "Accepted",
        QuoteStatus.Rejected => "Rejected",
        QuoteStatus.Expired => "Expired",
        QuoteStatus.Superseded => "Superseded",
        _ => "Draft",
    };

    [TextKeys]
    public static string ApprovalStatusText(ApprovalStatus s) => s switch
    {
        ApprovalStatus.Pending => "Waiting for approval",
        ApprovalStatus.Approved => "Approval granted",
        ApprovalStatus.Rejected => "Approval refused",
        ApprovalStatus.SentBack => "Sent back for changes",
        _ => "Approval withdrawn",
    };

    [TextKeys]
    public static string ApprovalActionText(ActionKind k) => k switch
    {
        ActionKind.Submitted => "Submitted",
        ActionKind.Approved => "Approved a step",
        ActionKind.Rejected => "Refused",
        ActionKind.SentBack => "Sent back",
        ActionKind.SignerAdded => "Added a signer",
        ActionKind.Delegated => "Handed on",
        ActionKind.Withdrawn => "Withdrew",
        _ => "Step approved automatically",
    };
}
