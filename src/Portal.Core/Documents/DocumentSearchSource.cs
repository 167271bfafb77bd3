using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Materials;
using Portal.Core.Search;

namespace Portal.Core.Documents;

/// <summary>Normative documents for the main search: requisites, status, and the current text.</summary>
public sealed class DocumentSearchSource : ISearchDocumentSource
{
    private static readonly string[] HeadingStarts = ["Статья ", "Глава ", "Раздел ", "Приложение "];

    public string Kind => SearchKinds.Document;

    public async Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        if (!int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var document = await db.NormativeDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return document is null ? null : ToSearchDocument(document);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in db.NormativeDocuments.AsNoTracking().OrderBy(d => d.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToSearchDocument(document);
        }
    }

    public static SearchDocument ToSearchDocument(NormativeDocument d)
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
