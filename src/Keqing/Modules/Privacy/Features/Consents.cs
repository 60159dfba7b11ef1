using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Privacy.Features;

/// <summary>Consents of customers and contacts, checked against the customer's access; see <see cref="IConsents"/>.</summary>
public sealed class Consents(KeqingDb db, IDataSubjects subjects, CurrentUser currentUser, TimeProvider clock) : IConsents
{
    public async Task<IReadOnlyList<ConsentDto>> List(DataSubject subject, CancellationToken ct)
    {
        await CustomerOf(subject, ct);
        return (await db.Set<Consent>().AsNoTracking().Where(c => c.SubjectType == subject.Type && c.SubjectId == subject.Id)
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).Take(500).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<ConsentDto> Create(DataSubject subject, ConsentInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.Purpose is not { } purpose || !Enum.IsDefined(purpose)) errors.Add("purpose", FieldErrors.Text("purpose is marketing, profiling, service or research."));
        if (input.Channel is { } channel && !Enum.IsDefined(channel)) errors.Add("channel", FieldErrors.Text("channel is any, sms, email, phone, weChat, visit or mail."));
        errors.MaxLength("source", input.Source, 200).ThrowIfAny();
        var customerId = await Writable(subject, ct);
        var consent = new Consent
        {
            SubjectType = subject.Type, SubjectId = subject.Id, CustomerId = customerId, Purpose = input.Purpose!.Value,
            Channel = input.Channel ?? ConsentChannel.Any, Granted = input.Granted, Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim(),
            RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = currentUser.UserId,
        };
        db.Add(consent);
        await db.SaveChangesAsync(ct);
        return ToDto(consent);
    }

    public async Task<ConsentDto> Withdraw(Guid consentId, CancellationToken ct)
    {
        var consent = await db.Set<Consent>().FirstOrDefaultAsync(c => c.Id == consentId, ct) ?? throw new NotFoundException("consent");
        await Writable(new DataSubject(consent.SubjectType, consent.SubjectId), ct);
        if (consent.WithdrawnAt is not null) throw new ConflictException(FieldErrors.Text("This consent was withdrawn already."));
        consent.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        consent.WithdrawnBy = currentUser.UserId;
        await db.SaveChangesAsync(ct);
        return ToDto(consent);
    }

    public void Carry(DataSubject subject, Guid customerId, ConsentPurpose purpose, ConsentChannel channel, string? source, DateTime givenAt) =>
        db.Add(new Consent
        {
            SubjectType = subject.Type, SubjectId = subject.Id, CustomerId = customerId, Purpose = purpose, Channel = channel, Granted = true,
            Source = source is { Length: > 200 } ? source[..200] : source, RecordedAt = givenAt, RecordedBy = currentUser.UserId,
        });

    /// <summary>The customer the subject belongs to, if the caller may see it; 404 otherwise.</summary>
    private async Task<DataSubjectInfo> CustomerOf(DataSubject subject, CancellationToken ct) =>
        await subjects.FindVisible(subject, ct) ?? throw new NotFoundException(subject.Type == SubjectType.Customer ? "customer" : "contact");

    private async Task<Guid> Writable(DataSubject subject, CancellationToken ct)
    {
        var found = await CustomerOf(subject, ct);
        if (!found.Writable) throw new ForbiddenException(FieldErrors.Text("You may read this customer but not change it."));
        return found.CustomerId;
    }

    public static ConsentDto ToDto(Consent c) => new(c.Id, c.SubjectType, c.SubjectId, c.CustomerId, c.Purpose, c.Channel, c.Granted,
        c.Source, c.RecordedAt, c.RecordedBy, c.WithdrawnAt, c.WithdrawnBy);
}
