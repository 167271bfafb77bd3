using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Materials;

namespace Portal.Core.Content.Importers;

/// <summary>
/// <c>content/materials/*.md</c> → <see cref="Material"/> by slug (front matter <c>slug</c>, else the file name).
/// Every write from a file is also a <see cref="MaterialRevision"/>, so the revision history shows what the seed did.
/// </summary>
public sealed class MaterialsImporter : SeedingImporter<Material>
{
    public const string Folder = "materials";

    public override int Order => 20;

    protected override string Kind => "material";

    internal sealed class Header
    {
        public string? Slug { get; set; }
        public string? Title { get; set; }
        public string? Category { get; set; }
        public object? Tags { get; set; }
        public string? Summary { get; set; }
        public bool Published { get; set; } = true;
        public string? Date { get; set; }
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
        // Required so that applying a file is deterministic: "now" would look like a change on every start.
        var date = yaml.Date("date", yaml.Required("date", h.Date))!.Value;
        var tags = yaml.Tags("tags", h.Tags);
        var summary = h.Summary?.Trim() ?? "";
        if (file.Body.Length == 0)
        {
            throw new ContentFileException(display, null, "нет текста материала после блока полей / the material has no body");
        }
        var publishedAt = h.Published ? date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : (DateTime?)null;
        return new SeedItem(slug, display, m =>
        {
            m.Title = title;
            m.Category = category;
            m.Tags = tags;
            m.Summary = summary;
            m.BodyMarkdown = file.Body;
            m.IsPublished = h.Published;
            m.PublishedAt = publishedAt;
            m.AuthorName ??= SeedAuthor;
            if (m.Id == 0)
            {
                m.CreatedAt = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            }
        });
    }

    protected override Task<Dictionary<string, Material>> FindAsync(PortalDbContext db, IReadOnlyCollection<string> slugs, CancellationToken cancellationToken) =>
        db.Materials.Where(m => slugs.Contains(m.Slug)).ToDictionaryAsync(m => m.Slug, StringComparer.Ordinal, cancellationToken);

    protected override Material Create(string slug) => new() { Slug = slug };

    protected override IEnumerable<object?> SeededValues(Material row) =>
        [row.Title, row.Category, row.Tags, row.Summary, row.BodyMarkdown, row.IsPublished, row.PublishedAt];

    protected override DateTime? UpdatedAt(Material row) => row.UpdatedAt;

    protected override void Touch(Material row, DateTime now) => row.UpdatedAt = now;

    protected override void AfterApply(PortalDbContext db, Material row, SeedItem item, bool created, DateTime now)
    {
        row.RevisionCount += 1;
        var revision = new MaterialRevision
        {
            Number = row.RevisionCount,
            Title = row.Title,
            Summary = row.Summary,
            BodyMarkdown = row.BodyMarkdown,
            AuthorName = SeedAuthor,
            Comment = created ? $"Загружено из {item.File}" : $"Обновлено из {item.File}",
            CreatedAt = now,
        };
        if (created)
        {
            row.Revisions.Add(revision);
        }
        else
        {
            revision.MaterialId = row.Id;
            db.MaterialRevisions.Add(revision);
        }
    }
}
