namespace Portal.Core.Search;

/// <summary>Field names of the portal's single index.</summary>
public static class SearchFields
{
    /// <summary>"kind:key", the unique id of a document in the index (a StringField: matched exactly for updates and deletes).</summary>
    public const string Id = "id";
    public const string Kind = "kind";
    /// <summary>"main" on the document that stands for an item (not on its passages): counts items.</summary>
    public const string Part = "part";
    /// <summary>Doc values: 0 on a main document, on a passage the distance to its main document (which follows it in the block).</summary>
    public const string MainOffset = "main_offset";
    public const string Key = "key";
    public const string Url = "url";
    public const string Title = "title";
    public const string Headings = "headings";
    /// <summary>Indexed only: a whole code would make every hit load and decompress hundreds of kilobytes.</summary>
    public const string Body = "body";
    /// <summary>The body's first <see cref="Indexing.LuceneDocuments.SnippetSourceChars"/> characters, stored: snippets and the vocabulary read this.</summary>
    public const string SnippetSource = "snippet_source";
    /// <summary>Requisites as text (morphology): «приказ», «министерство просвещения».</summary>
    public const string Requisites = "requisites";
    /// <summary>Requisites as exact tokens: numbers, dates, years; see <see cref="Analysis.AnalysisMode.Exact"/>.</summary>
    public const string Exact = "exact";
    /// <summary>Title as exact tokens: numbers printed in titles («№ 1077», «273-ФЗ»).</summary>
    public const string TitleExact = "title_exact";
    public const string DocType = "doctype";
    public const string Issuer = "issuer";
    public const string Status = "status";
    public const string Year = "year";
    /// <summary>yyyyMMdd as a number for sorting by date and for the recency tie-breaker.</summary>
    public const string Date = "date";
    public const string Category = "category";
    public const string Tags = "tags";
    /// <summary>Stored JSON-free copies for display.</summary>
    public const string StoredRequisites = "requisites_display";

    public static bool IsExact(string field) => field is Exact or TitleExact;
}
