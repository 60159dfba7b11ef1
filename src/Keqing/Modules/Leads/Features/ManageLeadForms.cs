using System.Security.Cryptography;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>The admin's web forms (DOMAIN M5): list, read, create with a random key, change under If-Match, delete an unused one.</summary>
public sealed class ManageLeadForms(KeqingDb db, CurrentUser user, TimeProvider time)
{
    private const int MaxFields = 10;

    public async Task<Page<LeadFormDto>> List(int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var rows = db.Set<LeadForm>().AsNoTracking();
        if (Paging.Decode<Guid?>(after) is { } last) rows = rows.Where(f => f.Id.CompareTo(last) > 0);
        var items = await rows.OrderBy(f => f.Id).Take(take + 1).ToListAsync(ct);
        return Paging.ToPage(items.Select(ToDto).ToList(), take, f => (Guid?)f.Id);
    }

    public async Task<LeadFormDto> Get(Guid id, CancellationToken ct) => ToDto(await Load(id, tracked: false, ct));

    public async Task<LeadFormDto> Create(LeadFormInput input, CancellationToken ct)
    {
        Check(input);
        var now = time.GetUtcNow().UtcDateTime;
        var form = new LeadForm { Key = NewKey(), CreatedById = user.UserId, CreatedAt = now };
        Apply(form, input, now);
        db.Add(form);
        await db.SaveChangesAsync(ct);
        return ToDto(form);
    }

    public async Task<LeadFormDto> Update(Guid id, long expectedVersion, LeadFormInput input, CancellationToken ct)
    {
        var form = await Load(id, tracked: true, ct);
        Check(input);
        Preconditions.ExpectVersion(db, form, expectedVersion);
        Apply(form, input, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return ToDto(form);
    }

    /// <summary>Deletes a form nobody has posted yet; one with posts is kept as their record (409: deactivate it instead).</summary>
    public async Task Delete(Guid id, CancellationToken ct)
    {
        var form = await Load(id, tracked: true, ct);
        if (await db.Set<FormSubmission>().AnyAsync(s => s.FormId == id, ct))
            throw new ConflictException(FieldErrors.Text("The form has submissions; deactivate it instead."));
        db.Remove(form);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>128 random bits, URL-safe: a form's address cannot be guessed from another's.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static LeadFormDto ToDto(LeadForm f) => new(
        f.Id, f.Key, f.Name, LeadFormFields.Read(f.Fields), f.TitleZh, f.TitleEn, f.ThankYouZh, f.ThankYouEn, f.AsksConsent,
        f.ConsentTextZh, f.ConsentTextEn, f.ConsentVersion, f.Source, f.SourceDetail, f.Active, f.CreatedById, f.CreatedAt,
        f.UpdatedAt, f.Version, "/f/" + f.Key);

    private async Task<LeadForm> Load(Guid id, bool tracked, CancellationToken ct)
    {
        var set = tracked ? db.Set<LeadForm>() : db.Set<LeadForm>().AsNoTracking();
        return await set.FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("form");
    }

    private static void Apply(LeadForm form, LeadFormInput input, DateTime now)
    {
        var name = input.Name!.Trim();
        form.Name = name;
        form.Fields = LeadFormFields.Write(input.Fields!.Select(f =>
        {
            var definition = LeadFormFields.Find(f.Field)!;
            return new LeadFormField(f.Field, Or(f.LabelZh, definition.LabelZh), Or(f.LabelEn, definition.LabelEn), f.Required);
        }));
        form.TitleZh = Or(input.TitleZh, name);
        form.TitleEn = Or(input.TitleEn, form.TitleZh);
        form.ThankYouZh = Or(input.ThankYouZh, "感谢您的留言，我们会尽快与您联系。");
        form.ThankYouEn = Or(input.ThankYouEn, "Thank you. We will be in touch shortly.");
        form.AsksConsent = input.AsksConsent;
        form.ConsentTextZh = input.AsksConsent ? input.ConsentTextZh!.Trim() : Blank(input.ConsentTextZh);
        form.ConsentTextEn = Blank(input.ConsentTextEn) ?? form.ConsentTextZh;
        form.ConsentVersion = Blank(input.ConsentVersion);
        form.Source = input.Source ?? LeadSource.WebForm;
        form.SourceDetail = Blank(input.SourceDetail) ?? name;
        form.Active = input.Active;
        form.UpdatedAt = now;
    }

    private static void Check(LeadFormInput input)
    {
        var errors = new FieldErrors().Required("name", input.Name).MaxLength("name", input.Name, 200)
            .MaxLength("titleZh", input.TitleZh, 200).MaxLength("titleEn", input.TitleEn, 200)
            .MaxLength("thankYouZh", input.ThankYouZh, 2000).MaxLength("thankYouEn", input.ThankYouEn, 2000)
            .MaxLength("consentTextZh", input.ConsentTextZh, 2000).MaxLength("consentTextEn", input.ConsentTextEn, 2000)
            .MaxLength("consentVersion", input.ConsentVersion, 40).MaxLength("sourceDetail", input.SourceDetail, 200);
        if (input.AsksConsent)
            errors.Required("consentTextZh", input.ConsentTextZh).Required("consentVersion", input.ConsentVersion);
        var fields = input.Fields ?? [];
        if (fields.Count == 0) errors.Add("fields", FieldErrors.Text("Choose at least one field."));
        if (fields.Count > MaxFields) errors.Add("fields", FieldErrors.Text("At most {0} entries.", MaxFields));
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            if (f is null || LeadFormFields.Find(f.Field) is null)
            {
                errors.Add($"fields[{i}].field", FieldErrors.Text("Not a lead field a form may ask: one of {0}.",
                    string.Join(", ", LeadFormFields.All.Select(d => d.Field))));
                continue;
            }
            errors.MaxLength($"fields[{i}].labelZh", f.LabelZh, 100).MaxLength($"fields[{i}].labelEn", f.LabelEn, 100);
            if (fields.Take(i).Any(o => o?.Field == f.Field)) errors.Add($"fields[{i}].field", FieldErrors.Text("This field is asked twice."));
        }
        var asked = fields.Where(f => f is not null).Select(f => f.Field).ToHashSet();
        if (fields.Count > 0 && !asked.Contains(LeadFormFields.Name) && !asked.Contains(LeadFormFields.Company))
            errors.Add("fields", FieldErrors.Text("Ask for a name or a company."));
        if (fields.Count > 0 && !asked.Contains(LeadFormFields.Phone) && !asked.Contains(LeadFormFields.Email))
            errors.Add("fields", FieldErrors.Text("Ask for a phone or an email, so the inquiry can be answered."));
        errors.ThrowIfAny();
    }

    private static string Or(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
