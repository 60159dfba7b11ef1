using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Keqing.Modules.Customers.Api;

/// <summary>The customer archive's endpoints: customers, contacts, custom fields, audit, the company-registry lookup.</summary>
public static class CustomersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapGet("", (ListCustomers handler, [AsParameters] ListParameters p, CancellationToken ct) =>
            handler.Handle(p.ToQuery(), p.Limit, p.After, ct))
            .WithSummary("Customers the caller may see: search, filter, sort, keyset-paged.");
        customers.MapGet("/count", async (ListCustomers handler, [AsParameters] ListParameters p, CancellationToken ct) =>
        {
            var (count, capped) = await handler.Count(p.ToQuery(), ct);
            return TypedResults.Ok(new CountResponse(count, capped));
        }).WithSummary($"How many customers match, counted up to {ListCustomers.CountCap} (capped: true beyond).");
        customers.MapGet("/export", async (ExportCustomers exporter, [AsParameters] ListParameters p, string? format, string? columns,
            CancellationToken ct) =>
        {
            var kind = (format ?? "csv").ToLowerInvariant();
            if (kind is not ("csv" or "xlsx")) throw new ValidationFailedException("format", FieldErrors.Text("format is csv or xlsx."));
            var export = await exporter.Prepare(p.ToQuery(), columns, ct);
            var name = export.FileName(kind);
            if (kind == "csv") return Results.Stream(stream => export.WriteCsv(stream, ct), "text/csv; charset=utf-8", name);
            // A zip needs a seekable stream: the sheet is built in a temporary file (deleted on close), then sent.
            var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            try
            {
                await export.WriteXlsx(file, ct);
            }
            catch
            {
                await file.DisposeAsync();
                throw;
            }
            file.Position = 0;
            return Results.File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
        }).WithSummary("The filtered list (same filters as GET /api/customers) as CSV or .xlsx; columns= picks columns (default: the list's).");
        customers.MapPost("/duplicates/check", async (DuplicateProbe probe, DuplicateFinder finder, CustomerPrivacy privacy, CancellationToken ct) =>
                // Like search: a role that may not see persons' phones and emails cannot use them to find someone.
                DuplicateReasonText.Localized(await finder.Find(await privacy.MaySearchContactPoints(ct) ? probe : probe with { Phones = null, Emails = null }, null, ct)))
            .WithSummary("Likely duplicates of a customer being entered (name, city, province, phones, emails, credit code).");
        customers.MapGet("/{id:guid}/duplicates", async (Guid id, GetCustomer customer, DuplicateFinder finder, CancellationToken ct) =>
        {
            var c = await customer.Handle(id, ct);
            return DuplicateReasonText.Localized(await finder.Find(new DuplicateProbe(c.Name, c.City, c.Province, c.Phones, c.Emails, c.CreditCode), id, ct));
        }).WithSummary("Likely duplicates of this customer among those the caller may see, with score and reasons.");
        customers.MapPost("/{id:guid}/merge", async (Guid id, MergeRequest request, MergeCustomers handler, HttpContext http, CancellationToken ct) =>
        {
            var result = await handler.Handle(id, Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, result.Survivor.Version);
            return TypedResults.Ok(result);
        }).WithSummary("Merges otherIds into this customer (If-Match); fields: {field: customerId whose value wins}.");
        customers.MapGet("/{id:guid}", async (Guid id, GetCustomer handler, HttpResponse response, CancellationToken ct) =>
        {
            var customer = await handler.Handle(id, ct);
            Preconditions.SetETag(response, customer.Version);
            return TypedResults.Ok(customer);
        });
        customers.MapPost("", async Task<Results<Created<CustomerDto>, ProblemHttpResult>> (CustomerInput input, bool? duplicatesConfirmed,
            SaveCustomer handler, HttpResponse response, CancellationToken ct) =>
        {
            try
            {
                var customer = await handler.Create(input, duplicatesConfirmed == true, ct);
                Preconditions.SetETag(response, customer.Version);
                return TypedResults.Created($"/api/customers/{customer.Id}", customer);
            }
            catch (LikelyDuplicateException e)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: FieldErrors.Text("Likely duplicate"),
                    detail: FieldErrors.Text("This looks like a customer that exists already (see duplicates); if it is another one, send it again with ?duplicatesConfirmed=true."),
                    extensions: new Dictionary<string, object?> { ["duplicates"] = DuplicateReasonText.Localized(e.Matches) });
            }
        }).WithIdempotency()
            .WithSummary("Creates a customer; a likely duplicate of one the caller sees answers 409 with `duplicates` unless ?duplicatesConfirmed=true.");
        customers.MapPut("/{id:guid}", async (Guid id, CustomerInput input, SaveCustomer handler, HttpContext http, CancellationToken ct) =>
        {
            var customer = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, customer.Version);
            return TypedResults.Ok(customer);
        });
        customers.MapDelete("/{id:guid}", async (Guid id, ArchiveCustomer handler, CancellationToken ct) =>
        {
            await handler.Archive(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Archives the customer (it keeps its history; an admin can restore it).");
        customers.MapPost("/{id:guid}/restore", async (Guid id, ArchiveCustomer handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.Restore(id, ct)));
        customers.MapGet("/{id:guid}/audit", async (Guid id, GetCustomer customer, IAuditTrail trail, int? limit, string? after, CancellationToken ct) =>
        {
            await customer.EnsureVisible(id, ct);
            return TypedResults.Ok(await trail.Read(CustomersRecordTypes.Customer, id, limit, after, ct));
        }).WithSummary("The customer's audit trail, newest first.");

        var duplicates = api.MapGroup("/duplicates").WithTags("Customers");
        duplicates.MapGet("", async (DuplicateQueue queue, Guid? customerId, int? limit, string? after, CancellationToken ct) =>
                DuplicateReasonText.Localized(await queue.List(customerId, limit, after, ct)))
            .WithSummary("The duplicate review queue: open pairs the caller may see both sides of, best first.");
        duplicates.MapPost("/{id:guid}/dismiss", async (Guid id, DuplicateQueue queue, CancellationToken ct) =>
        {
            await queue.Dismiss(id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Not a duplicate: the pair leaves the queue and stays dismissed.");
        duplicates.MapPost("/scan", async (Jobs.DuplicateScanJob job, CancellationToken ct) =>
                await job.RunNow(ct) is { } result ? Results.Ok(result) : throw new ConflictException("A duplicate scan is running already."))
            .RequireAuthorization(CustomersCapabilities.ScanDuplicates).WithSummary("Scans all customers for duplicates now (admins).");
        duplicates.MapGet("/scan", (Jobs.DuplicateScanJob job, CancellationToken ct) => job.Status(ct))
            .RequireAuthorization(CustomersCapabilities.ScanDuplicates)
            .WithSummary("The scheduled duplicate scan (admins): running or not, when it last ran, and the last finished scan's figures.");

        customers.MapGet("/{id:guid}/shares", (Guid id, CustomerShares handler, CancellationToken ct) => handler.List(id, ct))
            .WithSummary("The teams and colleagues this customer is shared with.");
        customers.MapPost("/{id:guid}/shares", async Task<Results<Created<ShareDto>, Ok<ShareDto>>> (Guid id, ShareRequest request, CustomerShares handler, CancellationToken ct) =>
        {
            var (share, created) = await handler.Add(id, request, ct);
            return created ? TypedResults.Created($"/api/customers/{id}/shares/{share.Id}", share) : TypedResults.Ok(share);
        }).WithSummary("Share with a team (teamId) or a colleague (userId), read-only or read-write, optionally until a date; "
                       + "sharing again with the same team or colleague answers 200 with that share, set to the level asked for.");
        customers.MapDelete("/{id:guid}/shares/{shareId:guid}", async (Guid id, Guid shareId, CustomerShares handler, CancellationToken ct) =>
        {
            await handler.Remove(id, shareId, ct);
            return TypedResults.NoContent();
        });

        customers.MapGet("/{id:guid}/contacts", (Guid id, Contacts handler, CancellationToken ct) => handler.List(id, ct));
        customers.MapPost("/{id:guid}/contacts", async (Guid id, ContactInput input, Contacts handler, HttpResponse response, CancellationToken ct) =>
        {
            var contact = await handler.Create(id, input, ct);
            Preconditions.SetETag(response, contact.Version);
            return TypedResults.Created($"/api/contacts/{contact.Id}", contact);
        }).WithIdempotency();

        var contacts = api.MapGroup("/contacts").WithTags("Customers");
        contacts.MapGet("/{id:guid}", async (Guid id, Contacts handler, HttpResponse response, CancellationToken ct) =>
        {
            var contact = await handler.Get(id, ct);
            Preconditions.SetETag(response, contact.Version);
            return TypedResults.Ok(contact);
        });
        contacts.MapPut("/{id:guid}", async (Guid id, ContactInput input, Contacts handler, HttpContext http, CancellationToken ct) =>
        {
            var contact = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, contact.Version);
            return TypedResults.Ok(contact);
        });
        contacts.MapDelete("/{id:guid}", async (Guid id, Contacts handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        });

        var fields = api.MapGroup("/custom-fields").WithTags("Customers");
        fields.MapGet("", (CustomFields handler, CancellationToken ct) => handler.List(ct));
        fields.MapPost("", async (CustomFields.Request request, CustomFields handler, CancellationToken ct) =>
        {
            var field = await handler.Create(request, ct);
            return TypedResults.Created($"/api/custom-fields/{field.Id}", field);
        }).RequireAuthorization(CustomersCapabilities.ManageCustomFields).WithIdempotency();
        fields.MapPut("/{id:guid}", async (Guid id, CustomFields.Request request, CustomFields handler, HttpContext http, CancellationToken ct) =>
        {
            var field = await handler.Update(id, Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, field.Version);
            return TypedResults.Ok(field);
        }).RequireAuthorization(CustomersCapabilities.ManageCustomFields);

        CompanyRegistryApi.Map(api);
    }

    /// <summary>The list's query string.</summary>
    public sealed record ListParameters(string? Q, string? Grade, Guid? OwnerId, string? Tag, string? Province,
        string? Kind, string? Sort, bool? Archived, int? Limit, string? After, bool? Shared = null)
    {
        public CustomerQuery ToQuery() => new(Q, QueryValues.Enum<CustomerGrade>(Grade, "grade"), OwnerId, Tag, Province,
            QueryValues.Enum<CustomerKind>(Kind, "kind"), Sort, Archived ?? false, Shared ?? false);
    }

    /// <summary>A capped count.</summary>
    public sealed record CountResponse(int Count, bool Capped);
}
