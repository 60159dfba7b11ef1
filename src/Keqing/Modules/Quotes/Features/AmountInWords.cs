using System.Text;

namespace Keqing.Modules.Quotes.Features;

/// <summary>
/// An amount in Chinese financial capitals (大写金额) as printed on a quote or invoice: 128000.00 → 壹拾贰万捌仟元整.
/// Zeros: a run of zeros inside the number is one 零 (1001 → 壹仟零壹元整; 100050 → 壹拾万零伍拾元整), zeros at the end of
/// a 万/亿 section are not written (壹拾万元整), and a section below 仟 after a higher one starts with 零 (壹拾万零伍拾).
/// Fractions: 角 and 分 (伍角, 叁角伍分); 零 stands between 元 and 分 when 角 is zero (壹仟元零伍分); 整 ends an amount
/// with no 角 and no 分 (《支付结算办法》: after 角 it may be left out, after 分 it is not written).
/// </summary>
public static class AmountInWords
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] DigitUnits = ["仟", "佰", "拾", ""];
    private static readonly string[] SectionUnits = ["", "万", "亿", "万亿"];

    /// <summary>The amount in capitals; it must be whole fen (at most two decimals) and below 10^16 yuan.</summary>
    public static string Chinese(decimal amount)
    {
        if (decimal.Round(amount, 2) != amount) throw new ArgumentException("The amount must be whole fen (two decimals at most).", nameof(amount));
        var negative = amount < 0;
        var fen = (long)(Math.Abs(amount) * 100);
        var yuan = fen / 100;
        if (yuan >= 10_000_000_000_000_000) throw new ArgumentOutOfRangeException(nameof(amount), "Amounts up to 万亿 are written.");
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);

        var text = new StringBuilder(negative ? "负" : "");
        if (yuan == 0 && jiao == 0 && cents == 0) return "零元整";
        if (yuan > 0) text.Append(Integer(yuan)).Append('元');
        if (jiao == 0 && cents == 0) return text.Append('整').ToString();
        if (jiao > 0) text.Append(Digits[jiao]).Append('角');
        if (cents > 0)
        {
            if (jiao == 0 && yuan > 0) text.Append('零');
            text.Append(Digits[cents]).Append('分');
        }
        return text.ToString();
    }

    private static string Integer(long value)
    {
        var sections = new List<int>();
        for (var rest = value; rest > 0; rest /= 10_000) sections.Add((int)(rest % 10_000));
        var text = new StringBuilder();
        var zeroPending = false;
        for (var i = sections.Count - 1; i >= 0; i--)
        {
            var section = sections[i];
            if (section == 0)
            {
                zeroPending = text.Length > 0;
                continue;
            }
            if (text.Length > 0 && (zeroPending || section < 1000)) text.Append('零');
            text.Append(Section(section)).Append(SectionUnits[i]);
            zeroPending = false;
        }
        return text.ToString();
    }

    /// <summary>1 to 9999 with 仟佰拾, one 零 for a run of inner zeros, none for trailing zeros (leading ones are the caller's).</summary>
    private static string Section(int value)
    {
        var text = new StringBuilder();
        var zeroPending = false;
        for (var place = 0; place < 4; place++)
        {
            var digit = value / (int)Math.Pow(10, 3 - place) % 10;
            if (digit == 0)
            {
                zeroPending = text.Length > 0;
                continue;
            }
            if (zeroPending) text.Append('零');
            text.Append(Digits[digit]).Append(DigitUnits[place]);
            zeroPending = false;
        }
        return text.ToString();
    }
}
