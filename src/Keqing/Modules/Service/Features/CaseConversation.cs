using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// A case's conversation: public replies (the first sets the first response; a reply may set the case waiting on the
/// customer), internal notes (any time, no status change), and what the customer writes (from the mailbox or the
/// portal, through <see cref="ICaseDirectory"/>), each with the files uploaded for it.
/// </summary>
public sealed class CaseConversation(KeqingDb db, CaseAccess access, CreateCase create, CaseAttachments files, GetCase get,
    CurrentUser user, DomainEvents events, IOptions<ServiceOptions> options, TimeProvider time)
{
    public const int MaxBody = 20_000;

    public async Task<CaseDto> Reply(Guid id, CaseMessageRequest r, CancellationToken ct)
    {
        var c = await access.Writable(id, ct);
        var attachments = await Check(c, r, ct);
        if (!c.IsOpen) throw new ConflictException(FieldErrors.Text("Reopen the case to reply."));
        var now = time.GetUtcNow().UtcDateTime;
        var message = Add(c, CaseMessageKind.Reply, r.Body!, user.UserId, now, attachments);
        var first = c.FirstResponseAt is null;
        c.FirstResponseAt ??= now;
        var status = CaseRules.AfterReply(r.WaitOnCustomer);
        if (status == CaseStatus.WaitingOnCustomer && c.Status != CaseStatus.WaitingOnCustomer) events.Raise(new CaseWaitingOnCustomer(c.Id, now));
        c.Status = status;
        c.UpdatedAt = now;
        events.Raise(new CaseReplied(c.Id, message.Id, first, now));
        await db.SaveChangesAsync(ct);
        return await get.ToDto(c, ct);
    }

    public async Task<CaseDto> Note(Guid id, CaseMessageRequest r, CancellationToken ct)
    {
        var c = await access.Writable(id, ct);
        var attachments = await Check(c, r, ct);
        var now = time.GetUtcNow().UtcDateTime;
        Add(c, CaseMessageKind.Note, r.Body!, user.UserId, now, attachments);
        c.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return await get.ToDto(c, ct);
    }

    /// <summary>What the customer wrote (no access check: the caller established who wrote); the id of the case it went to.</summary>
    public async Task<Guid> CustomerReply(Guid caseId, string body, IReadOnlyList<CaseFile>? attachments, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body)) throw new ValidationFailedException("body", FieldErrors.Text("Required."));
        if (body.Length > MaxBody) throw new ValidationFailedException("body", FieldErrors.Text("At most {0} characters.", MaxBody));
        var added = await AddCustomerMessage(caseId, body, ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var file in attachments ?? [])
            files.Store(added.Case.Id, file.FileName, file.Content, null, now).MessageId = added.Message.Id;
        if (added.FollowUp) await create.Save(added.Case, ct);
        else await db.SaveChangesAsync(ct);
        return added.Case.Id;
    }

    /// <summary>A customer's message added to a case, and whether that case is a new follow-up (to be numbered and saved).</summary>
    public sealed record CustomerMessage(ServiceCase Case, CaseMessage Message, bool FollowUp);

    /// <summary>
    /// Adds what the customer wrote (a checked, non-empty body) to the unit of work without saving: to the case (or the
    /// one it was merged into); a waiting case opens again, a resolved case within the reopen window reopens, a closed
    /// one gets a follow-up case. Raises <see cref="CaseCustomerReplied"/>.
    /// </summary>
    public async Task<CustomerMessage> AddCustomerMessage(Guid caseId, string body, CancellationToken ct)
    {
        var c = await db.Set<ServiceCase>().FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new NotFoundException("case");
        var now = time.GetUtcNow().UtcDateTime;
        var target = c;
        if (c.MergedIntoId is { } survivorId) target = await db.Set<ServiceCase>().FirstAsync(x => x.Id == survivorId, ct);
        var followUp = false;
        if (target.Status == CaseStatus.WaitingOnCustomer) target.Status = CaseStatus.Open;
        else if (target.Status == CaseStatus.Resolved && CaseRules.MayReopenInPlace(target, now, options.Value.ReopenDays))
        {
            (target.Status, target.ResolvedAt) = (CaseStatus.Open, null);
            events.Raise(new CaseReopened(target.Id, now));
        }
        else if (!target.IsOpen)
        {
            target = await create.FollowUp(target, CaseChannel.Email, ct);
            followUp = true;
        }
        target.UpdatedAt = now;
        var message = Add(target, CaseMessageKind.Customer, body.Trim(), null, now, []);
        events.Raise(new CaseCustomerReplied(target.Id, message.Id, now));
        return new CustomerMessage(target, message, followUp);
    }

    private CaseMessage Add(ServiceCase c, CaseMessageKind kind, string body, Guid? authorId, DateTime at, IReadOnlyList<CaseAttachment> attachments)
    {
        var message = new CaseMessage { CaseId = c.Id, Kind = kind, Body = body.Trim(), AuthorId = authorId, At = at };
        db.Add(message);
        foreach (var a in attachments) a.MessageId = message.Id;
        return message;
    }

    /// <summary>The body and the attachments: files uploaded to this case and not yet sent with a message.</summary>
    private async Task<List<CaseAttachment>> Check(ServiceCase c, CaseMessageRequest r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("body", r.Body).MaxLength("body", r.Body, MaxBody);
        var ids = (r.AttachmentIds ?? []).Distinct().ToList();
        var attachments = new List<CaseAttachment>();
        if (ids.Count > 20) errors.Add("attachmentIds", FieldErrors.Text("At most {0} files per message.", 20));
        else if (ids.Count > 0)
        {
            attachments = await files.Unsent(c.Id, ids, ct);
            if (attachments.Count != ids.Count) errors.Add("attachmentIds", FieldErrors.Text("Attach files uploaded to this case and not yet sent."));
        }
        errors.ThrowIfAny();
        return attachments;
    }
}
