using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Neb;

namespace Portal.Core.Content.Importers;

/// <summary><c>content/neb/*.md</c> → <see cref="NebResource"/> by slug (front matter <c>slug</c>, else the file name); the body is the access guide.</summary>
public sealed class NebImporter : SeedingImporter<NebResource>
{
    public const string Folder = "neb";

    public override int Order => 30;

    protected override string Kind => "neb";

    internal sealed class Header
    {
        public string? Slug { get; set; }
        public string? Title { get; set; }
        public string? Category { get; set; }
        public string? Url { get; set; }
        public string? Description { get; set; }
        public int Order { get; set; }
    }

    protected override IEnumerable<SeedItem> Read(ContentSeedContext context, Action<ContentFileException> fail) =>
        ReadMarkdownFolder(context, Folder, fail, Parse);

    protected override IEnumerable<string> SourceFiles(ContentSeedContext context) => MarkdownFilesIn(context, Folder);

    private static SeedItem Parse(FrontMatterFile file, string display)
    {
        var yaml = file.Header;
        var h = yaml.Deserialize<Header>();
        var slug = Slug(yaml, h.Slug ?? Path.GetFileNameWithoutExtension(display));
        var title = yaml.Required("title", h.Title);
        var category = yaml.Required("category", h.Category);
        var url = yaml.Url("url", h.Url, required: true)!;
        var description = h.Description?.Trim() ?? "";
        return new SeedItem(slug, display, r =>
        {
            r.Title = title;
            r.Category = category;
            r.Url = url;
            r.Description = description;
            r.GuideMarkdown = file.Body;
            r.SortOrder = h.Order;
        });
    }

    protected override Task<Dictionary<string, NebResource>> FindAsync(PortalDbContext db, IReadOnlyCollection<string> slugs, CancellationToken cancellationToken) =>
        db.NebResources.Where(r => slugs.Contains(r.Slug)).ToDictionaryAsync(r => r.Slug, StringComparer.Ordinal, cancellationToken);

    protected override NebResource Create(string slug) => new() { Slug = slug };

    protected override IEnumerable<object?> SeededValues(NebResource row) =>
        [row.Title, row.Category, row.Url, row.Description, row.GuideMarkdown, row.SortOrder];

    protected override DateTime? UpdatedAt(NebResource row) => row.UpdatedAt;

    protected override void Touch(NebResource row, DateTime now) => row.UpdatedAt = now;
}
