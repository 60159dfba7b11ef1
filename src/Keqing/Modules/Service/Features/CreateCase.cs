using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Opens a case: on a customer the caller may see, or any customer for those who look callers up (service agents hold
/// <c>customers.look-up</c>), with a contact of that customer, a product and a category if given, owned by the caller
/// unless a manager gives it to someone in a team they manage; numbered CS-yyyy-nnnnnn and saved. Also the follow-up
/// case of a closed one.
/// </summary>
public sealed class CreateCase(KeqingDb db, ICustomerDirectory customers, IProductCatalog products, IUserDirectory users,
    IRecordAccess access, CurrentUser user, DomainEvents events, TimeProvider time)
{
    public async Task<ServiceCase> Create(CreateCaseRequest r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("subject", r.Subject).MaxLength("subject", r.Subject, 200).MaxLength("description", r.Description, 10_000);
        if (r.Type is { } type && !Enum.IsDefined(type)) errors.Add("type", FieldErrors.Text("type is one of question, complaint, repair, request."));
        if (r.Priority is { } priority && !Enum.IsDefined(priority)) errors.Add("priority", FieldErrors.Text("priority is one of low, normal, high, urgent."));
        if (r.Channel is { } channel && !Enum.IsDefined(channel)) errors.Add("channel", FieldErrors.Text("channel is one of phone, email, portal, api, agent."));
        if (await CustomerFor(r.CustomerId, ct) is null) errors.Add("customerId", FieldErrors.Text("No customer you may see has this id."));
        else if (r.ContactId is { } contactId && (await customers.ContactsOf(r.CustomerId, ct)).All(c => c.Id != contactId))
            errors.Add("contactId", FieldErrors.Text("Not a contact of this customer."));
        await CheckProductAndCategory(r.ProductId, r.CategoryId, errors, ct);
        CheckLanguage(r.Language, errors);
        var ownerId = r.OwnerId ?? user.UserId;
        var teamId = await TeamOfOwner(ownerId, errors, ct);
        errors.ThrowIfAny();

        var now = time.GetUtcNow().UtcDateTime;
        var c = new ServiceCase
        {
            Subject = r.Subject!.Trim(), Description = Trimmed(r.Description), Type = r.Type ?? CaseType.Question,
            Priority = r.Priority ?? CasePriority.Normal, CategoryId = r.CategoryId, CustomerId = r.CustomerId, ContactId = r.ContactId,
            ProductId = r.ProductId, OwnerId = ownerId, TeamId = teamId, Channel = r.Channel ?? CaseChannel.Api, Status = CaseStatus.New,
            Language = Trimmed(r.Language), CreatedBy = user.UserIdOrNull, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(c);
        await Save(c, ct);
        return c;
    }

    /// <summary>
    /// A new case for a closed case (or one resolved longer ago than the reopen window) that needs work again: the same
    /// customer, contact, product, category, type and priority, its old owner if still active, linked as a follow-up.
    /// Added to the unit of work; <see cref="Save"/> numbers and saves it with whatever else the caller changed.
    /// </summary>
    public async Task<ServiceCase> FollowUp(ServiceCase old, CaseChannel channel, CancellationToken ct)
    {
        var owner = await users.Find(old.OwnerId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var c = new ServiceCase
        {
            Subject = old.Subject, Description = old.Description, Type = old.Type, Priority = old.Priority, CategoryId = old.CategoryId,
            CustomerId = old.CustomerId, ContactId = old.ContactId, ProductId = old.ProductId, Language = old.Language,
            OwnerId = owner is { IsActive: true } ? owner.Id : user.UserIdOrNull ?? old.OwnerId,
            TeamId = owner is { IsActive: true } ? owner.TeamId : old.TeamId, Channel = channel, Status = CaseStatus.New,
            CreatedBy = user.UserIdOrNull, CreatedAt = now, UpdatedAt = now,
        };
        if (c.OwnerId != old.OwnerId) c.TeamId = (await users.Find(c.OwnerId, ct))?.TeamId;
        db.Add(c);
        db.Add(new CaseLink { CaseId = c.Id, OtherCaseId = old.Id, Kind = CaseLinkKind.FollowUp, CreatedBy = user.UserIdOrNull, CreatedAt = now });
        return c;
    }

    /// <summary>A case's language is a tag (zh-CN, en, yue-HK); empty is none.</summary>
    public static void CheckLanguage(string? language, FieldErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(language) && !LanguageTag.IsWellFormed(language.Trim()))
            errors.Add("language", FieldErrors.Text("language is a language tag such as zh-CN, en or yue."));
    }

    /// <summary>Numbers each new case of the unit of work and saves it, in one transaction so two cases never share a number.</summary>
    public async Task Save(ServiceCase c, CancellationToken ct)
    {
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await Number(c, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
    }

    /// <summary>Numbers a new case and raises <see cref="CaseOpened"/>, inside the caller's transaction (which saves it).</summary>
    public async Task Number(ServiceCase c, CancellationToken ct)
    {
        c.Number = await DocumentNumbers.Next(db, db.Set<ServiceCase>().Select(x => x.Number), $"CS-{c.CreatedAt.Year}-", ct);
        events.Raise(new CaseOpened(c.Id, c.CustomerId, c.Type, c.Priority, c.Channel, c.CreatedAt));
    }

    /// <summary>The customer if the caller may see it, or any customer for those who look callers up.</summary>
    public async Task<CustomerSummary?> CustomerFor(Guid customerId, CancellationToken ct) =>
        await customers.FindVisible(customerId, ct)
        ?? (user.Can(CustomersCapabilities.LookUp) && (await customers.Find([customerId], ct)).TryGetValue(customerId, out var found) ? found : null);

    public async Task CheckProductAndCategory(Guid? productId, Guid? categoryId, FieldErrors errors, CancellationToken ct)
    {
        if (productId is { } p && !(await products.Get([p], ct)).ContainsKey(p)) errors.Add("productId", FieldErrors.Text("No such product."));
        if (categoryId is { } cat && !await db.Set<CaseCategory>().AnyAsync(x => x.Id == cat && x.ArchivedAt == null, ct))
            errors.Add("categoryId", FieldErrors.Text("No such category."));
    }

    /// <summary>
    /// The team of who is to own a case: oneself, or, for an admin or a manager holding <see cref="ServiceCapabilities.Manage"/>,
    /// an active user of a team they manage; otherwise a field error on ownerId.
    /// </summary>
    public async Task<Guid?> TeamOfOwner(Guid ownerId, FieldErrors errors, CancellationToken ct)
    {
        var owner = await users.Find(ownerId, ct);
        if (owner is not { IsActive: true })
        {
            errors.Add("ownerId", FieldErrors.Text("No active user has this id."));
            return null;
        }
        if (ownerId == user.UserId) return owner.TeamId;
        var scope = await access.ScopeAsync(ct);
        if (!user.Can(ServiceCapabilities.Manage) || (!scope.IsAdmin && (owner.TeamId is not { } team || !scope.ManagedTeamIds.Contains(team))))
            errors.Add("ownerId", FieldErrors.Text("You may give a case only to someone in a team you manage."));
        return owner.TeamId;
    }

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
