using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Service.Features;

/// <summary>Where a survey link stands: not a link of ours, past its time, answered already, or waiting for the answer.</summary>
public enum SurveyState { Invalid, Expired, Answered, Open }

/// <summary>A survey link as its page shows it.</summary>
public sealed record SurveyView(SurveyState State, string Culture, string? CaseNumber, string? CaseSubject);

/// <summary>
/// The contact's answer through the signed link, without sign-in: taken once (a second answer, even a concurrent one, is
/// refused), until the link expires; a low score opens the manager's follow-up (<see cref="SurveyFollowUp"/>).
/// </summary>
public sealed class AnswerSurvey(KeqingDb db, SurveyTokens tokens, SurveyFollowUp followUp, IOptions<SurveyOptions> options, TimeProvider clock)
{
    public const int MaxComment = 2000;

    public async Task<SurveyView> Find(string? token, CancellationToken ct) => (await Load(token, ct)).View;

    /// <summary>Stores the answer: 404 for a link that is not ours, 409 expired or already answered, 400 naming each bad field.</summary>
    public async Task<SurveyView> Answer(string? token, SurveyAnswer? answer, CancellationToken ct)
    {
        var (view, survey) = await Load(token, ct);
        switch (view.State)
        {
            case SurveyState.Invalid: throw new NotFoundException("survey");
            case SurveyState.Expired: throw new ConflictException(FieldErrors.Text("This survey link has expired."));
            case SurveyState.Answered: throw new ConflictException(FieldErrors.Text("This survey has already been answered. Thank you!"));
        }
        var errors = new FieldErrors();
        if (answer?.Csat is not { } csat) errors.Add("csat", FieldErrors.Text("Choose how satisfied you are (1 to 5)."));
        else if (csat is < 1 or > 5) errors.Add("csat", FieldErrors.Text("Must be from {0} to {1}.", 1, 5));
        if (answer?.Nps is { } nps && nps is < 0 or > 10) errors.Add("nps", FieldErrors.Text("Must be from {0} to {1}.", 0, 10));
        var comment = string.IsNullOrWhiteSpace(answer?.Comment) ? null : answer.Comment.Trim();
        errors.MaxLength("comment", comment, MaxComment);
        errors.ThrowIfAny();

        survey!.Csat = answer!.Csat;
        survey.Nps = answer.Nps;
        survey.Comment = comment;
        survey.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(FieldErrors.Text("This survey has already been answered. Thank you!"));
        }
        if (survey.IsLow(options.Value.LowCsatAtMost, options.Value.LowNpsAtMost)) await followUp.Open(survey.Id, ct);
        return view with { State = SurveyState.Answered };
    }

    private async Task<(SurveyView View, CaseSurvey? Survey)> Load(string? token, CancellationToken ct)
    {
        var id = tokens.Read(token);
        var survey = id is null ? null : await db.Set<CaseSurvey>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null) return (new SurveyView(SurveyState.Invalid, "", null, null), null);
        var c = await db.Set<ServiceCase>().AsNoTracking().Where(x => x.Id == survey.CaseId)
            .Select(x => new { x.Number, x.Subject }).FirstOrDefaultAsync(ct);
        var state = survey.AnsweredAt is not null ? SurveyState.Answered
            : survey.ExpiresAt <= clock.GetUtcNow().UtcDateTime ? SurveyState.Expired : SurveyState.Open;
        return (new SurveyView(state, survey.Culture, c?.Number, c?.Subject), survey);
    }
}
