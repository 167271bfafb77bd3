using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Neb;

namespace Portal.Core.Search.Sources;

/// <summary>NEB resources with their access guides.</summary>
public sealed class NebResourceSearchSource : ISearchDocumentSource
{
    public string Kind => SearchKinds.Neb;

    public async Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var resource = await db.NebResources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return resource is null ? null : ToSearchDocument(resource);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var resource in db.NebResources.AsNoTracking().OrderBy(r => r.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToSearchDocument(resource);
        }
    }

    public static SearchDocument ToSearchDocument(NebResource resource) => new()
    {
        Kind = SearchKinds.Neb,
        Key = resource.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Title = resource.Title,
        Url = $"/neb#{resource.Slug}",
        Body = resource.Description + "\n\n" + MarkdownText.ToPlainText(resource.GuideMarkdown),
        Headings = MarkdownText.Headings(resource.GuideMarkdown),
        Category = string.IsNullOrWhiteSpace(resource.Category) ? null : resource.Category,
        DocType = "Ресурс НЭБ",
    };
}
