using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Portal.Core.Accounts;
using Portal.Core.Documents;
using Portal.Core.Files;
using Portal.Core.Markdown;
using Portal.Core.Materials;
using Portal.Core.Neb;

namespace Portal.Web.Infrastructure;

/// <summary>Documents, materials, NEB, uploaded files and user administration.</summary>
public static class PublishingSetup
{
    public static IServiceCollection AddPublishingFeature(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<FileStorage>();
        services.AddSingleton<DocumentListCache>();
        services.AddScoped<DocumentCatalog>();
        services.AddScoped<MaterialLibrary>();
        services.AddScoped<NebDirectory>();
        services.AddScoped<UserAdministration>();
        services.Configure<RazorPagesOptions>(o =>
        {
            // Create and edit share one page each; "new" reads better in a link than an empty id.
            o.Conventions.AddPageRoute("/Documents/Edit", "documents/new");
            o.Conventions.AddPageRoute("/Materials/Edit", "materials/new");
            o.Conventions.AddPageRoute("/Neb/Edit", "neb/new");
            o.Conventions.AddPageRoute("/Admin/Users/Edit", "admin/users/new");
        });
        return services;
    }

    public static WebApplication MapPublishingEndpoints(this WebApplication app)
    {
        app.MapGet("/files/{id:int}/{name?}", ServeFileAsync);
        return app;
    }

    /// <summary>
    /// Streams an upload with its checked type. PDF and images open in the browser, office files
    /// download; attachments of unpublished materials, and files not yet attached, are for publishers only.
    /// </summary>
    private static async Task<IResult> ServeFileAsync(int id, HttpContext context, FileStorage storage, MaterialLibrary materials, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var file = await storage.FindAsync(id, cancellationToken);
        if (file is null)
        {
            return Results.NotFound();
        }
        var canPublish = (await authorization.AuthorizeAsync(context.User, Policies.Publish)).Succeeded;
        if (file.Owner is null && !canPublish)
        {
            // Not attached to anything yet (an upload whose form was never saved).
            return Results.NotFound();
        }
        if (file.Owner is { } owner && owner.StartsWith(MaterialLibrary.FileOwnerKind + ":", StringComparison.Ordinal)
            && int.TryParse(owner.AsSpan(MaterialLibrary.FileOwnerKind.Length + 1), out var materialId))
        {
            var material = await materials.GetAsync(materialId, cancellationToken);
            if (material is null || (!material.IsPublished && !canPublish))
            {
                return Results.NotFound();
            }
        }
        var stream = storage.OpenRead(file);
        if (stream is null)
        {
            return Results.NotFound();
        }
        var inline = file.ContentType == FileTypes.Pdf.ContentType || FileTypes.IsImage(file.ContentType);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return Results.Stream(stream, file.ContentType, lastModified: file.UploadedAt, entityTag: new EntityTagHeaderValue("\"" + file.Sha256 + "\""), enableRangeProcessing: true);
    }
}
