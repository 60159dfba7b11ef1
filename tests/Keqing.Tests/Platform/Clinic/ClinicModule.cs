using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Platform.Clinic;

/// <summary>
/// A module that lives outside Keqing's folder and assembly, as a new business module would: it declares its record
/// type and personal fields and uses only other modules' Contracts. Privacy's masking, reveal, access log, audit
/// redaction and data-subject export and erasure come with the declarations; it writes no privacy code of its own.
/// </summary>
public sealed class ClinicModule : IKeqingModule
{
    public const string RecordType = "clinic.patient";

    public ModuleManifest Manifest { get; } = new("clinic") { RecordTypes = [typeof(Patient)] };

    public void AddServices(IServiceCollection services, IConfiguration configuration) { }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        var patients = api.MapGroup("/clinic/patients");
        patients.MapPost("", async (PatientInput input, KeqingDb db, ICustomerDirectory customers, IPersonalDataMasker masker, CancellationToken ct) =>
        {
            if (await customers.FindVisible(input.CustomerId, ct) is null) throw new NotFoundException("customer");
            var patient = new Patient { CustomerId = input.CustomerId, Name = input.Name, Mobile = input.Mobile, Diagnosis = input.Diagnosis };
            db.Add(patient);
            await db.SaveChangesAsync(ct);
            var shown = await masker.Mask(RecordType, [PatientDto.Of(patient)], p => p.Id, ct, logViews: false);
            return TypedResults.Created($"/api/clinic/patients/{patient.Id}", shown[0]);
        });
        patients.MapGet("/{id:guid}", async (Guid id, KeqingDb db, ICustomerDirectory customers, IPersonalDataMasker masker, CancellationToken ct) =>
        {
            var patient = await db.Set<Patient>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (patient is null || await customers.FindVisible(patient.CustomerId, ct) is null) throw new NotFoundException("patient");
            return (await masker.Mask(RecordType, [PatientDto.Of(patient)], p => p.Id, ct))[0];
        });
    }
}
