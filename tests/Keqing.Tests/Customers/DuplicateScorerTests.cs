using CsCheck;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Infrastructure.Text;

namespace Keqing.Tests.Customers;

/// <summary>Properties and examples of phone/email normalisation, company-name normalisation and the duplicate scorer.</summary>
public sealed class DuplicateScorerTests
{
    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly Gen<string> Phones = Gen.OneOf(
        Gen.Select(Pick("", "+86 ", "+86-", "0086", "86", "(021) ", "０", "0086 86"),
            Gen.Char["0123456789０１２３４５６７８９ -()+."].Array[0, 24], (p, d) => p + new string(d)),
        Gen.String);

    private static readonly Gen<string> Emails = Gen.OneOf(
        Gen.Select(Gen.Char["abcXYZ09._+ "].Array[0, 10], Pick("@MingYuan.cn", "@example.COM", " @qq.com "), (u, d) => new string(u) + d),
        Gen.String);

    /// <summary>Names made of what real company names are made of: places, brackets, trade words, legal forms, noise.</summary>
    private static readonly Gen<string> Names = Gen.OneOf(
        Gen.Select(Pick("上海", "北京市", "广东省", "深圳", "", "(上海)", "（北京）", "浙江杭州").Array[0, 3],
            Pick("明远", "华星", "远明", "贸易", "科技", "海", "上", "北京", "京", "ab", "ＡＢ", "").Array[0, 4],
            Pick("有限公司", "股份有限公司", "集团", "Co., Ltd.", " Inc.", "", "分公司", "有限责任公司").Array[0, 2],
            (a, b, c) => string.Concat(a.Concat(b).Concat(c).OrderBy(_ => 0))),
        Gen.Select(Pick("上海", "明远", "(", ")", "有限公司", "北", "京", "市", "省", "Co.", ",", "Ltd").Array[0, 8], parts => string.Concat(parts)),
        Gen.Char['\u4E00', '\u9FFF'].Array[0, 8].Select(c => new string(c)),
        Gen.String);

    private static readonly Gen<string?> Places = Pick<string?>(null, "", "上海", "上海市", "北京", "杭州", "广东省");

    private static readonly Gen<DuplicateFingerprint> Fingerprints = Gen.Select(
        Names, Places, Places, Phones.Array[0, 3], Emails.Array[0, 2], Pick<string?>(null, "91350100M000100Y43", "91310000MA1FL0XX0X"),
        (name, city, province, phones, emails, code) => DuplicateFingerprint.Of(name, city, province, phones, emails, code));

    [Fact]
    public void A_fingerprint_is_the_same_whatever_the_order_or_writing_of_its_phones_and_emails() =>
        Gen.Select(Names, Phones.Array[0, 4], Emails.Array[0, 3]).Sample((name, phones, emails) =>
            DuplicateFingerprint.Of(name, "上海", null, phones, emails, null)
                .SameAs(DuplicateFingerprint.Of(name, "上海", null, phones.Reverse().Select(p => " " + p), emails.Reverse().Select(e => e.ToUpperInvariant()), null)));

    [Fact]
    public void Phone_normalisation_is_idempotent() =>
        Phones.Sample(p => ContactPoints.NormalizePhone(ContactPoints.NormalizePhone(p)) == ContactPoints.NormalizePhone(p));

    [Fact]
    public void Email_normalisation_is_idempotent() =>
        Emails.Sample(e => ContactPoints.NormalizeEmail(ContactPoints.NormalizeEmail(e)) == ContactPoints.NormalizeEmail(e));

    [Fact]
    public void Name_normalisation_is_idempotent() =>
        Names.Sample(n => CompanyNames.Normalize(CompanyNames.Normalize(n)) == CompanyNames.Normalize(n));

    [Fact]
    public void The_score_is_symmetric_with_the_same_reasons() =>
        Gen.Select(Fingerprints, Fingerprints).Sample((a, b) =>
        {
            var ab = DuplicateScorer.Score(a, b);
            var ba = DuplicateScorer.Score(b, a);
            return ab.Score == ba.Score && ab.Reasons.SequenceEqual(ba.Reasons);
        });

    [Fact]
    public void A_record_is_its_own_best_match() =>
        Gen.Select(Fingerprints, Fingerprints).Sample((a, b) =>
        {
            var self = DuplicateScorer.Score(a, a).Score;
            var other = DuplicateScorer.Score(a, b).Score;
            return self >= other && other is >= 0 and <= 1;
        });

    [Theory]
    [InlineData("明远贸易(上海)有限公司", "明远贸易")]
    [InlineData("上海明远贸易有限公司", "明远贸易")]
    [InlineData("上海市明远贸易股份有限公司", "明远贸易")]
    [InlineData("明远贸易（上海）有限公司", "明远贸易")]
    [InlineData("Mingyuan Trading Co., Ltd.", "mingyuantrading")]
    [InlineData("上海有限公司", "上海")]
    [InlineData("北京华星科技集团有限公司", "华星科技")]
    public void Company_names_lose_places_brackets_and_legal_forms(string name, string expected) =>
        CompanyNames.Normalize(name).Should().Be(expected);

    [Fact]
    public void The_issue_example_is_a_likely_duplicate_with_its_reasons()
    {
        var a = DuplicateFingerprint.Of("上海明远贸易有限公司", "上海", "上海", ["021-5555 0001"], [], null);
        var b = DuplicateFingerprint.Of("明远贸易(上海)有限公司", null, null, ["+86 21 5555 0001"], ["info@mingyuan.cn"], null);
        var score = DuplicateScorer.Score(a, b);
        score.Score.Should().BeGreaterThanOrEqualTo(DuplicateScorer.Threshold);
        score.Reasons.Select(r => r.Code).Should().Equal("similarName");
        score.Reasons[0].Text.Should().Be("Similar name 1.00 in 上海");

        var phone = DuplicateFingerprint.Of("上海明远贸易有限公司", "上海", null, ["+86 138-0013-8000"], [], null);
        var samePhone = DuplicateScorer.Score(phone, DuplicateFingerprint.Of("明远国际", "北京", null, ["13800138000"], [], null));
        samePhone.Reasons.Select(r => r.Code).Should().Equal("samePhone");
        samePhone.Score.Should().BeGreaterThanOrEqualTo(DuplicateScorer.Threshold);
    }

    [Fact]
    public void Similar_names_in_different_cities_are_not_duplicates_by_name()
    {
        var a = DuplicateFingerprint.Of("上海明远贸易有限公司", "上海", null, [], [], null);
        var b = DuplicateFingerprint.Of("北京明远贸易有限公司", "北京", null, [], [], null);
        DuplicateScorer.Score(a, b).Score.Should().Be(0);
    }
}
