using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Documents;

namespace Portal.Core.Search.Sources;

/// <summary>Normative documents: every document in the database is public.</summary>
public sealed class NormativeDocumentSearchSource : ISearchDocumentSource
{
    public string Kind => SearchKinds.Document;

    public async Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
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

    /// <summary>The one mapping of a document to the index, shared with the evaluation tool.</summary>
    public static SearchDocument ToSearchDocument(NormativeDocument document, string? key = null) => new()
    {
        Kind = SearchKinds.Document,
        Key = key ?? document.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Title = document.Title,
        Url = $"/documents/{document.Id}",
        Body = string.IsNullOrWhiteSpace(document.Annotation) ? document.Text : document.Annotation + "\n\n" + document.Text,
        Requisites = LegalTextStructure.Requisites(document.DocType, document.Number, document.Date, document.Issuer),
        Headings = LegalTextStructure.Headings(document.Text),
        DocType = NullIfEmpty(document.DocType),
        Issuer = NullIfEmpty(document.Issuer),
        Status = document.Status.ToRussian(),
        Date = document.Date,
        Tags = Materials.MaterialTags.Parse(document.Tags),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
