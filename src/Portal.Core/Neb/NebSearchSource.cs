using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Markdown;
using Portal.Core.Search;

namespace Portal.Core.Neb;

/// <summary>NEB resources and their access guides for the main search.</summary>
public sealed class NebSearchSource(MarkdownRenderer markdown) : ISearchDocumentSource
{
    public string Kind => SearchKinds.Neb;

    public async Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        if (!int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var id))
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

    private SearchDocument ToSearchDocument(NebResource r) => new()
    {
        Kind = SearchKinds.Neb,
        Key = r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Title = r.Title,
        // The hub shows every resource on one page; the anchor is the resource's card.
        Url = $"/neb#{r.Slug}",
        Body = string.Join("\n\n", r.Description, markdown.ToPlainText(r.GuideMarkdown)).Trim(),
        Headings = string.Join("\n", markdown.Render(r.GuideMarkdown).Toc.Select(t => t.Text)),
        Category = r.Category,
    };
}
