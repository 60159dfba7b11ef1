using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Keqing.Modules.Service.Api;

/// <summary>Cases (工单): create, read, change, list; reply, note, assign, resolve, reopen, close, link, merge; files; the category tree.</summary>
public static class ServiceApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Service").RequireAuthorization(ServiceCapabilities.Work);
        cases.MapGet("", (ListCases handler, [AsParameters] ListParameters p, CancellationToken ct) => handler.Handle(p.ToQuery(), p.Limit, p.After, ct))
            .WithSummary("The cases the caller may see, newest first, keyset-paged; filters status, type, priority, ownerId, teamId, customerId, categoryId (with its sub-categories), q (number or subject), open, mine, queue (the caller's team), sla (nearBreach or breached), shared (others' cases shared with me).");
        cases.MapPost("", async (CreateCaseRequest request, CreateCase create, GetCase get, HttpResponse response, CancellationToken ct) =>
        {
            var c = await get.ToDto(await create.Create(request, ct), ct);
            Preconditions.SetETag(response, c.Version);
            return TypedResults.Created($"/api/cases/{c.Id}", c);
        }).WithIdempotency().WithSummary("Opens a case (number CS-yyyy-nnnnnn), owned by the caller unless a service manager names another owner.");
        // Reading one case needs no capability, only record access (CaseAccess): a read collaborator (the customer's sales
        // owner given a share by intake routing, ADR 0110) opens the case they were told of; nobody else's case shows (404).
        api.MapGet("/cases/{id:guid}", async (Guid id, GetCase handler, HttpResponse response, CancellationToken ct) =>
        {
            var c = await handler.Handle(id, ct);
            Preconditions.SetETag(response, c.Version);
            return TypedResults.Ok(c);
        }).WithTags("Service").WithSummary("One case with its conversation, files and linked cases, for whoever may see it (workers, collaborators it is shared with).");
        cases.MapPut("/{id:guid}", async (Guid id, UpdateCaseRequest request, UpdateCase handler, HttpContext http, CancellationToken ct) =>
        {
            var c = await handler.Handle(id, Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, c.Version);
            return TypedResults.Ok(c);
        }).WithSummary("Changes subject, description, type, priority, category, contact and product (If-Match).");
        cases.MapPost("/{id:guid}/reply", (Guid id, CaseMessageRequest request, CaseConversation handler, CancellationToken ct) => handler.Reply(id, request, ct))
            .WithSummary("A public reply with files uploaded to the case (attachmentIds); the first sets the first response; waitOnCustomer sets the case waiting.");
        cases.MapPost("/{id:guid}/note", (Guid id, CaseMessageRequest request, CaseConversation handler, CancellationToken ct) => handler.Note(id, request, ct))
            .WithSummary("An internal note, never shown to the customer.");
        cases.MapPost("/{id:guid}/assign", (Guid id, AssignCaseRequest request, AssignCase handler, CancellationToken ct) => handler.Handle(id, request, ct))
            .WithSummary("Takes the case (ownerId = oneself) or, for a service manager, gives it to someone in a team they manage.");
        cases.MapPost("/{id:guid}/resolve", (Guid id, ChangeCaseStatus handler, CancellationToken ct) => handler.Resolve(id, ct));
        cases.MapPost("/{id:guid}/close", (Guid id, ChangeCaseStatus handler, CancellationToken ct) => handler.Close(id, ct));
        cases.MapPost("/{id:guid}/reopen", async (Guid id, ChangeCaseStatus handler, CancellationToken ct) =>
        {
            var (c, created) = await handler.Reopen(id, ct);
            return created ? Results.Created($"/api/cases/{c.Id}", c) : Results.Ok(c);
        }).WithSummary("Reopens a case resolved within the reopen window (200); otherwise opens a follow-up case linked to it (201).");
        cases.MapPost("/{id:guid}/merge", (Guid id, MergeCaseRequest request, MergeCases handler, CancellationToken ct) => handler.Merge(id, request, ct))
            .WithSummary("Merges this duplicate into intoId (same customer): its conversation and files move there and it closes; returns the survivor.");
        cases.MapPost("/{id:guid}/link", (Guid id, LinkCaseRequest request, MergeCases handler, CancellationToken ct) => handler.Link(id, request, ct))
            .WithSummary("Links another case as related.");
        cases.MapPost("/{id:guid}/attachments", Upload).DisableAntiforgery()
            .WithSummary("Uploads a file to the case (multipart field 'file'; images, PDF, Word, Excel, text; at most Keqing:Service:MaxAttachmentMegabytes), to send with a reply or note.");
        cases.MapGet("/{id:guid}/sla", async (Guid id, CaseSla sla, CancellationToken ct) =>
                await sla.Current(id, ct) is { } clock ? Results.Ok(clock) : Results.NoContent())
            .WithSummary("The case's SLA clock: policy, first-response and resolution targets, due times, business minutes left, state; 204 when no policy applies.");
        cases.MapGet("/{id:guid}/suggestions", (Guid id, string? text, CaseKnowledge handler, CancellationToken ct) => handler.Suggest(id, text, ct))
            .WithSummary("Published knowledge-base articles that may answer the case (its subject and description, or text: what the agent is typing), best first.");
        api.MapGet("/case-attachments/{id:guid}", async (Guid id, CaseAttachments files, CancellationToken ct) =>
        {
            var file = await files.Download(id, ct);
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).WithTags("Service").WithSummary("Downloads a file of a case the caller may see (as the case: record access, 404 otherwise).");

        var categories = api.MapGroup("/case-categories").WithTags("Service").RequireAuthorization(ServiceCapabilities.Work);
        categories.MapGet("", (CaseCategories handler, CancellationToken ct) => handler.List(ct)).WithSummary("The category tree, each with its path.");
        categories.MapPost("", async (CaseCategoryInput input, CaseCategories handler, CancellationToken ct) =>
        {
            var category = await handler.Create(input, ct);
            return TypedResults.Created($"/api/case-categories/{category.Id}", category);
        }).RequireAuthorization(ServiceCapabilities.ManageCategories);
        categories.MapPut("/{id:guid}", (Guid id, CaseCategoryInput input, CaseCategories handler, CancellationToken ct) => handler.Update(id, input, ct))
            .RequireAuthorization(ServiceCapabilities.ManageCategories);
        categories.MapDelete("/{id:guid}", async (Guid id, CaseCategories handler, TimeProvider time, CancellationToken ct) =>
        {
            await handler.Archive(id, time.GetUtcNow().UtcDateTime, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(ServiceCapabilities.ManageCategories).WithSummary("Archives a category without live sub-categories.");
    }

    private static async Task<IResult> Upload(Guid id, HttpContext http, CaseAccess access, CaseAttachments files, CancellationToken ct)
    {
        await access.Writable(id, ct); // 404 or 403 before reading a body the caller may not send
        var max = files.MaxBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max + (1 << 20);
        if (!http.Request.HasFormContentType)
            throw new ValidationFailedException("file", FieldErrors.Text("Send the file as multipart/form-data in the field 'file'."));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max, ValueLengthLimit = 1 << 16 }, ct);
        }
        catch (Exception broken) when (broken is InvalidDataException || (broken is IOException && broken is not BadHttpRequestException))
        {
            throw new ValidationFailedException("file", FieldErrors.Text("The upload could not be read (too large or broken multipart)."));
        }
        var file = form.Files.GetFile("file") ?? throw new ValidationFailedException("file", FieldErrors.Text("Required."));
        await using var stream = file.OpenReadStream();
        var stored = await files.Upload(id, stream, file.FileName, ct);
        return TypedResults.Created($"/api/cases/{id}/attachments/{stored.Id}", stored);
    }

    /// <summary>The list's query string.</summary>
    public sealed record ListParameters(string? Status, string? Type, string? Priority, Guid? OwnerId, Guid? TeamId, Guid? CustomerId,
        Guid? CategoryId, string? Q, bool? Open, bool? Mine, bool? Queue, int? Limit, string? After, string? Sla, bool? Shared = null)
    {
        public CaseQuery ToQuery() => new(QueryValues.Enum<CaseStatus>(Status, "status"), QueryValues.Enum<CaseType>(Type, "type"),
            QueryValues.Enum<CasePriority>(Priority, "priority"), OwnerId, TeamId, CustomerId, CategoryId, Q, Open, Mine == true, Queue == true,
            QueryValues.Enum<global::Keqing.Modules.Sla.Contracts.SlaRisk>(Sla, "sla"), Shared == true);
    }
}
