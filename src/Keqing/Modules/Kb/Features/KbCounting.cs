using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Kb.Features;

/// <summary>
/// Views (one per person per article per day in the person's time zone, however often they reload) and "was this
/// helpful?" (one answer per person, which they may change). The counts live on the article, written with a
/// set-based update that neither changes its ETag nor writes an audit row.
/// </summary>
public sealed class KbCounting(KeqingDb db, KbArticleAccess access, CurrentUser user, IUserTimeZones zones, TimeProvider clock)
{
    /// <summary>Counts the caller's view of an article they may see; true when it was their first today.</summary>
    public async Task<bool> View(Guid id, CancellationToken ct)
    {
        await access.Find(id, ct);
        var me = user.UserId;
        var zone = await zones.Of(me, ct);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        if (await db.Set<KbView>().AnyAsync(v => v.ArticleId == id && v.UserId == me && v.Day == day, ct)) return false;
        var view = db.Add(new KbView { ArticleId = id, UserId = me, Day = day });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two tabs opened at once: the other request counted this view.
            view.State = EntityState.Detached;
            return false;
        }
        await db.Set<KbArticle>().Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Views, a => a.Views + 1), ct);
        return true;
    }

    public async Task<KbHelpfulDto> Helpful(Guid id, KbHelpfulInput input, CancellationToken ct)
    {
        if (input.Helpful is not { } helpful) throw new ValidationFailedException("helpful", FieldErrors.Text("Required."));
        var article = await access.Find(id, ct);
        if (article.Status != KbStatus.Published)
            throw new ConflictException(FieldErrors.Text("Only a published article can be rated."));
        var me = user.UserId;
        var feedback = await db.Set<KbFeedback>().FirstOrDefaultAsync(f => f.ArticleId == id && f.UserId == me, ct);
        if (feedback is null) db.Add(feedback = new KbFeedback { ArticleId = id, UserId = me });
        feedback.Helpful = helpful;
        feedback.At = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        var yes = await db.Set<KbFeedback>().CountAsync(f => f.ArticleId == id && f.Helpful, ct);
        var no = await db.Set<KbFeedback>().CountAsync(f => f.ArticleId == id && !f.Helpful, ct);
        await db.Set<KbArticle>().Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.HelpfulYes, yes).SetProperty(a => a.HelpfulNo, no), ct);
        return new KbHelpfulDto(yes, no, helpful);
    }
}
