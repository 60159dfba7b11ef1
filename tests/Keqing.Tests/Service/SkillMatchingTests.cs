using CsCheck;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;

namespace Keqing.Tests.Service;

/// <summary>
/// What a new case needs by region and language (<see cref="SkillMatching"/>): a region or a language written either way
/// (浙江 or 浙江省, English or 英语 or en-US) is one skill; a team that gives nobody a skill of a kind never needs it; the
/// default language needs nothing; an agent is picked only holding every needed skill.
/// </summary>
public sealed class SkillMatchingTests
{
    private static AgentCandidate Agent(params SkillKey[] skills) => new(Guid.NewGuid(), true, 10, 0, null, skills.ToHashSet());

    private static SkillKey Region(string value) => SkillMatching.Key(SkillKind.Region, value);
    private static SkillKey Language(string value) => SkillMatching.Key(SkillKind.Language, value);

    [Theory]
    [InlineData("浙江省", "浙江")]
    [InlineData("杭州市", "杭州")]
    [InlineData("北京市", "北京")]
    [InlineData("广西壮族自治区", "广西")]
    [InlineData("新疆维吾尔自治区", "新疆")]
    [InlineData("内蒙古自治区", "内蒙古")]
    [InlineData("香港特别行政区", "香港")]
    [InlineData(" Zhejiang ", "zhejiang")]
    public void A_region_is_the_same_skill_with_or_without_its_administrative_suffix(string written, string key)
    {
        SkillMatching.RegionKey(written).Should().Be(key);
        Region(written).Should().Be(Region(key));
    }

    [Fact]
    public void A_one_character_name_keeps_its_suffix()
    {
        SkillMatching.RegionKey("沙市").Should().Be("沙市");
    }

    [Theory]
    [InlineData("English", "en")]
    [InlineData("英语", "en")]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh")]
    [InlineData("普通话", "zh")]
    [InlineData("zh-Hans-CN", "zh")]
    [InlineData("粤语", "yue")]
    [InlineData("yue-HK", "yue")]
    [InlineData("闽南语", "闽南语")]
    public void A_language_is_its_iso_code_however_it_was_written(string written, string key) =>
        SkillMatching.LanguageKey(written).Should().Be(key);

    [Fact]
    public void A_case_needs_its_region_and_language_only_in_a_team_that_routes_by_them_and_never_the_default_language()
    {
        var line = Guid.NewGuid();
        var facts = new CaseSkillFacts([line], "浙江省", "杭州市", "en-GB");
        var plain = new[] { Agent() };
        SkillMatching.Needs(facts, plain, "zh-CN").Should().ContainSingle("a team without region or language skills needs the product line only")
            .Which.Should().BeEquivalentTo([new SkillKey(SkillKind.ProductLine, line.ToString())]);

        var routing = new[] { Agent(Region("江苏")), Agent(Language("粤语")) };
        var needs = SkillMatching.Needs(facts, routing, "zh-CN");
        needs.Should().HaveCount(3);
        needs[1].Should().BeEquivalentTo([Region("浙江"), Region("杭州")], "the province or the city, either one");
        needs[2].Should().BeEquivalentTo([Language("en")]);

        SkillMatching.Needs(facts with { Language = "zh-CN" }, routing, "zh-CN").Should().HaveCount(2, "the default language needs no skill");
        SkillMatching.Needs(new CaseSkillFacts([], null, " ", null), routing, "zh-CN").Should().BeEmpty("nothing known, nothing needed");
    }

    [Fact]
    public void The_agent_picked_holds_a_skill_of_every_need_and_a_team_without_region_or_language_skills_assigns_as_before()
    {
        var provinces = new[] { "浙江", "江苏", "广东", "四川" };
        var languages = new[] { "en", "yue", "ja" };
        var genSkills = Gen.Select(Gen.Int[0, provinces.Length], Gen.Int[0, languages.Length], (r, l) =>
        {
            var skills = new List<SkillKey>();
            if (r < provinces.Length) skills.Add(Region(provinces[r] + "省"));
            if (l < languages.Length) skills.Add(Language(languages[l]));
            return skills.ToArray();
        });
        var genAgent = Gen.Select(genSkills, Gen.Int[0, 3], Gen.Int[1, 3], (skills, open, capacity) =>
            new AgentCandidate(Guid.NewGuid(), true, capacity, open, null, skills.ToHashSet()));
        var genFacts = Gen.Select(Gen.Int[0, provinces.Length], Gen.Int[0, languages.Length + 1], (r, l) =>
            new CaseSkillFacts([], r < provinces.Length ? provinces[r] : null, null,
                l < languages.Length ? languages[l] : l == languages.Length ? "zh-CN" : null));

        Gen.Select(genAgent.List[0, 6], genFacts).Sample((team, facts) =>
        {
            var picked = AssignmentRule.Pick(team, SkillMatching.Needs(facts, team, "zh-CN"));
            var routesRegion = team.Any(a => a.Skills.Any(s => s.Kind == SkillKind.Region));
            var routesLanguage = team.Any(a => a.Skills.Any(s => s.Kind == SkillKind.Language));
            bool Fits(AgentCandidate a) => a.OpenCases < a.Capacity
                && (!routesRegion || facts.Province is null || a.Skills.Contains(Region(facts.Province)))
                && (!routesLanguage || facts.Language is null or "zh-CN" || a.Skills.Contains(Language(facts.Language)));
            return picked is null ? !team.Any(Fits) : Fits(picked) && team.Where(Fits).All(a => a.OpenCases >= picked.OpenCases);
        });
    }
}
