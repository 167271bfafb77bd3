using Portal.Core.Data;

namespace Portal.Core.Search;

/// <summary>Values of the kind field: one per content kind that lives in the single index.</summary>
public static class SearchKinds
{
    public const string Document = "document";
    public const string Material = "material";
    public const string Neb = "neb";
    public const string Protocol = "protocol";
    public const string Plan = "plan";
    public const string Exchange = "exchange";

    public static string ToRussian(string kind) => kind switch
    {
        Document => "Нормативные документы",
        Material => "Методические материалы",
        Neb => "НЭБ",
        Protocol => "Протоколы",
        Plan => "План работы",
        Exchange => "Обменный фонд",
        _ => kind,
    };
}

/// <summary>
/// What the index needs of one piece of content, whatever its kind. Built from the database by an
/// <see cref="ISearchDocumentSource"/>; never the other way round.
/// </summary>
public sealed record SearchDocument
{
    public required string Kind { get; init; }
    /// <summary>The entity key inside its kind (database id or slug).</summary>
    public required string Key { get; init; }
    public required string Title { get; init; }
    /// <summary>Site-relative link to read it, e.g. "/documents/12".</summary>
    public required string Url { get; init; }
    public string Body { get; init; } = "";
    /// <summary>Requisites as printed: type, number, date, issuer («Приказ № 1077 от 08.10.2012»).</summary>
    public string Requisites { get; init; } = "";
    /// <summary>Section headings, article titles.</summary>
    public string Headings { get; init; } = "";
    public string? DocType { get; init; }
    public string? Issuer { get; init; }
    public string? Status { get; init; }
    public DateOnly? Date { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Category { get; init; }
}

/// <summary>
/// Loads search documents of one kind from the database. Each feature that wants its content in
/// the main search registers one (as a singleton; it gets the context passed in).
/// </summary>
public interface ISearchDocumentSource
{
    string Kind { get; }

    /// <summary>The current document for a key, or null when it is gone or not public (then it is removed from the index).</summary>
    Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken);

    /// <summary>Every indexable document of this kind, for a full rebuild.</summary>
    IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, CancellationToken cancellationToken);
}

/// <summary>
/// Marks an entity whose changes must reach the index. Saving one (added, changed or deleted)
/// records work for the portal's indexer in the database, so a change made by any process (the
/// portal, the crawler, a CLI) is picked up by the one process that writes the index.
/// A child entity (a protocol's agenda item) returns its parent's kind and key.
/// </summary>
public interface ISearchIndexed
{
    string SearchKind { get; }

    /// <summary>The key within the kind; read after the save, so database-generated ids are known.</summary>
    string SearchKey { get; }
}

/// <summary>One ranked hit of <see cref="IContentSearch"/>: which entity, and its highlighted snippet.</summary>
public sealed record ContentSearchHit(string Kind, string Key, float Score, string? SnippetHtml);

/// <summary>
/// The portal's Russian full-text search, for features that list their own entities by a query
/// (the exchange fund, protocols): the same analysis, synonyms and ranking as the main search.
/// </summary>
public interface IContentSearch
{
    /// <summary>Hits of one kind, best first; an empty or unusable query gives no hits, never an exception.</summary>
    Task<IReadOnlyList<ContentSearchHit>> SearchKindAsync(string query, string kind, int maxHits, CancellationToken cancellationToken);
}
