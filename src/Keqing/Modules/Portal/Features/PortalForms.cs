using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Contracts;
using Microsoft.AspNetCore.Http.Features;

namespace Keqing.Modules.Portal.Features;

/// <summary>
/// Reads a portal form (a page's post or the API's multipart body): its fields and files, with a cap on the whole upload;
/// each file is then checked by the case's own rules (size, type by content).
/// </summary>
public static class PortalForms
{
    public const int MaxUploadMegabytes = 30;

    public static async Task<(IFormCollection Form, List<CaseFile> Files)> Read(HttpContext http, CancellationToken ct)
    {
        const long max = (long)MaxUploadMegabytes << 20;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max + (1 << 20);
        if (!http.Request.HasFormContentType)
            throw new ValidationFailedException("form", FieldErrors.Text("Send the fields as multipart/form-data (files in the field 'files')."));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max, ValueLengthLimit = 1 << 16 }, ct);
        }
        catch (Exception broken) when (broken is InvalidDataException || (broken is IOException && broken is not BadHttpRequestException))
        {
            throw new ValidationFailedException("files", FieldErrors.Text("The upload could not be read (too large or broken multipart)."));
        }
        var files = new List<CaseFile>();
        foreach (var file in form.Files.GetFiles("files"))
        {
            if (file.Length == 0 && string.IsNullOrEmpty(file.FileName)) continue; // an empty file input
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            files.Add(new CaseFile(file.FileName, file.ContentType, buffer.ToArray()));
        }
        return (form, files);
    }

    /// <summary>A case type from a form field: null when empty; 400 on the field <c>type</c> when unknown.</summary>
    public static CaseType? Type(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Enum.TryParse<CaseType>(value.Trim(), ignoreCase: true, out var type) && Enum.IsDefined(type) && !value.Trim().All(char.IsAsciiDigit) ? type
        : throw new ValidationFailedException("type", FieldErrors.Text("type is one of question, complaint, repair, request."));

    /// <summary>The product a case is about, from a form field: null when empty; 400 on the field <c>productId</c> when not an id.</summary>
    public static Guid? ProductId(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Guid.TryParse(value.Trim(), out var id) ? id
        : throw new ValidationFailedException("productId", FieldErrors.Text("No such product."));
}
