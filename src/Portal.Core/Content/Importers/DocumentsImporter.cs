using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Documents;

namespace Portal.Core.Content.Importers;

/// <summary>
/// <c>content/documents/*.md</c> → <see cref="NormativeDocument"/> by <see cref="NormativeDocument.ExternalId"/> = slug.
/// The file gives the requisites card and the annotation; the text is left to the crawler and is never touched here.
/// </summary>
public sealed class DocumentsImporter : SeedingImporter<NormativeDocument>
{
    public const string Folder = "documents";

    public override int Order => 10;

    protected override string Kind => "document";

    internal sealed class Header
    {
        public string? Slug { get; set; }
        public string? Title { get; set; }
        public string? DocType { get; set; }
        public string? Number { get; set; }
        public string? Date { get; set; }
        public string? Issuer { get; set; }
        public string? Status { get; set; }
        public string? SourceUrl { get; set; }
        public object? Tags { get; set; }
    }

    protected override IEnumerable<SeedItem> Read(ContentSeedContext context, Action<ContentFileException> fail) =>
        ReadMarkdownFolder(context, Folder, fail, Parse);

    protected override IEnumerable<string> SourceFiles(ContentSeedContext context) => MarkdownFilesIn(context, Folder);

    private static SeedItem Parse(FrontMatterFile file, string display)
    {
        var yaml = file.Header;
        var h = yaml.Deserialize<Header>();
        var slug = Slug(yaml, h.Slug);
        var title = yaml.Required("title", h.Title);
        var docType = yaml.Required("doc_type", h.DocType);
        var date = yaml.Date("date", h.Date);
        var status = ParseStatus(yaml, h.Status);
        var sourceUrl = yaml.Url("source_url", h.SourceUrl, required: false);
        var tags = yaml.Tags("tags", h.Tags);
        var annotation = file.Body.Length == 0 ? null : file.Body;
        return new SeedItem(slug, display, d =>
        {
            d.Title = title;
            d.DocType = docType;
            d.Number = string.IsNullOrWhiteSpace(h.Number) ? null : h.Number.Trim();
            d.Date = date;
            d.Issuer = string.IsNullOrWhiteSpace(h.Issuer) ? null : h.Issuer.Trim();
            d.Status = status;
            d.SourceUrl = sourceUrl;
            d.Tags = tags;
            d.Annotation = annotation;
        });
    }

    private static DocumentStatus ParseStatus(ContentYaml yaml, string? value) =>
        yaml.Required("status", value).ToLowerInvariant() switch
        {
            "действует" => DocumentStatus.InForce,
            "утратил силу" => DocumentStatus.Repealed,
            "не вступил в силу" => DocumentStatus.NotYetInForce,
            var other => throw yaml.FieldError("status",
                $"«{other}»: допустимо «действует», «утратил силу» или «не вступил в силу» / unknown status"),
        };

    protected override Task<Dictionary<string, NormativeDocument>> FindAsync(PortalDbContext db, IReadOnlyCollection<string> slugs, CancellationToken cancellationToken) =>
        db.NormativeDocuments.Where(d => d.ExternalId != null && slugs.Contains(d.ExternalId)).ToDictionaryAsync(d => d.ExternalId!, StringComparer.Ordinal, cancellationToken);

    protected override NormativeDocument Create(string slug) => new() { ExternalId = slug };

    protected override IEnumerable<object?> SeededValues(NormativeDocument row) =>
        [row.Title, row.DocType, row.Number, row.Date, row.Issuer, (int)row.Status, row.SourceUrl, row.Tags, row.Annotation];

    protected override DateTime? UpdatedAt(NormativeDocument row) => row.UpdatedAt;

    protected override void Touch(NormativeDocument row, DateTime now) => row.UpdatedAt = now;
}
