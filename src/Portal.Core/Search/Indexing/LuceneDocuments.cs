using System.Globalization;
using System.Text;
using Lucene.Net.Index;
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
            new StringField(SearchFields.Id, IdOf(source.Kind, source.Key), Field.Store.NO),
            new StringField(SearchFields.Kind, source.Kind, Field.Store.NO),
            new SortedDocValuesField(SearchFields.Kind, new BytesRef(source.Kind)),
            new TextField(SearchFields.Title, source.Title, Field.Store.NO),
            new TextField(SearchFields.TitleExact, source.Title, Field.Store.NO),
            // Stored (compressed) only for the vocabulary, which reads it once per index generation.
            new TextField(SearchFields.Headings, source.Headings, Field.Store.YES),
            new TextField(SearchFields.Body, source.Body, Field.Store.NO),
            new TextField(SearchFields.Requisites, source.Requisites, Field.Store.NO),
            new TextField(SearchFields.Exact, source.Requisites, Field.Store.NO),
        };
        AddDisplay(doc, SearchFields.Key, source.Key);
        AddDisplay(doc, SearchFields.Url, source.Url);
        AddDisplay(doc, SearchFields.Title, source.Title);
        AddDisplay(doc, SearchFields.Requisites, source.Requisites);
        AddDisplay(doc, SearchFields.SnippetSource, source.Body.Length > SnippetSourceChars ? source.Body[..SnippetSourceChars] : source.Body);
        AddFacet(doc, SearchFields.DocType, source.DocType);
        AddFacet(doc, SearchFields.Issuer, source.Issuer);
        AddFacet(doc, SearchFields.Status, source.Status);
        AddFacet(doc, SearchFields.Category, source.Category);
        foreach (var tag in source.Tags)
        {
            doc.Add(new StringField(SearchFields.Tags, tag, Field.Store.NO));
        }
        if (source.Date is { } date)
        {
            var number = date.Year * 10000L + date.Month * 100 + date.Day;
            doc.Add(new NumericDocValuesField(SearchFields.Date, number));
            AddFacet(doc, SearchFields.Year, date.Year.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            doc.Add(new NumericDocValuesField(SearchFields.Date, 0));
        }
        return doc;
    }

    /// <summary>A facet value: a StringField to filter on, doc values to count and to display.</summary>
    private static void AddFacet(Document doc, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        doc.Add(new StringField(field, value, Field.Store.NO));
        doc.Add(new SortedDocValuesField(field, new BytesRef(Utf8Prefix(value, MaxDocValueBytes))));
    }

    /// <summary>
    /// What a hit shows is kept as doc values, not stored fields: reading a stored field decompresses
    /// its whole block (tens of microseconds per hit), doc values are read in place.
    /// </summary>
    private static void AddDisplay(Document doc, string field, string value) =>
        doc.Add(new BinaryDocValuesField(field, new BytesRef(Utf8Prefix(value, MaxDocValueBytes))));

    /// <summary>Lucene refuses a doc value longer than 32,766 bytes.</summary>
    private const int MaxDocValueBytes = 32_000;

    private static string Utf8Prefix(string value, int maxBytes)
    {
        if (value.Length * 3 <= maxBytes || Encoding.UTF8.GetByteCount(value) <= maxBytes)
        {
            return value;
        }
        var length = Math.Min(value.Length, maxBytes / 3);
        while (length < value.Length && Encoding.UTF8.GetByteCount(value.AsSpan(0, length + 1)) <= maxBytes)
        {
            length++;
        }
        if (length > 0 && char.IsHighSurrogate(value[length - 1]))
        {
            length--;
        }
        return value[..length];
    }

    /// <summary>The display values of one document of a searcher, from doc values.</summary>
    public static DisplayValues ReadDisplay(IndexReader reader, int doc)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var local = doc - leaf.DocBase;
        var segment = leaf.AtomicReader;
        var scratch = new BytesRef();
        string? Binary(string field)
        {
            var values = segment.GetBinaryDocValues(field);
            if (values is null)
            {
                return null;
            }
            values.Get(local, scratch);
            return scratch.Length == 0 ? null : scratch.Utf8ToString();
        }
        string? Sorted(string field)
        {
            var values = segment.GetSortedDocValues(field);
            if (values is null || values.GetOrd(local) < 0)
            {
                return null;
            }
            values.Get(local, scratch);
            return scratch.Utf8ToString();
        }
        var date = segment.GetNumericDocValues(SearchFields.Date)?.Get(local) ?? 0;
        return new DisplayValues(
            Kind: Sorted(SearchFields.Kind) ?? "",
            Key: Binary(SearchFields.Key) ?? "",
            Url: Binary(SearchFields.Url) ?? "",
            Title: Binary(SearchFields.Title) ?? "",
            SnippetSource: Binary(SearchFields.SnippetSource) ?? "",
            Requisites: Binary(SearchFields.Requisites),
            DocType: Sorted(SearchFields.DocType),
            Issuer: Sorted(SearchFields.Issuer),
            Status: Sorted(SearchFields.Status),
            Date: date <= 0 ? null : new DateOnly((int)(date / 10000), (int)(date / 100 % 100), (int)(date % 100)));
    }
}

/// <summary>What a search hit shows of an indexed document.</summary>
public sealed record DisplayValues(string Kind, string Key, string Url, string Title, string SnippetSource, string? Requisites,
    string? DocType, string? Issuer, string? Status, DateOnly? Date);
