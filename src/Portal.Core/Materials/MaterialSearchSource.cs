using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Markdown;
using Portal.Core.Search;

namespace Portal.Core.Materials;

/// <summary>Published materials for the main search; a draft or an unpublished material is not found.</summary>
public sealed class MaterialSearchSource(MarkdownRenderer markdown) : ISearchDocumentSource
{
    public string Kind => SearchKinds.Material;

    public async Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        if (!int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var material = await db.Materials.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.IsPublished, cancellationToken);
        return material is null ? null : ToSearchDocument(material);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var material in db.Materials.AsNoTracking().Where(m => m.IsPublished).OrderBy(m => m.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToSearchDocument(material);
        }
    }

    private SearchDocument ToSearchDocument(Material m) => new()
    {
        Kind = SearchKinds.Material,
        Key = m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Title = m.Title,
        Url = $"/materials/{m.Slug}",
        Body = string.Join("\n\n", m.Summary, markdown.ToPlainText(m.BodyMarkdown)).Trim(),
        Headings = string.Join("\n", markdown.Render(m.BodyMarkdown).Toc.Select(t => t.Text)),
        Tags = MaterialTags.Parse(m.Tags),
        Category = m.Category,
        Date = m.PublishedAt is { } published ? DateOnly.FromDateTime(published) : null,
    };
}
