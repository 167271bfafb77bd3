namespace Portal.Core.Search.Querying;

public enum SearchSort
{
    Relevance,
    Date,
}

/// <summary>A search as a user asks it: query text, filters, sort and page (all optional).</summary>
public sealed record SearchRequest
{
    public const int DefaultPageSize = 10;
    public const int MaxPage = 100;

    public string? Query { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;
    public SearchSort Sort { get; init; }
    /// <summary>Lucene query syntax («"точная фраза"», AND, OR, *, ~) instead of plain words.</summary>
    public bool Advanced { get; init; }
    /// <summary>Search exactly as typed, without layout correction.</summary>
    public bool NoCorrection { get; init; }
    public string? Kind { get; init; }
    public string? DocType { get; init; }
    public string? Issuer { get; init; }
    public string? Status { get; init; }
    public string? Year { get; init; }
    public bool Highlight { get; init; } = true;
    public bool Facets { get; init; } = true;
}

public sealed record SearchHit
{
    public required string Kind { get; init; }
    public required string Key { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    /// <summary>HTML-encoded text with matched forms in &lt;mark&gt;; safe to render.</summary>
    public string? SnippetHtml { get; init; }
    public string? TitleHtml { get; init; }
    public string? Requisites { get; init; }
    public string? DocType { get; init; }
    public string? Issuer { get; init; }
    public string? Status { get; init; }
    public DateOnly? Date { get; init; }
    public float Score { get; init; }
}

public sealed record FacetValue(string Value, int Count);

public enum IndexState
{
    Ready,
    /// <summary>The index is being rebuilt from the database: results may be incomplete.</summary>
    Rebuilding,
}

public sealed record SearchResults
{
    /// <summary>The query that was searched (after layout correction).</summary>
    public required string Query { get; init; }
    /// <summary>What the user typed, when the search ran on a corrected layout instead.</summary>
    public string? CorrectedFrom { get; init; }
    /// <summary>«Возможно, вы имели в виду»: a spelling from the index vocabulary.</summary>
    public string? DidYouMean { get; init; }
    public int Total { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = SearchRequest.DefaultPageSize;
    public IReadOnlyList<SearchHit> Hits { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets { get; init; } = new Dictionary<string, IReadOnlyList<FacetValue>>();
    public IndexState IndexState { get; init; }
    /// <summary>Set when the advanced syntax could not be read and the words were searched plainly.</summary>
    public string? SyntaxNotice { get; init; }
    /// <summary>The search ran out of its time budget (or its wildcards out of terms to read): these are the results found by then.</summary>
    public bool Partial { get; init; }
    public double ElapsedMs { get; init; }

    public int PageCount => Total == 0 ? 0 : Math.Min(SearchRequest.MaxPage, (Total + PageSize - 1) / PageSize);

    public static SearchResults Empty(string query, IndexState state) => new() { Query = query, IndexState = state };
}

public sealed record Suggestion(string Text, string? Url, string Type);
