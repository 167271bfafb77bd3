using Portal.Core.Data;
using Portal.Core.Materials;
using Portal.Core.Search;

namespace Portal.Core.Documents;

/// <summary>Normative documents for the main search: requisites, status, and the current text.</summary>
public sealed class DocumentSearchSource : EntitySearchSource<NormativeDocument>
{
    public override string Kind => SearchKinds.Document;

    protected override IQueryable<NormativeDocument> Searchable(PortalDbContext db) => db.NormativeDocuments;

    protected override System.Linq.Expressions.Expression<Func<NormativeDocument, bool>> HasId(int id) => d => d.Id == id;

    protected override SearchDocument ToSearchDocument(NormativeDocument d)
    {
        var blocks = DocumentCatalog.Structure(d.Text);
        return new SearchDocument
        {
            Kind = SearchKinds.Document,
            Key = d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Title = d.Title,
            Url = $"/documents/{d.Id}",
            Body = string.Join("\n\n", new[] { d.Annotation ?? "" }.Concat(blocks.Select(b => b.Text)).Where(p => p.Length > 0)),
            Requisites = string.Join(" ", new[] { DocumentCatalog.Requisites(d.DocType, d.Number, d.Date), d.Issuer }.Where(p => !string.IsNullOrEmpty(p))),
            Headings = string.Join("\n", blocks.Where(b => b.IsHeading).Select(b => b.Text)),
            DocType = d.DocType,
            Issuer = d.Issuer,
            Status = d.Status.ToRussian(),
            Date = d.Date,
            Tags = MaterialTags.Parse(d.Tags),
        };
    }
}
