using Portal.Core.Data;
using Portal.Core.Markdown;
using Portal.Core.Search;

namespace Portal.Core.Materials;

/// <summary>Published materials for the main search; a draft or an unpublished material is not found.</summary>
public sealed class MaterialSearchSource(MarkdownRenderer markdown) : EntitySearchSource<Material>
{
    public override string Kind => SearchKinds.Material;

    protected override IQueryable<Material> Searchable(PortalDbContext db) => db.Materials.Where(m => m.IsPublished);

    protected override System.Linq.Expressions.Expression<Func<Material, bool>> HasId(int id) => m => m.Id == id;

    protected override SearchDocument ToSearchDocument(Material m) => new()
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
