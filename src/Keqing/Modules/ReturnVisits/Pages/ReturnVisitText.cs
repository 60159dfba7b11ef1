using Keqing.Infrastructure.Web;
using Keqing.Modules.ReturnVisits.Contracts;
using MudBlazor;

namespace Keqing.Modules.ReturnVisits.Pages;

/// <summary>The English keys (localized through ReturnVisitsResource) the pages show for states, channels, sources and kinds.</summary>
public static class ReturnVisitText
{
    [TextKeys]
    public static string State(ReturnVisitState state) => state switch
    {
        ReturnVisitState.Upcoming => "Upcoming",
        ReturnVisitState.Due => "Due now",
        ReturnVisitState.Overdue => "Overdue",
        ReturnVisitState.Done => "Done",
        _ => "Cancelled",
    };

    [TextKeys]
    public static string Channel(ReturnVisitChannel channel) => channel switch
    {
        ReturnVisitChannel.InPerson => "In person",
        _ => "By phone",
    };

    [TextKeys]
    public static string Source(ReturnVisitSource source) => source switch
    {
        ReturnVisitSource.Case => "After case",
        _ => "After order",
    };

    [TextKeys]
    public static string Kind(QuestionKind kind) => kind switch
    {
        QuestionKind.SingleChoice => "Single choice",
        QuestionKind.MultipleChoice => "Multiple choice",
        QuestionKind.Score => "Score",
        _ => "Text",
    };

    [TextKeys]
    public static string Scale(ScoreScale scale) => scale switch
    {
        ScoreScale.ZeroToTen => "0 to 10",
        _ => "1 to 5",
    };

    [TextKeys]
    public static string Grade(Customers.Contracts.CustomerGrade? grade) => grade switch
    {
        Customers.Contracts.CustomerGrade.A => "Grade A",
        Customers.Contracts.CustomerGrade.B => "Grade B",
        Customers.Contracts.CustomerGrade.C => "Grade C",
        Customers.Contracts.CustomerGrade.D => "Grade D",
        _ => "Any grade",
    };

    public static Color StateColor(ReturnVisitState state) => state switch
    {
        ReturnVisitState.Overdue => Color.Error,
        ReturnVisitState.Due => Color.Warning,
        ReturnVisitState.Done => Color.Success,
        _ => Color.Default,
    };
}
