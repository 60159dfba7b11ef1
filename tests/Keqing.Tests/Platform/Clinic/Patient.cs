using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Tests.Platform.Clinic;

/// <summary>A clinic's patient record of a customer: the one entity of the test-only module, with a phone and a health field.</summary>
[RecordType("clinic.patient")]
public sealed class Patient : IAudited
{
    public Guid Id { get; set; } = Guid.NewGuid();
    [SubjectLink(SubjectType.Customer)] public Guid CustomerId { get; set; }
    [Personal(Sensitivity.Contact)] public string Name { get; set; } = "";
    [Personal(Sensitivity.Contact)] public string? Mobile { get; set; }
    [Personal(Sensitivity.Health)] public string? Diagnosis { get; set; }
}

/// <summary>A patient as the module's API shows it; masking reads the same attributes.</summary>
public sealed record PatientDto(Guid Id, Guid CustomerId, [Personal(Sensitivity.Contact)] string Name,
    [Personal(Sensitivity.Contact)] string? Mobile, [Personal(Sensitivity.Health)] string? Diagnosis, IReadOnlyList<string>? Masked = null)
{
    public static PatientDto Of(Patient p) => new(p.Id, p.CustomerId, p.Name, p.Mobile, p.Diagnosis);
}

/// <summary>A new patient record.</summary>
public sealed record PatientInput(Guid CustomerId, string Name, string? Mobile, string? Diagnosis);

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> b) => b.ToTable("clinic_patients");
}
