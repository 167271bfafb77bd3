using Portal.Core.Data;
using Portal.Core.Markdown;
using Portal.Core.Search;

namespace Portal.Core.Neb;

/// <summary>NEB resources and their access guides for the main search.</summary>
public sealed class NebSearchSource(MarkdownRenderer markdown) : EntitySearchSource<NebResource>
{
    public override string Kind => SearchKinds.Neb;

    protected override IQueryable<NebResource> Searchable(PortalDbContext db) => db.NebResources;

    protected override System.Linq.Expressions.Expression<Func<NebResource, bool>> HasId(int id) => r => r.Id == id;

    protected override SearchDocument ToSearchDocument(NebResource r) => new()
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
