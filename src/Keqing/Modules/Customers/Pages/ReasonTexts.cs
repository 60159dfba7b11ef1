using Keqing.Modules.Customers.Contracts;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.Customers.Pages;

/// <summary>
/// A duplicate reason as chips in the user's language, in words and never as a raw score: 名称相同 and 同城 for the same
/// name in one place, 名称相似 for a similar one, 电话相同, 邮箱相同, 信用代码相同.
/// </summary>
public static class ReasonTexts
{
    public static IEnumerable<string> Chips(DuplicateReason reason, IStringLocalizer L)
    {
        // The place follows " in " in the English text (similarName "Similar name 0.92 in 上海", sameName "Same name in 上海").
        var inPlace = reason.Text.Contains(" in ", StringComparison.Ordinal);
        switch (reason.Code)
        {
            case "sameName":
                yield return L["Same name"];
                if (inPlace) yield return L["Same city"];
                break;
            case "similarName":
                yield return L["Similar name"];
                if (inPlace) yield return L["Same city"];
                break;
            case "samePhone": yield return L["Same phone"]; break;
            case "sameEmail": yield return L["Same email"]; break;
            case "sameCreditCode": yield return L["Same credit code"]; break;
            default: yield return reason.Text; break;
        }
    }
}
