using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Portal.Core.Search.Indexing;

/// <summary>Maps a <see cref="SearchDocument"/> to the fields of the single index.</summary>
public static class LuceneDocuments
{
    /// <summary>
    /// How much of the body is stored for snippets and the vocabulary. Highlighting re-analyses this
    /// text for every shown hit (about 0.05 ms per 1,000 characters), so it is bounded: a match further
    /// in is not highlighted and the snippet shows the beginning.
    /// </summary>
    public const int SnippetSourceChars = 4_000;

    public static string IdOf(string kind, string key) => kind + ":" + key;

    public static Document ToLucene(SearchDocument source)
    {
        var doc = new Document
        {
            // StringField: the id is matched exactly (updates and deletes), never analysed.
            new StringField(SearchFields.Id, IdOf(source.Kind, source.Key), Field.Store.YES),
            new StringField(SearchFields.Kind, source.Kind, Field.Store.YES),
            new SortedDocValuesField(SearchFields.Kind, new BytesRef(source.Kind)),
            new StoredField(SearchFields.Key, source.Key),
            new StoredField(SearchFields.Url, source.Url),
            new TextField(SearchFields.Title, source.Title, Field.Store.YES),
            new TextField(SearchFields.TitleExact, source.Title, Field.Store.NO),
            new TextField(SearchFields.Headings, source.Headings, Field.Store.YES),
            new TextField(SearchFields.Body, source.Body, Field.Store.NO),
            new StoredField(SearchFields.SnippetSource, source.Body.Length > SnippetSourceChars ? source.Body[..SnippetSourceChars] : source.Body),
            new TextField(SearchFields.Requisites, source.Requisites, Field.Store.YES),
            new TextField(SearchFields.Exact, source.Requisites, Field.Store.NO),
        };
        AddFacet(doc, SearchFields.DocType, source.DocType);
        AddFacet(doc, SearchFields.Issuer, source.Issuer);
        AddFacet(doc, SearchFields.Status, source.Status);
        AddFacet(doc, SearchFields.Category, source.Category);
        foreach (var tag in source.Tags)
        {
            doc.Add(new StringField(SearchFields.Tags, tag, Field.Store.YES));
        }
        if (source.Date is { } date)
        {
            var number = date.Year * 10000L + date.Month * 100 + date.Day;
            doc.Add(new NumericDocValuesField(SearchFields.Date, number));
            doc.Add(new StoredField(SearchFields.Date, number));
            AddFacet(doc, SearchFields.Year, date.Year.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            doc.Add(new NumericDocValuesField(SearchFields.Date, 0));
        }
        return doc;
    }

    /// <summary>A facet value: a StringField to filter on, doc values to count, stored to display.</summary>
    private static void AddFacet(Document doc, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        doc.Add(new StringField(field, value, Field.Store.YES));
        doc.Add(new SortedDocValuesField(field, new BytesRef(value)));
    }

    public static DateOnly? DateOf(Document doc)
    {
        var stored = doc.GetField(SearchFields.Date)?.GetInt64Value();
        if (stored is not { } n || n <= 0)
        {
            return null;
        }
        return new DateOnly((int)(n / 10000), (int)(n / 100 % 100), (int)(n % 100));
    }
}
