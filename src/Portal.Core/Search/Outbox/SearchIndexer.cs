using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Search.Indexing;

namespace Portal.Core.Search.Outbox;

/// <summary>
/// Applies database changes to the index: drains the outbox (load through the kind's
/// <see cref="ISearchDocumentSource"/>; null means delete) and rebuilds everything from the
/// database. The index is committed before outbox rows are deleted, so a crash at any point
/// repeats work at worst and never loses it.
/// </summary>
public sealed class SearchIndexer(SearchIndex index, IEnumerable<ISearchDocumentSource> sources)
{
    public const int BatchSize = 200;
    /// <summary>Outbox kind that asks the portal for a full rebuild (written by the reindex command).</summary>
    public const string RebuildKind = "*";
    private readonly Dictionary<string, ISearchDocumentSource> _sources = sources.ToDictionary(s => s.Kind, StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SearchIndex Index { get; } = index;

    public IReadOnlyCollection<string> Kinds => _sources.Keys;

    /// <summary>Processes one batch of the outbox; returns how many rows it handled (0 = empty).</summary>
    public async Task<int> DrainBatchAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var batch = await db.SearchOutbox.AsNoTracking().OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return 0;
            }
            if (batch.Any(e => e.Kind == RebuildKind))
            {
                await RebuildCoreAsync(db, null, cancellationToken);
                return batch.Count;
            }
            long generation = 0;
            foreach (var kind in batch.Where(e => e.Key is null).Select(e => e.Kind).Distinct())
            {
                generation = Math.Max(generation, await ReconcileKindAsync(db, kind, cancellationToken));
            }
            foreach (var (kind, key) in batch.Where(e => e.Key is not null).Select(e => (e.Kind, e.Key!)).Distinct())
            {
                if (!_sources.TryGetValue(kind, out var source))
                {
                    continue; // a kind whose feature is not installed in this portal
                }
                var document = await source.LoadAsync(db, key, cancellationToken);
                generation = document is null ? Index.Delete(kind, key) : Index.Upsert(document);
            }
            Index.Commit();
            // Readers see the batch before the outbox rows go: a change is searchable within
            // the reopen delay (tens of milliseconds), not the background reopen interval.
            Index.WaitForGeneration(generation);
            var ids = batch.Select(e => e.Id).ToList();
            await db.SearchOutbox.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
            return batch.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drains until the outbox is empty.</summary>
    public async Task DrainAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        while (await DrainBatchAsync(db, cancellationToken) > 0)
        {
        }
    }

    /// <summary>Every document of a kind from the database into the index (after a lost key); returns the last change's generation.</summary>
    private async Task<long> ReconcileKindAsync(PortalDbContext db, string kind, CancellationToken cancellationToken)
    {
        if (!_sources.TryGetValue(kind, out var source))
        {
            return 0;
        }
        long generation = 0;
        await foreach (var document in source.LoadAllAsync(db, cancellationToken))
        {
            generation = Index.Upsert(document);
        }
        return generation;
    }

    /// <summary>
    /// Rebuilds the whole index from the database while searches go on (they see the old index, then
    /// the new one filling up at the background reopen interval, then all of it merged into one segment).
    /// Outbox rows written before the rebuild started are covered by it and removed.
    /// </summary>
    public async Task<int> RebuildAsync(PortalDbContext db, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RebuildCoreAsync(db, progress, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Asks the process that owns the index for a full rebuild, through the database.</summary>
    public static async Task RequestRebuildAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        db.SearchOutbox.Add(new SearchOutboxEntry { Kind = RebuildKind });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<int> RebuildCoreAsync(PortalDbContext db, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var coveredUpTo = await db.SearchOutbox.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        Index.DeleteAll();
        var count = 0;
        foreach (var source in _sources.Values)
        {
            await foreach (var document in source.LoadAllAsync(db, cancellationToken))
            {
                Index.Add(document);
                if (++count % 500 == 0)
                {
                    progress?.Report(count);
                }
            }
        }
        Index.MergeSegments();
        Index.Refresh();
        await db.SearchOutbox.Where(e => e.Id <= coveredUpTo).ExecuteDeleteAsync(cancellationToken);
        progress?.Report(count);
        return count;
    }
}
