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
/// <para>
/// A full rebuild (<see cref="BeginRebuild"/>) writes a new index beside the live one, which goes
/// on serving searches and taking changes, and swaps it in only when complete; a rebuild that
/// fails or is interrupted leaves the live index as it was. On disk the index folder holds one
/// folder per generation and a <c>current</c> file naming the live one, replaced atomically.
/// </para>
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const double MaxStaleSeconds = 5;
    private const double MinStaleSeconds = 0.02;
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(2);

    private readonly IndexStorage _storage;
    private readonly PortalAnalyzer _analyzer;
    private readonly Timer _commitTimer;
    private readonly System.Threading.Lock _writeLock = new();
    private volatile Generation _live;
    private IndexRebuild? _rebuild;
    private bool _disposed;

    public static PortalSimilarity Similarity { get; } = new();

    /// <summary>
    /// Version of what the index stores (fields, analysis). Every commit carries it; an index of
    /// another version is rebuilt from the database at start (and serves meanwhile), as a broken one
    /// is. Raise it whenever a change to fields or analysis makes old documents wrong.
    /// </summary>
    public const string SchemaVersion = "6";
    private const string SchemaKey = "portal.schema";

    private SearchIndex(IndexStorage storage, PortalAnalyzer analyzer, Generation live, bool needsRebuild)
    {
        _storage = storage;
        _analyzer = analyzer;
        _live = live;
        NeedsRebuild = needsRebuild;
        _commitTimer = new Timer(_ => CommitIfDirty(), null, CommitInterval, CommitInterval);
    }

    /// <summary>True when the live index is missing, unreadable, of another schema or a rebuild was interrupted: the caller rebuilds it from the database.</summary>
    public bool NeedsRebuild { get; private set; }

    /// <summary>Whether a rebuild is being written beside the live index.</summary>
    public bool IsRebuilding => Volatile.Read(ref _rebuild) is not null;

    public PortalAnalyzer Analyzer => _analyzer;

    /// <summary>Opens the index in a folder; a missing or unreadable index is replaced by an empty one and flagged.</summary>
    public static SearchIndex Open(string path, PortalAnalyzer analyzer, IndexDirectoryKind directoryKind = IndexDirectoryKind.Mapped)
    {
        var storage = new FileIndexStorage(path, directoryKind);
        var (folder, state) = storage.OpenLive(IsReadable);
        // An index of an older schema serves until its rebuild is swapped in: better old results than none.
        var live = Generation.Open(folder, analyzer, create: state == LiveIndexState.Missing);
        return new SearchIndex(storage, analyzer, live, needsRebuild: state != LiveIndexState.Current || storage.HadInterruptedRebuild);
    }

    /// <summary>Whether a process holds the index in this folder open for writing (a running portal).</summary>
    public static bool IsLocked(string path) => FileIndexStorage.IsLiveLocked(path);

    /// <summary>An index in memory (tests, the evaluation tool).</summary>
    public static SearchIndex InMemory(PortalAnalyzer analyzer)
    {
        var storage = new MemoryIndexStorage();
        return new SearchIndex(storage, analyzer, Generation.Open(storage.Create(), analyzer, create: true), needsRebuild: false);
    }

    /// <summary>Readable, and of the current schema.</summary>
    private static LiveIndexState IsReadable(LuceneDirectory directory)
    {
        try
        {
            if (!DirectoryReader.IndexExists(directory))
            {
                return LiveIndexState.Missing;
            }
            using var reader = DirectoryReader.Open(directory);
            _ = reader.NumDocs;
            return reader.IndexCommit.UserData.TryGetValue(SchemaKey, out var version) && version == SchemaVersion
                ? LiveIndexState.Current
                : LiveIndexState.OtherSchema;
        }
        catch (Exception e) when (e is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or UnauthorizedAccessException or LockObtainFailedException)
        {
            return LiveIndexState.Broken;
        }
    }

    public long Upsert(SearchDocument document)
    {
        lock (_writeLock)
        {
            var live = Live();
            var id = new Term(SearchFields.Id, LuceneDocuments.IdOf(document.Kind, document.Key));
            var generation = live.Tracking.UpdateDocuments(id, LuceneDocuments.ToBlock(document));
            live.Changed();
            return generation;
        }
    }

    public long Delete(string kind, string key)
    {
        lock (_writeLock)
        {
            var live = Live();
            var generation = live.Tracking.DeleteDocuments(new Term(SearchFields.Id, LuceneDocuments.IdOf(kind, key)));
            live.Changed();
            return generation;
        }
    }

    public long DeleteAll()
    {
        lock (_writeLock)
        {
            var live = Live();
            var generation = live.Tracking.DeleteAll();
            live.Changed();
            return generation;
        }
    }

    /// <summary>
    /// Starts writing a complete new index beside the live one. Add every document to it, then
    /// <see cref="IndexRebuild.Complete"/> swaps it in; disposing it without completing throws it
    /// away. One rebuild at a time. Changes made to the live index meanwhile are not carried over:
    /// the caller applies them again after the swap (the indexer leaves them in the outbox).
    /// </summary>
    public IndexRebuild BeginRebuild()
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_rebuild is not null)
            {
                throw new InvalidOperationException("A rebuild of the search index is already running.");
            }
            var target = _storage.Create();
            var config = NewConfig(_analyzer, create: true);
            // A rebuild flushes fewer, larger segments (less merging); everyday edits never fill it.
            config.RAMBufferSizeMB = 128;
            var rebuild = new IndexRebuild(this, target, new IndexWriter(target.Directory, config));
            _rebuild = rebuild;
            return rebuild;
        }
    }

    /// <summary>Makes a completed rebuild the live index: the old one goes on serving the searches that hold it and is deleted after.</summary>
    internal void SwapIn(IndexRebuild rebuild)
    {
        // Merged into one segment, so that a query visits one terms dictionary per field instead of
        // one per segment (about half the query time on the corpus); outside the lock, it takes seconds.
        rebuild.Writer.SetCommitData(new Dictionary<string, string> { [SchemaKey] = SchemaVersion });
        rebuild.Writer.ForceMerge(1);
        rebuild.Writer.Commit();
        Generation old;
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _storage.MakeCurrent(rebuild.Target);
            old = _live;
            _live = Generation.Attach(rebuild.Target, rebuild.Writer);
            _rebuild = null;
            NeedsRebuild = false;
        }
        rebuild.SwappedIn = true;
        // The old index closes as its last lease goes; its files go now (a folder still open is
        // deleted at the next start).
        old.Dispose(commit: false);
        _storage.Delete(old.Folder);
        // The old index's mappings go back when their inputs are collected (MappedDirectory): ask for
        // a background collection, so that a deleted generation's disk pages are freed soon.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Optimized, blocking: false);
    }

    internal void Abandon(IndexRebuild rebuild)
    {
        lock (_writeLock)
        {
            if (_rebuild == rebuild)
            {
                _rebuild = null;
            }
        }
        try
        {
            rebuild.Writer.Rollback();
        }
        finally
        {
            rebuild.Target.Directory.Dispose();
            _storage.Delete(rebuild.Target);
        }
    }

    /// <summary>Blocks until a change with this generation is visible to new leases (the indexer after a batch, tests).</summary>
    public void WaitForGeneration(long generation) => Live().Reopen.WaitForGeneration(generation);

    /// <summary>Makes everything written so far visible now (tests, evaluation).</summary>
    public void Refresh() => Live().Manager.MaybeRefreshBlocking();

    public void Commit()
    {
        lock (_writeLock)
        {
            if (!_disposed)
            {
                _live.Commit();
            }
        }
    }

    private void CommitIfDirty()
    {
        lock (_writeLock)
        {
            if (!_disposed && _live.IsDirty)
            {
                _live.Commit();
            }
        }
    }

    /// <summary>
    /// A searcher of the live index; dispose to release it. A lease taken just before a rebuild is
    /// swapped in keeps the old index's reader, which is closed when the last lease goes.
    /// </summary>
    public SearcherLease Lease()
    {
        while (true)
        {
            var live = _live;
            try
            {
                return new SearcherLease(live.Manager);
            }
            catch (ObjectDisposedException) when (live != _live)
            {
                // swapped out between reading it and acquiring: take the new one
            }
        }
    }

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

    private Generation Live()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _live;
    }

    public void Dispose()
    {
        _commitTimer.Dispose();
        IndexRebuild? rebuild;
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            rebuild = _rebuild;
        }
        rebuild?.Dispose();
        _live.Dispose(commit: true);
    }

    internal static IndexWriterConfig NewConfig(PortalAnalyzer analyzer, bool create) => new(LuceneVersion.LUCENE_48, analyzer)
    {
        OpenMode = create ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
        Similarity = Similarity,
    };

    /// <summary>One index on disk or in memory with its writer, searcher manager and reopen thread.</summary>
    private sealed class Generation
    {
        private long _uncommitted;

        private Generation(IndexGenerationFolder folder, IndexWriter writer)
        {
            Folder = folder;
            Directory = folder.Directory;
            Writer = writer;
            Tracking = new TrackingIndexWriter(writer);
            Manager = new SearcherManager(writer, applyAllDeletes: true, new BM25SearcherFactory());
            Reopen = new ControlledRealTimeReopenThread<IndexSearcher>(Tracking, Manager, MaxStaleSeconds, MinStaleSeconds)
            {
                IsBackground = true,
                Name = "search-index-reopen",
            };
            Reopen.Start();
        }

        public IndexGenerationFolder Folder { get; }
        public LuceneDirectory Directory { get; }
        public IndexWriter Writer { get; }
        public TrackingIndexWriter Tracking { get; }
        public SearcherManager Manager { get; }
        public ControlledRealTimeReopenThread<IndexSearcher> Reopen { get; }
        public bool IsDirty => Interlocked.Read(ref _uncommitted) > 0;

        public static Generation Open(IndexGenerationFolder folder, PortalAnalyzer analyzer, bool create)
        {
            var writer = new IndexWriter(folder.Directory, NewConfig(analyzer, create));
            if (create)
            {
                writer.SetCommitData(new Dictionary<string, string> { [SchemaKey] = SchemaVersion });
                writer.Commit();
            }
            return new Generation(folder, writer);
        }

        /// <summary>A generation over a writer that already holds a complete, committed index (a finished rebuild).</summary>
        public static Generation Attach(IndexGenerationFolder folder, IndexWriter writer) => new(folder, writer);

        public void Changed() => Interlocked.Increment(ref _uncommitted);

        public void Commit()
        {
            Interlocked.Exchange(ref _uncommitted, 0);
            Writer.Commit();
        }

        public void Dispose(bool commit)
        {
            Reopen.Dispose();
            Manager.Dispose();
            if (commit)
            {
                Writer.Dispose();
            }
            else
            {
                Writer.Rollback();
            }
            Directory.Dispose();
        }
    }

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new BlendedStatisticsSearcher(reader) { Similarity = Similarity };
    }
}

/// <summary>
/// A complete new index being written beside the live one (<see cref="SearchIndex.BeginRebuild"/>).
/// <see cref="Add"/> may be called from several threads.
/// </summary>
public sealed class IndexRebuild : IDisposable
{
    private readonly SearchIndex _owner;
    private bool _finished;

    internal IndexRebuild(SearchIndex owner, IndexGenerationFolder target, IndexWriter writer)
    {
        _owner = owner;
        Target = target;
        Writer = writer;
    }

    internal IndexGenerationFolder Target { get; }
    internal IndexWriter Writer { get; }
    internal bool SwappedIn { get; set; }

    /// <summary>Adds a document (the new index starts empty: no lookup of an old copy).</summary>
    public void Add(SearchDocument document) => Writer.AddDocuments(LuceneDocuments.ToBlock(document));

    /// <summary>Merges the new index into one segment, commits it and makes it the live index.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        try
        {
            _owner.SwapIn(this);
        }
        catch when (!SwappedIn)
        {
            _owner.Abandon(this);
            throw;
        }
    }

    /// <summary>Throws the new index away unless it was completed.</summary>
    public void Dispose()
    {
        if (!_finished)
        {
            _finished = true;
            _owner.Abandon(this);
        }
    }
}

internal enum LiveIndexState
{
    Current,
    OtherSchema,
    Missing,
    Broken,
}

/// <summary>A folder (or memory) that holds one generation of the index.</summary>
internal sealed record IndexGenerationFolder(string? Path, LuceneDirectory Directory);

/// <summary>Where the generations of an index live.</summary>
internal abstract class IndexStorage
{
    public abstract IndexGenerationFolder Create();

    public abstract void MakeCurrent(IndexGenerationFolder generation);

    public abstract void Delete(IndexGenerationFolder generation);
}

internal sealed class MemoryIndexStorage : IndexStorage
{
    public override IndexGenerationFolder Create() => new(null, new RAMDirectory());

    public override void MakeCurrent(IndexGenerationFolder generation)
    {
    }

    public override void Delete(IndexGenerationFolder generation)
    {
    }
}

/// <summary>
/// Generations as folders under the index folder and a <c>current</c> file naming the live one.
/// A rebuild's folder holds a <c>rebuilding</c> marker until it is made current, so a folder left
/// with the marker after a crash is known for an interrupted rebuild; any folder that is not
/// current is deleted at start.
/// </summary>
internal sealed class FileIndexStorage(string root, IndexDirectoryKind kind) : IndexStorage
{
    public const string CurrentFile = "current";
    private const string RebuildingMarker = "rebuilding";
    private const string GenerationPrefix = "g-";

    public bool HadInterruptedRebuild { get; private set; }

    public (IndexGenerationFolder Folder, LiveIndexState State) OpenLive(Func<LuceneDirectory, LiveIndexState> check)
    {
        System.IO.Directory.CreateDirectory(root);
        AdoptFlatLayout();
        var name = ReadCurrent();
        foreach (var folder in System.IO.Directory.EnumerateDirectories(root, GenerationPrefix + "*"))
        {
            if (System.IO.Path.GetFileName(folder) == name)
            {
                continue;
            }
            HadInterruptedRebuild |= File.Exists(System.IO.Path.Combine(folder, RebuildingMarker));
            TryDelete(folder);
        }
        if (name is not null && System.IO.Directory.Exists(System.IO.Path.Combine(root, name)))
        {
            var path = System.IO.Path.Combine(root, name);
            var directory = IndexDirectories.Open(path, kind);
            var state = check(directory);
            if (state is LiveIndexState.Current or LiveIndexState.OtherSchema)
            {
                return (new IndexGenerationFolder(path, directory), state);
            }
            directory.Dispose();
            if (state == LiveIndexState.Broken)
            {
                // A crashed or partial index must not keep the portal from starting: kept aside for inspection.
                System.IO.Directory.Move(path, System.IO.Path.Combine(root, "broken-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture)));
            }
            else
            {
                TryDelete(path);
            }
        }
        var fresh = NewFolder(marker: false);
        WriteCurrent(System.IO.Path.GetFileName(fresh));
        return (new IndexGenerationFolder(fresh, IndexDirectories.Open(fresh, kind)), LiveIndexState.Missing);
    }

    public override IndexGenerationFolder Create()
    {
        var path = NewFolder(marker: true);
        return new IndexGenerationFolder(path, IndexDirectories.Open(path, kind));
    }

    public override void MakeCurrent(IndexGenerationFolder generation)
    {
        File.Delete(System.IO.Path.Combine(generation.Path!, RebuildingMarker));
        WriteCurrent(System.IO.Path.GetFileName(generation.Path!));
    }

    public override void Delete(IndexGenerationFolder generation)
    {
        if (generation.Path is { } path)
        {
            TryDelete(path);
        }
    }

    public static bool IsLiveLocked(string root)
    {
        var file = System.IO.Path.Combine(root, CurrentFile);
        var folder = File.Exists(file) ? System.IO.Path.Combine(root, File.ReadAllText(file).Trim()) : root;
        if (!System.IO.Directory.Exists(folder))
        {
            return false;
        }
        using var directory = FSDirectory.Open(folder);
        return IndexWriter.IsLocked(directory);
    }

    /// <summary>An index written by an older portal straight into the folder becomes its first generation.</summary>
    private void AdoptFlatLayout()
    {
        var files = System.IO.Directory.GetFiles(root);
        if (!files.Any(f => System.IO.Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal)))
        {
            return;
        }
        var folder = NewFolder(marker: false);
        foreach (var file in files)
        {
            if (System.IO.Path.GetFileName(file) != CurrentFile)
            {
                File.Move(file, System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file)));
            }
        }
        WriteCurrent(System.IO.Path.GetFileName(folder));
    }

    private string? ReadCurrent()
    {
        var file = System.IO.Path.Combine(root, CurrentFile);
        if (!File.Exists(file))
        {
            return null;
        }
        var name = File.ReadAllText(file).Trim();
        return name.StartsWith(GenerationPrefix, StringComparison.Ordinal) && name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) < 0 ? name : null;
    }

    /// <summary>Written beside and renamed over the old file: a reader sees the old name or the new one, never half of it.</summary>
    private void WriteCurrent(string name)
    {
        var file = System.IO.Path.Combine(root, CurrentFile);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, name);
        File.Move(temporary, file, overwrite: true);
    }

    private string NewFolder(bool marker)
    {
        var path = System.IO.Path.Combine(root, GenerationPrefix + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        System.IO.Directory.CreateDirectory(path);
        if (marker)
        {
            File.WriteAllText(System.IO.Path.Combine(path, RebuildingMarker), "");
        }
        return path;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // still open elsewhere: deleted at the next start
        }
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
