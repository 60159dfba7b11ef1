using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>
/// The admin's forms, one active form per customer grade (and one for any grade without its own). Editing a form that
/// a done return visit used starts a new version; otherwise the current version changes in place.
/// </summary>
public sealed class ReturnVisitForms(KeqingDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<FormDto>> List(CancellationToken ct)
    {
        var forms = await db.Set<ReturnVisitForm>().AsNoTracking().OrderBy(f => f.Grade).ThenBy(f => f.Name).ToListAsync(ct);
        var ids = forms.Select(f => f.CurrentVersionId).ToList();
        var versions = await db.Set<ReturnVisitFormVersion>().AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        return forms.Select(f => ToDto(f, versions[f.CurrentVersionId])).ToList();
    }

    public async Task<FormDto> Get(Guid id, CancellationToken ct)
    {
        var form = await db.Set<ReturnVisitForm>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("form");
        return ToDto(form, await db.Set<ReturnVisitFormVersion>().AsNoTracking().SingleAsync(v => v.Id == form.CurrentVersionId, ct));
    }

    public async Task<FormDto> Create(FormInput input, CancellationToken ct)
    {
        var (name, questions) = Check(input);
        await EnsureOnlyActiveForGrade(input, null, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var form = new ReturnVisitForm { Name = name, Grade = input.Grade, Active = input.Active, CreatedAt = now, UpdatedAt = now };
        var version = new ReturnVisitFormVersion { FormId = form.Id, Number = 1, QuestionsJson = Serialize(questions), CreatedAt = now };
        form.CurrentVersionId = version.Id;
        db.Add(form);
        db.Add(version);
        await db.SaveChangesAsync(ct);
        return ToDto(form, version);
    }

    public async Task<FormDto> Update(Guid id, long expectedVersion, FormInput input, CancellationToken ct)
    {
        var form = await db.Set<ReturnVisitForm>().FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("form");
        Preconditions.ExpectVersion(db, form, expectedVersion);
        var (name, questions) = Check(input);
        await EnsureOnlyActiveForGrade(input, id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await db.Set<ReturnVisitFormVersion>().SingleAsync(v => v.Id == form.CurrentVersionId, ct);
        var json = Serialize(questions);
        if (json != current.QuestionsJson)
        {
            var currentId = current.Id;
            if (await db.Set<ReturnVisit>().AnyAsync(v => v.FormVersionId == currentId, ct))
            {
                current = new ReturnVisitFormVersion { FormId = form.Id, Number = current.Number + 1, QuestionsJson = json, CreatedAt = now };
                db.Add(current);
                form.CurrentVersionId = current.Id;
            }
            else current.QuestionsJson = json;
        }
        (form.Name, form.Grade, form.Active, form.UpdatedAt) = (name, input.Grade, input.Active, now);
        await db.SaveChangesAsync(ct);
        return ToDto(form, current);
    }

    /// <summary>The active form for a customer grade: the grade's own, else the one for any grade; null when none.</summary>
    public async Task<(ReturnVisitForm Form, ReturnVisitFormVersion Version)?> For(Customers.Contracts.CustomerGrade? grade, CancellationToken ct)
    {
        var forms = await db.Set<ReturnVisitForm>().AsNoTracking().Where(f => f.Active && (f.Grade == null || f.Grade == grade)).ToListAsync(ct);
        var form = forms.FirstOrDefault(f => f.Grade == grade && grade != null) ?? forms.FirstOrDefault(f => f.Grade == null);
        if (form is null) return null;
        return (form, await db.Set<ReturnVisitFormVersion>().AsNoTracking().SingleAsync(v => v.Id == form.CurrentVersionId, ct));
    }

    private static (string Name, IReadOnlyList<QuestionDto> Questions) Check(FormInput input)
    {
        var errors = new FieldErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", FieldErrors.Text("Required."));
        errors.MaxLength("name", name, ReturnVisitRules.MaxName);
        if (input.Grade is { } g && !Enum.IsDefined(g)) errors.Add("grade", FieldErrors.Text("A grade is A, B, C or D."));
        var questions = ReturnVisitRules.CheckQuestions(input.Questions, errors);
        errors.ThrowIfAny();
        return (name, questions);
    }

    private async Task EnsureOnlyActiveForGrade(FormInput input, Guid? self, CancellationToken ct)
    {
        if (!input.Active) return;
        var grade = input.Grade;
        if (await db.Set<ReturnVisitForm>().AnyAsync(f => f.Active && f.Grade == grade && f.Id != self, ct))
            throw new ConflictException(grade is null
                ? FieldErrors.Text("Another active form is already the form for any grade.")
                : FieldErrors.Text("Another active form is already the form for grade {0}.", grade));
    }

    private static string Serialize(IReadOnlyList<QuestionDto> questions) => JsonSerializer.Serialize(questions, ReturnVisitRules.Json);

    private static FormDto ToDto(ReturnVisitForm f, ReturnVisitFormVersion v) =>
        new(f.Id, f.Name, f.Grade, f.Active, v.Id, v.Number, ReturnVisitRules.ReadQuestions(v.QuestionsJson), f.UpdatedAt, f.Version);
}
