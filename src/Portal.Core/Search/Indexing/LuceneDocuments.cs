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

    /// <summary>
    /// "kind:key"; a key too long to be one index term (a hostile slug) stands as its hash, which
    /// updates and deletes find as surely.
    /// </summary>
    public static string IdOf(string kind, string key) =>
        key.Length <= MaxValueChars ? kind + ":" + key : kind + ":#" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Longest text indexed of one item: a whole code is about a million and a half characters.</summary>
    public const int MaxBodyChars = 2_000_000;
    public const int MaxTitleChars = 2_000;
    public const int MaxHeadingsChars = 200_000;
    /// <summary>A filter or facet value (type, issuer, status, tag) is one index term; Lucene refuses terms over 32,766 bytes.</summary>
    public const int MaxValueChars = 300;
    private const int MaxTags = 50;

    /// <summary>
    /// The document cut to what the index takes: every field value bounded, so that no content a
    /// user or a crawled page supplies can make Lucene refuse it or cost unbounded work.
    /// </summary>
    public static SearchDocument Bounded(SearchDocument source) => source with
    {
        Title = Cut(source.Title, MaxTitleChars),
        Url = Cut(source.Url, MaxTitleChars),
        Body = Cut(source.Body, MaxBodyChars),
        Requisites = Cut(source.Requisites, MaxTitleChars),
        Headings = Cut(source.Headings, MaxHeadingsChars),
        DocType = CutValue(source.DocType),
        Issuer = CutValue(source.Issuer),
        Status = CutValue(source.Status),
        Category = CutValue(source.Category),
        Tags = source.Tags.Count <= MaxTags && source.Tags.All(t => t.Length <= MaxValueChars)
            ? source.Tags
            : source.Tags.Take(MaxTags).Select(t => Cut(t, MaxValueChars)).ToList(),
    };

    private static string Cut(string value, int max) =>
        value.Length <= max ? value : value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];

    private static string? CutValue(string? value) => value is null ? null : Cut(value, MaxValueChars);

    /// <summary>
    /// The documents of one indexed item, added and deleted together as a block: for a long text its
    /// passages (see <see cref="Passages"/>), then the main document, always last. The main document
    /// carries the title, requisites, headings and what a hit shows; each passage carries the title,
    /// its own headings and its part of the body. A search ranks the item by the better of its main
    /// document and its best passage (<see cref="Querying.DocumentGroupCollector"/>).
    /// </summary>
    public static IReadOnlyList<Document> ToBlock(SearchDocument document)
    {
        var source = Bounded(document);
        var passages = Passages.Split(source.Body);
        var block = new List<Document>(passages.Count + 1);
        if (passages.Count > 1)
        {
            for (var i = 0; i < passages.Count; i++)
            {
                block.Add(PassageDocument(source, passages[i], passages.Count - i));
            }
        }
        block.Add(MainDocument(source, passages.Count > 1 ? "" : source.Body));
        return block;
    }

    private static Document MainDocument(SearchDocument source, string body)
    {
        var doc = new Document
        {
            // StringField: the id is matched exactly (updates and deletes), never analysed.
            new StringField(SearchFields.Id, IdOf(source.Kind, source.Key), Field.Store.NO),
            new StringField(SearchFields.Part, MainPart, Field.Store.NO),
            new NumericDocValuesField(SearchFields.MainOffset, 0),
            new SortedDocValuesField(SearchFields.Kind, new BytesRef(source.Kind)),
            new TextField(SearchFields.Title, source.Title, Field.Store.NO),
            new TextField(SearchFields.TitleExact, source.Title, Field.Store.NO),
            // Stored (compressed) only for the vocabulary, which reads it once per index generation.
            new TextField(SearchFields.Headings, source.Headings, Field.Store.YES),
            new TextField(SearchFields.Body, body, Field.Store.NO),
            new TextField(SearchFields.Requisites, source.Requisites, Field.Store.NO),
            new TextField(SearchFields.Exact, source.Requisites, Field.Store.NO),
        };
        AddDisplay(doc, SearchFields.Key, source.Key);
        AddDisplay(doc, SearchFields.Url, source.Url);
        AddDisplay(doc, SearchFields.Title, source.Title);
        AddDisplay(doc, SearchFields.Requisites, source.Requisites);
        AddSnippetSource(doc, source.Body);
        AddFilters(doc, source, facets: true);
        if (source.Date is { } date)
        {
            doc.Add(new NumericDocValuesField(SearchFields.Date, date.Year * 10000L + date.Month * 100 + date.Day));
        }
        else
        {
            doc.Add(new NumericDocValuesField(SearchFields.Date, 0));
        }
        return doc;
    }

    /// <summary>A passage: found by its words and the item's title, filtered as the item is, shown through the main document.</summary>
    private static Document PassageDocument(SearchDocument source, Passage passage, int offsetToMain)
    {
        var doc = new Document
        {
            new StringField(SearchFields.Id, IdOf(source.Kind, source.Key), Field.Store.NO),
            new NumericDocValuesField(SearchFields.MainOffset, offsetToMain),
            new TextField(SearchFields.Title, source.Title, Field.Store.NO),
            new TextField(SearchFields.Headings, passage.Headings, Field.Store.NO),
            new TextField(SearchFields.Body, passage.Text, Field.Store.NO),
        };
        AddSnippetSource(doc, passage.Text);
        AddFilters(doc, source, facets: false);
        return doc;
    }

    /// <summary>
    /// The beginning of a text as UTF-16, not UTF-8: every shown hit reads its snippet source, and
    /// decoding kilobytes of UTF-8 cost more than the search of some queries. Russian text takes two
    /// bytes a letter either way.
    /// </summary>
    private static void AddSnippetSource(Document doc, string body) =>
        doc.Add(new BinaryDocValuesField(SearchFields.SnippetSource, new BytesRef(Encoding.Unicode.GetBytes(body.Length > SnippetSourceChars ? body[..SnippetSourceChars] : body))));

    /// <summary>The fields filters match (all documents of a block), with doc values for facet counts (main documents).</summary>
    private static void AddFilters(Document doc, SearchDocument source, bool facets)
    {
        doc.Add(new StringField(SearchFields.Kind, source.Kind, Field.Store.NO));
        AddFacet(doc, SearchFields.DocType, source.DocType, facets);
        AddFacet(doc, SearchFields.Issuer, source.Issuer, facets);
        AddFacet(doc, SearchFields.Status, source.Status, facets);
        AddFacet(doc, SearchFields.Category, source.Category, facets);
        AddFacet(doc, SearchFields.Year, source.Date?.Year.ToString(CultureInfo.InvariantCulture), facets);
        foreach (var tag in source.Tags)
        {
            doc.Add(new StringField(SearchFields.Tags, tag, Field.Store.NO));
        }
    }

    /// <summary>Value of <see cref="SearchFields.Part"/> on main documents (counting items, not passages).</summary>
    public const string MainPart = "main";

    /// <summary>A facet value: a StringField to filter on, doc values to count and to display.</summary>
    private static void AddFacet(Document doc, string field, string? value, bool docValues)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        doc.Add(new StringField(field, value, Field.Store.NO));
        if (docValues)
        {
            doc.Add(new SortedDocValuesField(field, new BytesRef(Utf8Prefix(value, MaxDocValueBytes))));
        }
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

    /// <summary>
    /// The display values of one main document of a searcher, from doc values. The snippet source
    /// (kilobytes) is read only when <paramref name="snippetDoc"/> is given: the main document or
    /// the passage of its block that matched.
    /// </summary>
    private static string SnippetSource(AtomicReader segment, int doc, BytesRef scratch)
    {
        var values = segment.GetBinaryDocValues(SearchFields.SnippetSource);
        if (values is null)
        {
            return "";
        }
        values.Get(doc, scratch);
        return Encoding.Unicode.GetString(scratch.Bytes, scratch.Offset, scratch.Length);
    }

    /// <summary>
    /// Decodes in one pass into the string: <see cref="BytesRef.Utf8ToString"/> decodes into a char
    /// array first and copies that, twice the allocation for a snippet source of kilobytes.
    /// </summary>
    private static string Utf8(BytesRef bytes) => Encoding.UTF8.GetString(bytes.Bytes, bytes.Offset, bytes.Length);

    public static DisplayValues ReadDisplay(IndexReader reader, int doc, int? snippetDoc = null)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var local = doc - leaf.DocBase;
        var segment = leaf.AtomicReader;
        var scratch = new BytesRef();
        string? Binary(string field, int at)
        {
            var values = segment.GetBinaryDocValues(field);
            if (values is null)
            {
                return null;
            }
            values.Get(at, scratch);
            return scratch.Length == 0 ? null : Utf8(scratch);
        }
        string? Sorted(string field)
        {
            var values = segment.GetSortedDocValues(field);
            if (values is null || values.GetOrd(local) < 0)
            {
                return null;
            }
            values.Get(local, scratch);
            return Utf8(scratch);
        }
        var date = segment.GetNumericDocValues(SearchFields.Date)?.Get(local) ?? 0;
        return new DisplayValues(
            Kind: Sorted(SearchFields.Kind) ?? "",
            Key: Binary(SearchFields.Key, local) ?? "",
            Url: Binary(SearchFields.Url, local) ?? "",
            Title: Binary(SearchFields.Title, local) ?? "",
            // A block never spans segments: the passage is in the main document's segment.
            SnippetSource: snippetDoc is { } source ? SnippetSource(segment, source - leaf.DocBase, scratch) : "",
            Requisites: Binary(SearchFields.Requisites, local),
            DocType: Sorted(SearchFields.DocType),
            Issuer: Sorted(SearchFields.Issuer),
            Status: Sorted(SearchFields.Status),
            Date: date <= 0 ? null : new DateOnly((int)(date / 10000), (int)(date / 100 % 100), (int)(date % 100)));
    }
}

/// <summary>What a search hit shows of an indexed document.</summary>
public sealed record DisplayValues(string Kind, string Key, string Url, string Title, string SnippetSource, string? Requisites,
    string? DocType, string? Issuer, string? Status, DateOnly? Date);
