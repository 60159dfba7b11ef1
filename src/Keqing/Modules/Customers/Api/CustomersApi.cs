using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace Keqing.Modules.Customers.Api;

/// <summary>The customer archive's endpoints: customers, contacts, custom fields, audit.</summary>
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
        customers.MapGet("/{id:guid}", async (Guid id, GetCustomer handler, HttpResponse response, CancellationToken ct) =>
        {
            var customer = await handler.Handle(id, ct);
            Preconditions.SetETag(response, customer.Version);
            return TypedResults.Ok(customer);
        });
        customers.MapPost("", async (CustomerInput input, SaveCustomer handler, HttpResponse response, CancellationToken ct) =>
        {
            var customer = await handler.Create(input, ct);
            Preconditions.SetETag(response, customer.Version);
            return TypedResults.Created($"/api/customers/{customer.Id}", customer);
        }).WithIdempotency();
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
        customers.MapGet("/{id:guid}/audit", async (Guid id, GetCustomer customer, AuditTrail trail, int? limit, string? after, CancellationToken ct) =>
        {
            await customer.EnsureVisible(id, ct);
            return TypedResults.Ok(await trail.Read(nameof(Customer), id, limit, after, ct));
        }).WithSummary("The customer's audit trail, newest first.");

        customers.MapGet("/{id:guid}/shares", (Guid id, CustomerShares handler, CancellationToken ct) => handler.List(id, ct))
            .WithSummary("The teams and colleagues this customer is shared with.");
        customers.MapPost("/{id:guid}/shares", async (Guid id, ShareRequest request, CustomerShares handler, CancellationToken ct) =>
        {
            var share = await handler.Add(id, request, ct);
            return TypedResults.Created($"/api/customers/{id}/shares/{share.Id}", share);
        }).WithSummary("Share with a team (teamId) or a colleague (userId), read-only or read-write, optionally until a date.");
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
        }).RequireAuthorization(Roles.AdminPolicy).WithIdempotency();
        fields.MapPut("/{id:guid}", async (Guid id, CustomFields.Request request, CustomFields handler, HttpContext http, CancellationToken ct) =>
        {
            var field = await handler.Update(id, Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, field.Version);
            return TypedResults.Ok(field);
        }).RequireAuthorization(Roles.AdminPolicy);
    }

    /// <summary>The list's query string.</summary>
    public sealed record ListParameters(string? Q, string? Grade, Guid? OwnerId, string? Tag, string? Province,
        string? Kind, string? Sort, bool? Archived, int? Limit, string? After)
    {
        public CustomerQuery ToQuery() => new(Q, QueryValues.Enum<CustomerGrade>(Grade, "grade"), OwnerId, Tag, Province,
            QueryValues.Enum<CustomerKind>(Kind, "kind"), Sort, Archived ?? false);
    }

    /// <summary>A capped count.</summary>
    public sealed record CountResponse(int Count, bool Capped);
}
