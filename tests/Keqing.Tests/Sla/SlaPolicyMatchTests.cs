using Keqing.Modules.Sla.Contracts;
using Keqing.Modules.Sla.Domain;

namespace Keqing.Tests.Sla;

/// <summary>Which policy a record gets: the most specific that holds, then the admins' order; inactive and other record types never.</summary>
public sealed class SlaPolicyMatchTests
{
    private static SlaPolicy Policy(string name, int order = 0, string? priorities = null, string? types = null, string? grades = null,
        string recordType = "tests.ticket", bool active = true) =>
        new() { Name = name, Order = order, Priorities = priorities, Types = types, Grades = grades, RecordType = recordType, Active = active, ResolutionMinutes = 60 };

    private static readonly SlaPolicy Everything = Policy("everything", order: 0);
    private static readonly SlaPolicy Urgent = Policy("urgent", order: 5, priorities: "urgent,high");
    private static readonly SlaPolicy UrgentComplaint = Policy("urgent complaint", order: 9, priorities: "urgent", types: "complaint");
    private static readonly SlaPolicy VipComplaint = Policy("vip complaint", order: 1, types: "complaint", grades: "A");
    private static readonly SlaPolicy Repairs = Policy("repairs", order: 2, types: "repair");
    private static readonly SlaPolicy RepairsFirst = Policy("repairs first", order: 1, types: "repair");
    private static readonly SlaPolicy Off = Policy("inactive", priorities: "low", active: false);
    private static readonly SlaPolicy OtherType = Policy("other record type", priorities: "low", recordType: "service.case");

    private static readonly SlaPolicy[] All = [Everything, Urgent, UrgentComplaint, VipComplaint, Repairs, RepairsFirst, Off, OtherType];

    [Theory]
    [InlineData("urgent", "complaint", "A", "vip complaint")] // two conditions each hold: vip's order (1) before urgent complaint's (9)
    [InlineData("URGENT", "question", null, "urgent")]
    [InlineData("high", null, null, "urgent")]
    [InlineData("normal", "complaint", "a", "vip complaint")]
    [InlineData("normal", "repair", "B", "repairs first")]
    [InlineData("low", "question", "C", "everything")]
    [InlineData(null, null, null, "everything")]
    public void The_most_specific_policy_wins_and_a_tie_goes_by_the_admins_order(string? priority, string? type, string? grade, string expected)
    {
        PolicyMatch.Best(All, "tests.ticket", new SlaAttributes(priority, type, grade))!.Name.Should().Be(expected);
    }

    [Fact]
    public void An_urgent_complaint_of_a_grade_B_customer_gets_the_urgent_complaint_policy() =>
        PolicyMatch.Best(All, "tests.ticket", new SlaAttributes("urgent", "complaint", "B"))!.Name.Should().Be("urgent complaint");

    [Fact]
    public void No_policy_of_the_record_type_means_no_clock() =>
        PolicyMatch.Best([Urgent, Off], "tests.ticket", new SlaAttributes("low", null, null)).Should().BeNull();
}
