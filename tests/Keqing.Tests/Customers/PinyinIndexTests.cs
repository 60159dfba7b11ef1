using AwesomeAssertions;
using CsCheck;
using Keqing.Modules.Customers.Domain;
using Xunit;

namespace Keqing.Tests.Customers;

/// <summary>Tests of the pinyin search keys for Chinese customer names.</summary>
public sealed class PinyinIndexTests
{
    private static PinyinIndex Index => PinyinIndex.Shared;

    private static string[] Keys(string name) => Index.SearchKeys(name).Split(' ');

    [Fact]
    public void Shared_table_is_loaded_from_the_embedded_resource()
    {
        Index.Count.Should().BeGreaterThan(20_000);
        PinyinIndex.Shared.Should().BeSameAs(Index);
    }

    [Theory]
    [InlineData('张', "zhang")]
    [InlineData('三', "san")]
    [InlineData('吕', "lv")]
    [InlineData('女', "nv")]
    [InlineData('〇', "ling")]
    public void Readings_are_toneless_lowercase_ascii(char c, string first)
    {
        Index.Readings(c)[0].Should().Be(first);
    }

    [Theory]
    [InlineData('单', new[] { "dan", "chan", "shan" })]
    [InlineData('曾', new[] { "ceng", "zeng" })]
    [InlineData('区', new[] { "qu", "ou" })]
    public void Readings_of_polyphones_are_distinct_and_most_common_first(char c, string[] expected)
    {
        Index.Readings(c).Should().Equal(expected);
    }

    [Theory]
    [InlineData('a')]
    [InlineData('1')]
    [InlineData(' ')]
    [InlineData('，')]
    [InlineData('\uD840')] // high surrogate
    public void Readings_of_non_cjk_are_empty(char c)
    {
        Index.Readings(c).Should().BeEmpty();
    }

    [Fact]
    public void Every_reading_in_the_table_is_lowercase_ascii()
    {
        for (var c = '\u3400'; c <= '\u9FFF'; c++)
        {
            foreach (var r in Index.Readings(c))
            {
                r.Should().MatchRegex("^[a-z]+$", "reading of U+{0:X4}", (int)c);
            }
        }
    }

    [Fact]
    public void Zhang_san_is_found_by_full_pinyin_and_initials()
    {
        var keys = Keys("张三");
        keys.Should().Contain("zhangsan").And.Contain("zs");
        Index.SearchKeys("张三").Should().Be("zhangsan zs");
    }

    [Theory]
    [InlineData("zs")]
    [InlineData("zhang")]
    [InlineData("zhangsan")]
    [InlineData("Zhang San")]
    [InlineData("ZHANG-SAN")]
    [InlineData("ｚｈａｎｇ ｓａｎ")]
    public void Queries_match_the_keys_of_zhang_san(string query)
    {
        var q = PinyinIndex.NormalizeQuery(query);
        Index.SearchKeys("张三").Should().Contain(q);
    }

    [Fact]
    public void Surname_dan_is_found_by_each_reading()
    {
        var keys = Keys("单田芳");
        keys.Should().Contain(["dantianfang", "chantianfang", "shantianfang", "dtf", "ctf", "stf"]);
        keys[0].Should().Be("dantianfang", "the most common readings come first");
    }

    [Theory]
    [InlineData("曾", "zeng", "ceng")]
    [InlineData("区", "ou", "qu")]
    [InlineData("曾国藩", "zengguofan", "cengguofan")]
    [InlineData("区小东", "ouxiaodong", "quxiaodong")]
    public void Surnames_with_several_readings_are_found_by_each(string name, string a, string b)
    {
        Keys(name).Should().Contain(a).And.Contain(b);
    }

    [Fact]
    public void Later_characters_contribute_alternate_readings_while_under_the_bound()
    {
        // 长 zhang/chang as given name: both readings, surname 张 has one.
        Keys("张长").Should().Contain(["zhangzhang", "zhangchang", "zz", "zc"]);
    }

    [Fact]
    public void Latin_letters_and_digits_are_kept_lowercased()
    {
        var keys = Keys("ABC贸易");
        keys.Should().Contain("abcmaoyi").And.Contain("abcmy");
        Keys("3M 中国").Should().Contain(["3mzhongguo", "3mzg"]);
        Index.SearchKeys("Acme Ltd.").Should().Be("acmeltd");
    }

    [Fact]
    public void Company_names_give_full_pinyin_and_initials_with_few_variants()
    {
        var keys = Keys("上海明远贸易有限公司");
        keys.Should().Contain("shanghaimingyuanmaoyiyouxiangongsi").And.Contain("shmymyyxgs");
        keys[0].Should().Be("shanghaimingyuanmaoyiyouxiangongsi");
        keys.Length.Should().BeLessThanOrEqualTo(2 * PinyinIndex.MaxVariantsLongName);
    }

    [Fact]
    public void Short_names_are_bounded_to_max_variants()
    {
        // Four highly polyphonic characters: 16 variants at most, i.e. at most 32 tokens.
        var keys = Keys("和差占着");
        keys.Length.Should().BeLessThanOrEqualTo(2 * PinyinIndex.MaxVariants);
        keys.Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("，。！")]
    [InlineData(null)]
    public void Empty_or_punctuation_only_names_give_no_keys(string? name)
    {
        Index.SearchKeys(name).Should().BeEmpty();
    }

    [Fact]
    public void Characters_outside_the_bmp_are_skipped()
    {
        // U+20BB7 𠮷 (surrogate pair) and a lone surrogate.
        Index.SearchKeys("\U00020BB7张三").Should().Be("zhangsan zs");
        Index.SearchKeys("张\uD800三").Should().Be("zhangsan zs");
    }

    [Theory]
    [InlineData("Zhang San", "zhangsan")]
    [InlineData("  zhang-san!  ", "zhangsan")]
    [InlineData("ＺＳ", "zs")]
    [InlineData("张 三", "张三")]
    [InlineData("", "")]
    public void NormalizeQuery_lowercases_and_strips_spaces_and_punctuation(string query, string expected)
    {
        PinyinIndex.NormalizeQuery(query).Should().Be(expected);
    }

    [Fact]
    public void Table_can_be_read_from_a_text_reader()
    {
        var index = new PinyinIndex(new StringReader("# comment\n\n张\tzhang\n单\tdan,shan\n"));
        index.Count.Should().Be(2);
        index.Readings('单').Should().Equal("dan", "shan");
        index.SearchKeys("单张").Should().Be("danzhang dz shanzhang sz");
    }

    [Fact]
    public void Malformed_table_lines_are_rejected()
    {
        var act = () => new PinyinIndex(new StringReader("张zhang\n"));
        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void SearchKeys_is_total_bounded_and_NormalizeQuery_idempotent()
    {
        var chars = Gen.Frequency(
            (4, Gen.Char['\u4E00', '\u9FFF']),            // CJK Unified Ideographs
            (2, Gen.Char["单曾区长和差占着行重乐"]),        // polyphones
            (2, Gen.Char['\u3400', '\u4DBF']),            // Extension A
            (2, Gen.Char["abcXYZ019 -_.,，。()ＡＺｚ０"]), // Latin, digits, punctuation, full-width
            (1, Gen.Char["\uD840\uDC00\uD800\uDFFF"]),     // surrogate halves, paired or not
            (1, Gen.Char));                                // anything
        var names = chars.Array[0, 200].Select(a => new string(a));

        names.Sample(name =>
        {
            var keys = Index.SearchKeys(name);
            keys.Length.Should().BeLessThanOrEqualTo(2_000);
            keys.Should().NotStartWith(" ").And.NotEndWith(" ").And.NotContain("  ");
            keys.Should().Be(keys.ToLowerInvariant());

            var q = PinyinIndex.NormalizeQuery(name);
            PinyinIndex.NormalizeQuery(q).Should().Be(q);
            foreach (var token in keys.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                PinyinIndex.NormalizeQuery(token).Should().Be(token, "keys are stored normalised");
            }
        });
    }
}
