using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Portal.Core.Search.Analysis;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Portal.Core.Search.Indexing;

/// <summary>
/// The one owner of the index: the single <see cref="IndexWriter"/>, a <see cref="SearcherManager"/>
/// refreshed in the background by <see cref="ControlledRealTimeReopenThread{T}"/>, and commits
/// batched by a timer. Readers lease searchers with <see cref="Lease"/>. A writer that needs its
/// change searchable now waits for its generation (<see cref="WaitForGeneration"/>: the reopen
/// follows within <c>MinStaleSeconds</c>); otherwise the reopen runs every <see cref="MaxStaleSeconds"/>.
/// A periodic reopen flushes whatever is buffered into a new segment, so it is kept rare: during a
/// rebuild, frequent reopens cut the index into many small segments and slow both indexing and search.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const double MaxStaleSeconds = 5;
    private const double MinStaleSeconds = 0.02;
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(2);

    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly TrackingIndexWriter _tracking;
    private readonly SearcherManager _manager;
    private readonly ControlledRealTimeReopenThread<IndexSearcher> _reopen;
    private readonly Timer _commitTimer;
    private readonly object _commitLock = new();
    private long _uncommitted;
    private bool _disposed;

    public static PortalSimilarity Similarity { get; } = new();

    /// <summary>
    /// Version of what the index stores (fields, analysis). Every commit carries it; an index of
    /// another version is rebuilt from the database at start, as a broken one is. Raise it whenever
    /// a change to fields or analysis makes old documents wrong.
    /// </summary>
    public const string SchemaVersion = "6";
    private const string SchemaKey = "portal.schema";

    private SearchIndex(LuceneDirectory directory, PortalAnalyzer analyzer, bool create)
    {
        _directory = directory;
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
        {
            OpenMode = create ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            Similarity = Similarity,
            // A rebuild flushes fewer, larger segments (less merging); everyday edits never fill it.
            RAMBufferSizeMB = 128,
        };
        _writer = new IndexWriter(directory, config);
        _writer.SetCommitData(new Dictionary<string, string> { [SchemaKey] = SchemaVersion });
        _tracking = new TrackingIndexWriter(_writer);
        _manager = new SearcherManager(_writer, applyAllDeletes: true, new BM25SearcherFactory());
        _reopen = new ControlledRealTimeReopenThread<IndexSearcher>(_tracking, _manager, MaxStaleSeconds, MinStaleSeconds)
        {
            IsBackground = true,
            Name = "search-index-reopen",
        };
        _reopen.Start();
        _commitTimer = new Timer(_ => CommitIfDirty(), null, CommitInterval, CommitInterval);
    }

    /// <summary>True when the folder held no readable index at open: the caller rebuilds it from the database.</summary>
    public bool NeedsRebuild { get; private set; }

    public PortalAnalyzer Analyzer => (PortalAnalyzer)_writer.Analyzer;

    /// <summary>Opens the index in a folder; a missing or unreadable index is replaced by an empty one and flagged.</summary>
    public static SearchIndex Open(string path, PortalAnalyzer analyzer, IndexDirectoryKind directoryKind = IndexDirectoryKind.MMap)
    {
        System.IO.Directory.CreateDirectory(path);
        bool healthy;
        bool current;
        using (var probe = FSDirectory.Open(path))
        {
            healthy = IsReadable(probe, out current);
        }
        if (!healthy && System.IO.Directory.EnumerateFileSystemEntries(path).Any())
        {
            // A crashed or partial index must not keep the portal from starting: keep it aside for
            // inspection, start empty, and let the caller rebuild from the database.
            System.IO.Directory.Move(path, path + ".broken-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
            System.IO.Directory.CreateDirectory(path);
        }
        var directory = IndexDirectories.Open(path, directoryKind);
        var rebuild = !healthy || !current;
        return new SearchIndex(directory, analyzer, create: rebuild) { NeedsRebuild = rebuild };
    }

    /// <summary>An index in memory (tests, the evaluation tool).</summary>
    public static SearchIndex InMemory(PortalAnalyzer analyzer) => new(new RAMDirectory(), analyzer, create: true);

    private static bool IsReadable(LuceneDirectory directory, out bool currentSchema)
    {
        currentSchema = false;
        try
        {
            if (!DirectoryReader.IndexExists(directory))
            {
                return false;
            }
            using var reader = DirectoryReader.Open(directory);
            _ = reader.NumDocs;
            currentSchema = reader.IndexCommit.UserData.TryGetValue(SchemaKey, out var version) && version == SchemaVersion;
            return true;
        }
        catch (Exception e) when (e is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or UnauthorizedAccessException or LockObtainFailedException)
        {
            return false;
        }
    }

    public long Upsert(SearchDocument document)
    {
        var id = new Term(SearchFields.Id, LuceneDocuments.IdOf(document.Kind, document.Key));
        var generation = _tracking.UpdateDocuments(id, LuceneDocuments.ToBlock(document));
        Interlocked.Increment(ref _uncommitted);
        return generation;
    }

    /// <summary>Adds a document known not to be in the index (a rebuild after <see cref="DeleteAll"/>): no lookup of an old copy.</summary>
    public long Add(SearchDocument document)
    {
        var generation = _tracking.AddDocuments(LuceneDocuments.ToBlock(document));
        Interlocked.Increment(ref _uncommitted);
        return generation;
    }

    /// <summary>
    /// Merges the index into one segment and commits: after a rebuild, so that a query visits one
    /// terms dictionary per field instead of one per segment (about half the query time on the corpus).
    /// </summary>
    public void MergeSegments()
    {
        lock (_commitLock)
        {
            if (_disposed)
            {
                return;
            }
            _writer.ForceMerge(1);
            Interlocked.Exchange(ref _uncommitted, 0);
            _writer.Commit();
        }
    }

    public long Delete(string kind, string key)
    {
        var generation = _tracking.DeleteDocuments(new Term(SearchFields.Id, LuceneDocuments.IdOf(kind, key)));
        Interlocked.Increment(ref _uncommitted);
        return generation;
    }

    public long DeleteAll()
    {
        var generation = _tracking.DeleteAll();
        Interlocked.Increment(ref _uncommitted);
        return generation;
    }

    /// <summary>Blocks until a change with this generation is visible to new leases (the indexer after a batch, tests).</summary>
    public void WaitForGeneration(long generation) => _reopen.WaitForGeneration(generation);

    /// <summary>Makes everything written so far visible now (rebuild end, evaluation).</summary>
    public void Refresh() => _manager.MaybeRefreshBlocking();

    public void Commit()
    {
        lock (_commitLock)
        {
            if (_disposed)
            {
                return;
            }
            Interlocked.Exchange(ref _uncommitted, 0);
            _writer.Commit();
        }
    }

    private void CommitIfDirty()
    {
        if (Interlocked.Read(ref _uncommitted) > 0)
        {
            try
            {
                Commit();
            }
            catch (ObjectDisposedException)
            {
                // shutting down
            }
        }
    }

    public SearcherLease Lease() => new(_manager);

    /// <summary>Items in the index: main documents, not their passages.</summary>
    public int DocumentCount
    {
        get
        {
            using var lease = Lease();
            var count = new TotalHitCountCollector();
            lease.Searcher.Search(new TermQuery(new Term(SearchFields.Part, LuceneDocuments.MainPart)), count);
            return count.TotalHits;
        }
    }

    public void Dispose()
    {
        _commitTimer.Dispose();
        _reopen.Dispose();
        lock (_commitLock)
        {
            if (_disposed)
            {
                return;
            }
            _writer.Commit();
            _disposed = true;
        }
        _manager.Dispose();
        _writer.Dispose();
        _directory.Dispose();
    }

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new BlendedStatisticsSearcher(reader) { Similarity = Similarity };
    }
}

/// <summary>
/// BM25 with coordination: Lucene's BM25 ignores how many of a query's clauses a document matched
/// (coord = 1); for the words of a query the portal scales by (matched / total)^<see cref="CoordExponent"/>.
/// Only boolean queries built with coordination enabled are affected. An exponent below 1 keeps a
/// document that misses one word of a long query close behind one that has them all (tuned on the
/// development queries: 0.75 over 1.0 and 0.5).
/// </summary>
public sealed class PortalSimilarity : BM25Similarity
{
    public static float CoordExponent { get; set; } = 0.75f;

    public override float Coord(int overlap, int maxOverlap) =>
        maxOverlap <= 1 ? 1f : MathF.Pow((float)overlap / maxOverlap, CoordExponent);

    /// <summary>The field length a norm byte stands for, for scores computed outside Lucene's scorers (proximity).</summary>
    public float DocumentLength(byte norm) => DecodeNormValue(norm);
}

/// <summary>A searcher leased from the manager; dispose to release it.</summary>
public readonly struct SearcherLease(SearcherManager manager) : IDisposable
{
    private readonly SearcherManager _manager = manager;

    public IndexSearcher Searcher { get; } = manager.Acquire();

    public void Dispose() => _manager.Release(Searcher);
}

