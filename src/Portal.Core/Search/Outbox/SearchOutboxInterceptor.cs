using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Core.Search.Outbox;

/// <summary>
/// Records (kind, key) of every added, changed or deleted <see cref="ISearchIndexed"/> entity in the
/// <c>SearchOutbox</c> table, inside the same SaveChanges (so the same transaction) as the change.
/// Keys of added entities exist only after the insert: a reconcile marker (key null) is saved with
/// them, and replaced by the exact rows right after. If the process dies in between, the marker
/// survives and the indexer reconciles that kind from the database: nothing is lost.
/// </summary>
public sealed class SearchOutboxInterceptor : SaveChangesInterceptor
{
    public static SearchOutboxInterceptor Instance { get; } = new();

    /// <summary>Added entities and their markers, per context, between SavingChanges and SavedChanges.</summary>
    private readonly ConditionalWeakTable<DbContext, PendingAdds> _pending = new();

    /// <summary>Raised after a save that recorded outbox work (wakes the indexer of this process at once).</summary>
    public static event Action? WorkRecorded;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && TakePending(context) is { } pending)
        {
            ResolveMarkers(context, pending);
            context.SaveChanges();
            DeleteMarkers(context, pending).ExecuteDelete();
        }
        Notify(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && TakePending(context) is { } pending)
        {
            ResolveMarkers(context, pending);
            await context.SaveChangesAsync(cancellationToken);
            await DeleteMarkers(context, pending).ExecuteDeleteAsync(cancellationToken);
        }
        Notify(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }
    }

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var outbox = context.Set<SearchOutboxEntry>();
        var added = new List<ISearchIndexed>();
        var markers = new List<SearchOutboxEntry>();
        var seen = new HashSet<(string, string)>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is not ISearchIndexed indexed)
            {
                continue;
            }
            switch (entry.State)
            {
                case EntityState.Added:
                    added.Add(indexed);
                    if (!markers.Any(m => m.Kind == indexed.SearchKind))
                    {
                        var marker = new SearchOutboxEntry { Kind = indexed.SearchKind, Key = null };
                        markers.Add(marker);
                        outbox.Add(marker);
                    }
                    break;
                case EntityState.Modified or EntityState.Deleted:
                    if (seen.Add((indexed.SearchKind, indexed.SearchKey)))
                    {
                        outbox.Add(new SearchOutboxEntry { Kind = indexed.SearchKind, Key = indexed.SearchKey });
                    }
                    break;
            }
        }
        if (added.Count > 0)
        {
            _pending.AddOrUpdate(context, new PendingAdds(added, markers));
        }
    }

    private PendingAdds? TakePending(DbContext context)
    {
        if (!_pending.TryGetValue(context, out var pending))
        {
            return null;
        }
        _pending.Remove(context);
        return pending;
    }

    /// <summary>The keys are known now: exact rows in, then markers out (same transaction if one is open).</summary>
    private static void ResolveMarkers(DbContext context, PendingAdds pending)
    {
        var outbox = context.Set<SearchOutboxEntry>();
        foreach (var entity in pending.Added.DistinctBy(e => (e.SearchKind, e.SearchKey)))
        {
            outbox.Add(new SearchOutboxEntry { Kind = entity.SearchKind, Key = entity.SearchKey });
        }
        // The indexer may already have processed (and deleted) a marker: delete by id, tolerating none.
        foreach (var marker in pending.Markers)
        {
            context.Entry(marker).State = EntityState.Detached;
        }
    }

    private static IQueryable<SearchOutboxEntry> DeleteMarkers(DbContext context, PendingAdds pending)
    {
        var ids = pending.Markers.Select(m => m.Id).ToList();
        return context.Set<SearchOutboxEntry>().Where(e => ids.Contains(e.Id));
    }

    private static void Notify(DbContext? context)
    {
        if (context is not null)
        {
            WorkRecorded?.Invoke();
        }
    }

    private sealed record PendingAdds(List<ISearchIndexed> Added, List<SearchOutboxEntry> Markers);
}
