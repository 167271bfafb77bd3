using Portal.Core.Data;
using Portal.Core.Materials;
using Portal.Core.Search;

namespace Portal.Core.Documents;

/// <summary>Normative documents for the main search: requisites, status, and the current text.</summary>
public sealed class DocumentSearchSource : EntitySearchSource<NormativeDocument>
{
    private static readonly string[] HeadingStarts = ["Статья ", "Глава ", "Раздел ", "Приложение "];

    public override string Kind => SearchKinds.Document;

    protected override IQueryable<NormativeDocument> Searchable(PortalDbContext db) => db.NormativeDocuments;

    protected override System.Linq.Expressions.Expression<Func<NormativeDocument, bool>> HasId(int id) => d => d.Id == id;

    protected override SearchDocument ToSearchDocument(NormativeDocument d)
    {
        var paragraphs = DocumentCatalog.Paragraphs(d.Text);
        return new SearchDocument
        {
            Kind = SearchKinds.Document,
            Key = d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Title = d.Title,
            Url = $"/documents/{d.Id}",
            Body = string.Join("\n\n", new[] { d.Annotation ?? "" }.Concat(paragraphs).Where(p => p.Length > 0)),
            Requisites = string.Join(" ", new[] { DocumentCatalog.Requisites(d.DocType, d.Number, d.Date), d.Issuer }.Where(p => !string.IsNullOrEmpty(p))),
            Headings = string.Join("\n", paragraphs.Where(p => p.Length < 200 && HeadingStarts.Any(h => p.StartsWith(h, StringComparison.Ordinal)))),
            DocType = d.DocType,
            Issuer = d.Issuer,
            Status = d.Status.ToRussian(),
            Date = d.Date,
            Tags = MaterialTags.Parse(d.Tags),
        };
    }
}
