using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Materials;

namespace Portal.Core.Search.Sources;

/// <summary>Methodological materials: only published ones are searchable (a draft is removed from the index).</summary>
public sealed class MaterialSearchSource : ISearchDocumentSource
{
    public string Kind => SearchKinds.Material;

    public async Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
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

    public static SearchDocument ToSearchDocument(Material material) => new()
    {
        Kind = SearchKinds.Material,
        Key = material.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Title = material.Title,
        Url = $"/materials/{material.Slug}",
        Body = material.Summary + "\n\n" + MarkdownText.ToPlainText(material.BodyMarkdown),
        Headings = MarkdownText.Headings(material.BodyMarkdown),
        Category = string.IsNullOrWhiteSpace(material.Category) ? null : material.Category,
        DocType = "Методический материал",
        Date = material.PublishedAt is { } published ? DateOnly.FromDateTime(published) : null,
        Tags = MaterialTags.Parse(material.Tags),
    };
}
