using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Search.Indexing;

namespace Portal.Core.Search.Outbox;

/// <summary>
/// Applies database changes to the index: drains the outbox (load through the kind's
/// <see cref="ISearchDocumentSource"/>; null means delete) and rebuilds everything from the
/// database. The index is committed before outbox rows are deleted, so a crash at any point
/// repeats work at worst and never loses it. An item that the index refuses (or whose source
/// fails on it) is set aside in the outbox with its error, and the rest goes on.
/// </summary>
public sealed class SearchIndexer(SearchIndex index, IEnumerable<ISearchDocumentSource> sources, ILogger<SearchIndexer>? logger = null)
{
    public const int BatchSize = 200;
    /// <summary>Outbox kind that asks the portal for a full rebuild (written by the reindex command and the admin page).</summary>
    public const string RebuildKind = "*";
    private readonly Dictionary<string, ISearchDocumentSource> _sources = sources.ToDictionary(s => s.Kind, StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SearchIndex Index { get; } = index;

    public IReadOnlyCollection<string> Kinds => _sources.Keys;

    /// <summary>When the last rebuild of this process was swapped in (UTC), and how many items it held.</summary>
    public (DateTime At, int Count)? LastRebuild { get; private set; }

    /// <summary>Processes one batch of the outbox; returns how many rows it handled (0 = nothing left to do).</summary>
    public async Task<int> DrainBatchAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var batch = await Pending(db).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return 0;
            }
            if (batch.Any(e => e.Kind == RebuildKind))
            {
                await RebuildCoreAsync(db, null, cancellationToken);
                return batch.Count;
            }
            var failures = new Dictionary<(string Kind, string Key), string>();
            long generation = 0;
            foreach (var kind in batch.Where(e => e.Key is null).Select(e => e.Kind).Distinct())
            {
                generation = Math.Max(generation, await ReconcileKindAsync(db, kind, failures, cancellationToken));
            }
            foreach (var (kind, key) in batch.Where(e => e.Key is not null).Select(e => (e.Kind, e.Key!)).Distinct())
            {
                if (!_sources.TryGetValue(kind, out var source))
                {
                    continue; // a kind whose feature is not installed in this portal
                }
                try
                {
                    var document = await source.LoadAsync(db, key, cancellationToken);
                    generation = Math.Max(generation, document is null ? Index.Delete(kind, key) : Index.Upsert(document));
                }
                catch (Exception e) when (IsItemFault(e))
                {
                    failures[(kind, key)] = Describe(e);
                }
            }
            Index.Commit();
            // Readers see the batch before the outbox rows go: a change is searchable within
            // the reopen delay (tens of milliseconds), not the background reopen interval.
            Index.WaitForGeneration(generation);
            var done = batch.Where(e => e.Key is null || !failures.ContainsKey((e.Kind, e.Key))).Select(e => e.Id).ToList();
            await db.SearchOutbox.Where(e => done.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
            var indexed = batch.Where(e => e.Key is not null && !failures.ContainsKey((e.Kind, e.Key))).Select(e => (e.Kind, e.Key!)).ToHashSet();
            await RecordFailuresAsync(db, batch.Where(e => e.Key is not null && failures.ContainsKey((e.Kind, e.Key))).ToList(), failures, indexed, cancellationToken);
            return batch.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drains until nothing is left but set-aside rows.</summary>
    public async Task DrainAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        while (await DrainBatchAsync(db, cancellationToken) > 0)
        {
        }
    }

    /// <summary>Outbox rows still to do: set-aside ones wait for an administrator.</summary>
    private static IQueryable<SearchOutboxEntry> Pending(PortalDbContext db) => db.SearchOutbox.AsNoTracking().Where(e => e.SetAsideAt == null);

    /// <summary>Items the index refused, newest first (the admin page).</summary>
    public static async Task<IReadOnlyList<SearchOutboxEntry>> SetAsideAsync(PortalDbContext db, int max, CancellationToken cancellationToken) =>
        await db.SearchOutbox.AsNoTracking().Where(e => e.SetAsideAt != null).OrderByDescending(e => e.SetAsideAt).Take(max).ToListAsync(cancellationToken);

    /// <summary>Puts set-aside rows back in the queue (after the cause was fixed); returns how many.</summary>
    public static Task<int> RetrySetAsideAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        db.SearchOutbox.Where(e => e.SetAsideAt != null).ExecuteUpdateAsync(u => u.SetProperty(e => e.SetAsideAt, (DateTime?)null), cancellationToken);

    /// <summary>
    /// A failure of this one item, not of the index or the database: the database being locked or
    /// gone, the index closed or the disk full fail the whole round, which is retried with the
    /// outbox intact.
    /// </summary>
    private static bool IsItemFault(Exception e) =>
        e is not (DbException or OperationCanceledException or ObjectDisposedException or IOException or OutOfMemoryException or InvalidOperationException { InnerException: DbException });

    private static string Describe(Exception e)
    {
        var text = e.GetType().Name + ": " + e.Message;
        return text.Length <= SearchOutboxEntry.MaxErrorLength ? text : text[..SearchOutboxEntry.MaxErrorLength];
    }

    /// <summary>
    /// Keeps one set-aside row per failed item, with its latest error (the batch's own row where it
    /// has one), and drops the set-aside rows of items that have now been indexed. Statements, not
    /// tracked entities: the batch was read without tracking, and the context lives for many batches.
    /// </summary>
    private static async Task RecordFailuresAsync(PortalDbContext db, List<SearchOutboxEntry> failedRows, Dictionary<(string Kind, string Key), string> failures,
        IReadOnlySet<(string, string)> indexed, CancellationToken cancellationToken)
    {
        if (failures.Count == 0 && indexed.Count == 0)
        {
            return;
        }
        var earlier = await db.SearchOutbox.AsNoTracking().Where(e => e.SetAsideAt != null).Select(e => new { e.Id, e.Kind, e.Key, e.Attempts }).ToListAsync(cancellationToken);
        var stale = earlier.Where(e => e.Key is null || failures.ContainsKey((e.Kind, e.Key)) || indexed.Contains((e.Kind, e.Key))).Select(e => e.Id).ToList();
        await db.SearchOutbox.Where(e => stale.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        var now = DateTime.UtcNow;
        foreach (var ((kind, key), error) in failures)
        {
            var attempts = earlier.Where(e => e.Kind == kind && e.Key == key).Select(e => e.Attempts)
                .Concat(failedRows.Where(e => e.Kind == kind && e.Key == key).Select(e => e.Attempts)).DefaultIfEmpty(0).Max() + 1;
            var rows = failedRows.Where(e => e.Kind == kind && e.Key == key).Select(e => e.Id).ToList();
            if (rows.Count == 0)
            {
                db.SearchOutbox.Add(new SearchOutboxEntry { Kind = kind, Key = key, SetAsideAt = now, Error = error, Attempts = attempts });
                continue;
            }
            var keep = rows[0];
            await db.SearchOutbox.Where(e => e.Id == keep).ExecuteUpdateAsync(u => u
                .SetProperty(e => e.SetAsideAt, now).SetProperty(e => e.Error, error).SetProperty(e => e.Attempts, attempts), cancellationToken);
            await db.SearchOutbox.Where(e => rows.Contains(e.Id) && e.Id != keep).ExecuteDeleteAsync(cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every document of a kind from the database into the index (after a lost key); returns the last change's generation.</summary>
    private async Task<long> ReconcileKindAsync(PortalDbContext db, string kind, Dictionary<(string, string), string> failures, CancellationToken cancellationToken)
    {
        if (!_sources.TryGetValue(kind, out var source))
        {
            return 0;
        }
        long generation = 0;
        await foreach (var document in source.LoadAllAsync(db, cancellationToken))
        {
            try
            {
                generation = Index.Upsert(document);
            }
            catch (Exception e) when (IsItemFault(e))
            {
                failures[(document.Kind, document.Key)] = Describe(e);
            }
        }
        return generation;
    }

    /// <summary>
    /// Rebuilds the whole index from the database into a new index beside the live one, which goes
    /// on serving searches, and swaps it in when complete. Outbox rows written before the rebuild
    /// started are covered by it and removed; later ones are applied to the new index after.
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

    /// <summary>Asks the process that owns the index for a full rebuild, through the database (it survives a restart).</summary>
    public static async Task RequestRebuildAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        db.SearchOutbox.Add(new SearchOutboxEntry { Kind = RebuildKind });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<int> RebuildCoreAsync(PortalDbContext db, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        logger?.LogInformation("Rebuilding the search index from the database beside the live one");
        var coveredUpTo = await db.SearchOutbox.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        var failures = new Dictionary<(string Kind, string Key), string>();
        var count = 0;
        using (var rebuild = Index.BeginRebuild())
        {
            foreach (var source in _sources.Values)
            {
                await foreach (var document in source.LoadAllAsync(db, cancellationToken))
                {
                    try
                    {
                        rebuild.Add(document);
                        if (++count % 500 == 0)
                        {
                            progress?.Report(count);
                        }
                    }
                    catch (Exception e) when (IsItemFault(e))
                    {
                        failures[(document.Kind, document.Key)] = Describe(e);
                    }
                }
            }
            rebuild.Complete();
        }
        // Set-aside rows were retried by the rebuild: those that failed again come back from failures.
        await db.SearchOutbox.Where(e => e.Id <= coveredUpTo || e.SetAsideAt != null).ExecuteDeleteAsync(cancellationToken);
        await RecordFailuresAsync(db, [], failures, new HashSet<(string, string)>(), cancellationToken);
        progress?.Report(count);
        LastRebuild = (DateTime.UtcNow, count);
        logger?.LogInformation("Search index rebuilt and swapped in: {Count} items, {Failed} set aside", count, failures.Count);
        return count;
    }
}
