using Keqing.Infrastructure.Modules;
using System.Security.Claims;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Imports.Api;

/// <summary>The import endpoints: upload (multipart), preview, mapping, start, progress, cancel, rejected rows.</summary>
public static class ImportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        // No Accepts metadata: routing would answer 415 to any other body before authorization; the handler refuses it with a 400.
        imports.MapPost("", Upload).DisableAntiforgery()
            .Produces<ImportCreated>(StatusCodes.Status202Accepted)
            .WithSummary("Uploads a CSV or .xlsx of customers, leads, distributors' reports or products (multipart: file, entity=customers|leads|sell-through|products, mapping JSON, mode=skip|fillEmpty|overwrite, source, legalBasis, dryRun, ownerId or ownerTeamId).")
            .WithDescription("dryRun=true keeps the upload as a draft to preview (GET /api/imports/{id}/preview), correct (PUT …/mapping) and start (POST …/start); otherwise it is queued at once. A file that cannot be read as a table is a 400 with errors.file. An owner column (user email or name) gives each row its owner; rows without one go to ownerId, or in turn to the sales staff of ownerTeamId, or to the importer.");
        imports.MapGet("", (ClaimsPrincipal user, ModuleCatalog catalog, ListImports list, int? limit, string? after, CancellationToken ct) =>
                list.Handle(Importer.From(user, catalog), limit, after, ct))
            .WithSummary("The caller's imports, newest first (an admin sees everyone's); ?limit=50&after=<next> pages on.");
        imports.MapGet("/fields", (string? entity) => ImportEntities.IsKnown(entity ?? ImportEntities.Customers)
                ? ImportEntities.FieldsOf(entity ?? ImportEntities.Customers).Select(f => new ImportFieldDto(f.Field, FieldErrors.Text(f.Label), f.Target))
                : throw new ValidationFailedException("entity", FieldErrors.Text("entity is customers, leads, sell-through or products.")))
            .WithSummary("The fields a column can be mapped to (?entity=customers|leads|sell-through|products).");
        imports.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, ModuleCatalog catalog, GetImport get, CancellationToken ct) => get.Handle(Importer.From(user, catalog), id, ct))
            .WithSummary("An import's status, progress and counts; errorsUrl downloads the rejected rows.");
        imports.MapGet("/{id:guid}/preview", (Guid id, ClaimsPrincipal user, ModuleCatalog catalog, PreviewImport preview, CancellationToken ct) =>
                preview.Handle(Importer.From(user, catalog), id, ct))
            .WithSummary("The first rows as they will be stored with every invalid cell explained, and how many rows are invalid or duplicates.");
        imports.MapPut("/{id:guid}/mapping", (Guid id, Dictionary<string, string?> mapping, ClaimsPrincipal user, ModuleCatalog catalog, UpdateImportMapping update,
                CancellationToken ct) => update.Handle(Importer.From(user, catalog), id, mapping, ct))
            .WithSummary("Corrects a draft's mapping: { \"<column>\": \"<field>\" | null }.");
        imports.MapPost("/{id:guid}/start", async (Guid id, StartImportRequest? request, ClaimsPrincipal user, ModuleCatalog catalog, StartImport start, CancellationToken ct) =>
                TypedResults.Accepted($"/api/imports/{id}", await start.Handle(Importer.From(user, catalog), id, request ?? new StartImportRequest(), ct)))
            .WithSummary("Starts a draft import, optionally with a corrected mapping, mode, source or legal basis.");
        imports.MapPost("/{id:guid}/cancel", (Guid id, ClaimsPrincipal user, ModuleCatalog catalog, CancelImport cancel, CancellationToken ct) =>
                cancel.Handle(Importer.From(user, catalog), id, ct))
            .WithSummary("Cancels an import; a running one stops after its current batch and keeps the rows already written.");
        imports.MapGet("/{id:guid}/errors", async (Guid id, ClaimsPrincipal user, ModuleCatalog catalog, ImportErrorsCsv errors, HttpResponse response, CancellationToken ct) =>
        {
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"import-{id:N}-errors.csv\"";
            await errors.Write(Importer.From(user, catalog), id, response.Body, ct);
        }).Produces(200, contentType: "text/csv").WithSummary("The rejected rows as CSV: the original columns and an error column.");
    }

    private static async Task<IResult> Upload(HttpContext http, ModuleCatalog catalog, CreateImport create, IOptions<ImportOptions> options, CancellationToken ct)
    {
        var importer = Importer.From(http.User, catalog);
        importer.EnsureMayImport();
        var max = options.Value.MaxUploadMegabytes << 20;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max + (1 << 20);
        if (!http.Request.HasFormContentType)
            throw new ValidationFailedException("file", FieldErrors.Text("Send the file as multipart/form-data in the field 'file'."));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max, ValueLengthLimit = 1 << 20 }, ct);
        }
        // A broken multipart body (InvalidDataException) or one that ends early (IOException) is the client's; a body over
        // the size limit (BadHttpRequestException, also an IOException) keeps its own status.
        catch (Exception broken) when (broken is InvalidDataException || (broken is IOException && broken is not BadHttpRequestException))
        {
            throw new ValidationFailedException("file", FieldErrors.Text("The upload could not be read (too large or broken multipart)."));
        }
        InputRules.CheckForm(form);
        var file = form.Files.GetFile("file") ?? throw new ValidationFailedException("file", FieldErrors.Text("Required."));
        var dryRun = form["dryRun"].ToString() is { Length: > 0 } d && (d.Equals("true", StringComparison.OrdinalIgnoreCase) || d == "1");
        var request = new ImportRequest(form["entity"].ToString() is { Length: > 0 } e ? e : null, form["mapping"], form["mode"],
            form["source"], form["legalBasis"], dryRun, form["ownerId"], form["ownerTeamId"]);
        await using var stream = file.OpenReadStream();
        var created = await create.Handle(importer, stream, file.FileName, request, ct);
        return TypedResults.Accepted($"/api/imports/{created.Id}", created);
    }
}
