using Keqing.Modules.Customers.Contracts;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.Customers.Pages;

/// <summary>A duplicate reason in the user's language, from its code and the value its English text names.</summary>
public static class ReasonTexts
{
    public static string Of(DuplicateReason reason, IStringLocalizer L)
    {
        var detail = reason.Text.Split(' ', 3) is { Length: 3 } parts ? parts[2] : "";
        return reason.Code switch
        {
            "samePhone" => L["Same phone"],
            "sameEmail" => L["Same email"],
            "sameCreditCode" => L["Same credit code {0}", detail],
            "similarName" when detail.Split(" in ", 2) is [var score, var place] => L["Similar name {0} in {1}", score, place],
            "similarName" => L["Similar name {0}", detail],
            _ => reason.Text,
        };
    }
}
