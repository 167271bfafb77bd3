using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Common;
using Portal.Core.Data;

namespace Portal.Core.Documents;

public enum DocumentSort
{
    DateDesc,
    DateAsc,
    Title,
    Updated,
}

/// <summary>Filters of the document list; every one optional.</summary>
public sealed record DocumentQuery
{
    public string? Type { get; init; }
    public string? Issuer { get; init; }
    public int? Year { get; init; }
    public DocumentStatus? Status { get; init; }
    public DocumentSort Sort { get; init; } = DocumentSort.DateDesc;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public sealed record DocumentListItem(int Id, string Title, string DocType, string? Number, DateOnly? Date, string? Issuer, DocumentStatus Status, string? Annotation);

/// <summary>A paragraph of a document's text; <see cref="Anchor"/> is set when it is a heading (level 2 or 3).</summary>
public sealed record TextBlock(string Text, string? Anchor, int Level)
{
    public bool IsHeading => Anchor is not null;
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The values the filters offer: only those present in the catalogue.</summary>
public sealed record DocumentFacets(IReadOnlyList<string> Types, IReadOnlyList<string> Issuers, IReadOnlyList<int> Years);

/// <summary>What the head types on the card form.</summary>
public sealed record DocumentInput
{
    public string Title { get; init; } = "";
    public string DocType { get; init; } = "";
    public string? Number { get; init; }
    public DateOnly? Date { get; init; }
    public string? Issuer { get; init; }
    public DocumentStatus Status { get; init; }
    public string? Annotation { get; init; }
    public string? SourceUrl { get; init; }
    public string? Tags { get; init; }
    public string Text { get; init; } = "";
}

internal sealed record CatalogState(int Count, DateTime? Changed);

internal sealed record DocumentOrderKey(string? Type, string? Issuer, int? Year, DocumentStatus? Status, DocumentSort Sort);

/// <summary>
/// What the document list computes from the whole catalogue — its filter values and the order of
/// each filter and sort asked for — kept for one state of the catalogue and shared by all requests.
/// Bounded: at most <see cref="MaxOrders"/> orders (a few hundred kilobytes for the corpus).
/// </summary>
public sealed class DocumentListCache
{
    public const int MaxOrders = 64;
    private readonly Lock _lock = new();
    private (int Count, DateTime? Changed) _version = (-1, null);
    private DocumentFacets? _facets;
    private readonly Dictionary<DocumentOrderKey, int[]> _orders = [];

    internal DocumentFacets? Facets((int Count, DateTime? Changed) version)
    {
        lock (_lock)
        {
            return _version == version ? _facets : null;
        }
    }

    internal int[]? Order((int Count, DateTime? Changed) version, DocumentOrderKey key)
    {
        lock (_lock)
        {
            return _version == version && _orders.TryGetValue(key, out var order) ? order : null;
        }
    }

    internal void Keep((int Count, DateTime? Changed) version, DocumentFacets facets)
    {
        lock (_lock)
        {
            Reset(version);
            _facets = facets;
        }
    }

    internal void Keep((int Count, DateTime? Changed) version, DocumentOrderKey key, int[] order)
    {
        lock (_lock)
        {
            Reset(version);
            if (_orders.Count >= MaxOrders)
            {
                _orders.Clear();
            }
            _orders[key] = order;
        }
    }

    private void Reset((int Count, DateTime? Changed) version)
    {
        if (_version != version)
        {
            (_version, _facets) = (version, null);
            _orders.Clear();
        }
    }
}

/// <summary>Reads and writes the catalogue of normative documents; a changed text becomes a new edition.</summary>
public sealed partial class DocumentCatalog(PortalDbContext db, DocumentListCache? listCache = null)
{
    public const string FileOwnerKind = "document";

    public async Task<Paged<DocumentListItem>> ListAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        var order = await OrderAsync(query, cancellationToken);
        var pageCount = Math.Max(1, (order.Length + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var ids = order.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var rows = await db.NormativeDocuments.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new DocumentListItem(d.Id, d.Title, d.DocType, d.Number, d.Date, d.Issuer, d.Status, d.Annotation))
            .ToDictionaryAsync(d => d.Id, cancellationToken);
        var items = ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
        return new Paged<DocumentListItem>(items, order.Length, page, pageSize);
    }

    /// <summary>
    /// The ids of the list in its order, kept per filter and sort until the catalogue changes: a page
    /// far into the list (OFFSET) walked thousands of index entries per request; from the kept order
    /// a page is twenty rows read by key.
    /// </summary>
    private async Task<int[]> OrderAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        var key = new DocumentOrderKey(query.Type, query.Issuer, query.Year, query.Status, query.Sort);
        var version = await StateAsync(cancellationToken);
        if (listCache?.Order(version, key) is { } known)
        {
            return known;
        }
        var q = db.NormativeDocuments.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            q = q.Where(d => d.DocType == query.Type);
        }
        if (!string.IsNullOrWhiteSpace(query.Issuer))
        {
            q = q.Where(d => d.Issuer == query.Issuer);
        }
        if (query.Year is { } year)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            q = q.Where(d => d.Date >= from && d.Date <= to);
        }
        if (query.Status is { } status)
        {
            q = q.Where(d => d.Status == status);
        }
        q = query.Sort switch
        {
            DocumentSort.DateAsc => q.OrderBy(d => d.Date == null).ThenBy(d => d.Date).ThenBy(d => d.Title),
            DocumentSort.Title => q.OrderBy(d => d.Title),
            DocumentSort.Updated => q.OrderByDescending(d => d.UpdatedAt),
            // Newest first, undated last: SQLite sorts NULL below every date, so descending puts them
            // last and the (Date desc, Title) index gives the order without sorting the table.
            _ => q.OrderByDescending(d => d.Date).ThenBy(d => d.Title),
        };
        var order = (await q.Select(d => d.Id).ToListAsync(cancellationToken)).ToArray();
        listCache?.Keep(version, key, order);
        return order;
    }

    /// <summary>
    /// The filter values, read again only when the catalogue changed: every list page shows them,
    /// and reading them scans three indexes (a date computed per document for the years).
    /// </summary>
    public async Task<DocumentFacets> FacetsAsync(CancellationToken cancellationToken)
    {
        if (listCache is null)
        {
            return await ReadFacetsAsync(cancellationToken);
        }
        var version = await StateAsync(cancellationToken);
        if (listCache.Facets(version) is { } cached)
        {
            return cached;
        }
        var facets = await ReadFacetsAsync(cancellationToken);
        listCache.Keep(version, facets);
        return facets;
    }

    private (int Count, DateTime? Changed)? _state;

    /// <summary>
    /// How many documents there are and when the newest change was made, in one statement on two
    /// indexes, once per request: any insert, edit or delete changes one of them.
    /// </summary>
    private async Task<(int Count, DateTime? Changed)> StateAsync(CancellationToken cancellationToken)
    {
        if (_state is { } known)
        {
            return known;
        }
        // Plain SQL: LINQ's GroupBy over a constant becomes a grouped subquery, twenty times slower here.
        var state = (await db.Database
            .SqlQuery<CatalogState>($"SELECT COUNT(*) AS \"Count\", MAX(\"UpdatedAt\") AS \"Changed\" FROM \"NormativeDocuments\"")
            .ToListAsync(cancellationToken)).Single();
        _state = (state.Count, state.Changed);
        return _state.Value;
    }

    private async Task<DocumentFacets> ReadFacetsAsync(CancellationToken cancellationToken)
    {
        var types = await db.NormativeDocuments.AsNoTracking().Where(d => d.DocType != "").Select(d => d.DocType).Distinct().ToListAsync(cancellationToken);
        var issuers = await db.NormativeDocuments.AsNoTracking().Where(d => d.Issuer != null && d.Issuer != "").Select(d => d.Issuer!).Distinct().ToListAsync(cancellationToken);
        var years = await db.NormativeDocuments.AsNoTracking().Where(d => d.Date != null).Select(d => d.Date!.Value.Year).Distinct().ToListAsync(cancellationToken);
        return new DocumentFacets(
            types.Order(StringComparer.Create(RussianFormat.Culture, true)).ToList(),
            issuers.Order(StringComparer.Create(RussianFormat.Culture, true)).ToList(),
            years.OrderDescending().ToList());
    }

    public Task<List<DocumentListItem>> LatestAsync(int count, CancellationToken cancellationToken) =>
        db.NormativeDocuments.AsNoTracking().OrderByDescending(d => d.UpdatedAt).Take(count)
            .Select(d => new DocumentListItem(d.Id, d.Title, d.DocType, d.Number, d.Date, d.Issuer, d.Status, d.Annotation))
            .ToListAsync(cancellationToken);

    /// <summary>The document with its original file and editions (newest first).</summary>
    public async Task<NormativeDocument?> GetAsync(int id, CancellationToken cancellationToken)
    {
        var document = await db.NormativeDocuments.AsNoTracking()
            .Include(d => d.OriginalFile)
            .Include(d => d.Editions.OrderByDescending(e => e.Number))
            .FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return document;
    }

    public Task<DocumentEdition?> GetEditionAsync(int documentId, int number, CancellationToken cancellationToken) =>
        db.DocumentEditions.AsNoTracking().FirstOrDefaultAsync(e => e.DocumentId == documentId && e.Number == number, cancellationToken);

    /// <summary>Creates (id null) or updates a card. A new or changed text is kept as a new edition.</summary>
    public async Task<NormativeDocument?> SaveAsync(int? id, DocumentInput input, string author, CancellationToken cancellationToken)
    {
        NormativeDocument? document;
        if (id is null)
        {
            document = new NormativeDocument { CreatedAt = DateTime.UtcNow };
            db.NormativeDocuments.Add(document);
        }
        else
        {
            document = await db.NormativeDocuments.Include(d => d.Editions).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
            if (document is null)
            {
                return null;
            }
        }
        document.Title = input.Title.Trim();
        document.DocType = input.DocType.Trim();
        document.Number = Blank(input.Number);
        document.Date = input.Date;
        document.Issuer = Blank(input.Issuer);
        document.Status = input.Status;
        document.Annotation = Blank(input.Annotation);
        document.SourceUrl = Blank(input.SourceUrl);
        document.Tags = Materials.MaterialTags.Normalise(input.Tags);
        document.UpdatedAt = DateTime.UtcNow;

        var text = NormaliseText(input.Text);
        var hash = Hash(text);
        if (hash != document.ContentHash && (text.Length > 0 || document.Text.Length > 0))
        {
            document.Text = text;
            document.ContentHash = hash;
            document.Editions.Add(new DocumentEdition
            {
                Number = document.Editions.Count == 0 ? 1 : document.Editions.Max(e => e.Number) + 1,
                Text = text,
                ContentHash = hash,
                SourceUrl = document.SourceUrl,
                Origin = "ui",
                Author = author,
                CreatedAt = DateTime.UtcNow,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        return document;
    }

    /// <summary>Attaches an uploaded original (replacing any earlier one).</summary>
    public async Task SetOriginalFileAsync(int documentId, int fileId, CancellationToken cancellationToken)
    {
        var document = await db.NormativeDocuments.FirstAsync(d => d.Id == documentId, cancellationToken);
        document.OriginalFileId = fileId;
        var file = await db.StoredFiles.FirstAsync(f => f.Id == fileId, cancellationToken);
        file.Owner = Files.FileStorage.OwnerOf(FileOwnerKind, documentId);
        document.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Paragraphs of a plain text, for the reading view (the text is never rendered as HTML).</summary>
    public static IReadOnlyList<string> Paragraphs(string text) =>
        NormaliseText(text).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// A structural heading of a Russian act: «Глава 2. Учёт фонда», «Статья 5.1. Списание»,
    /// «Приложение № 3». A sentence that merely starts with «Статья 1 определяет…» is not one.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?:Раздел|Глава|Статья)\s+[\dIVXLC]+(?:\.\d+)*(?:\.(?:\s[^.]*[^.;:,])?)?|Приложение(?:\s+(?:N|№)\s*\d+)?)$")]
    private static partial System.Text.RegularExpressions.Regex ActHeading();

    /// <summary>
    /// The text as blocks for the reading view: short paragraphs that open with «Глава», «Статья»…
    /// become headings with anchors, so a long act gets a table of contents.
    /// </summary>
    public static IReadOnlyList<TextBlock> Structure(string text)
    {
        var blocks = new List<TextBlock>();
        var n = 0;
        foreach (var paragraph in Paragraphs(text))
        {
            var isHeading = paragraph.Length < 200 && ActHeading().IsMatch(paragraph);
            blocks.Add(new TextBlock(paragraph, isHeading ? $"p{++n}" : null, isHeading && paragraph.StartsWith("Статья ", StringComparison.Ordinal) ? 3 : 2));
        }
        return blocks;
    }

    /// <summary>"Приказ № 1077 от 08.10.2012", as references to an act are printed.</summary>
    public static string Requisites(string docType, string? number, DateOnly? date)
    {
        var text = new StringBuilder(docType);
        if (!string.IsNullOrWhiteSpace(number))
        {
            text.Append(" № ").Append(number);
        }
        if (date is not null)
        {
            text.Append(" от ").Append(RussianFormat.Date(date));
        }
        return text.ToString().Trim();
    }

    private static string NormaliseText(string? text) => (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
