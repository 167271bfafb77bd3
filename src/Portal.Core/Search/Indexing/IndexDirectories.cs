using System.Reflection;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Portal.Core.Search.Indexing;

/// <summary>How the index files are read. The default was chosen by measurement (see the search README).</summary>
public enum IndexDirectoryKind
{
    /// <summary>Memory-mapped files read by pointer (<see cref="MappedDirectory"/>): the fastest here, alone and under load.</summary>
    Mapped,
    /// <summary>Lucene.Net's memory mapping without clone tracking (<see cref="UntrackedMMapDirectory"/>).</summary>
    MMap,
    /// <summary>Lucene.Net's <see cref="MMapDirectory"/> as shipped, which registers every input clone in a weak table.</summary>
    TrackedMMap,
    /// <summary>Positional reads through a file stream (<see cref="NIOFSDirectory"/>).</summary>
    NIOFS,
    /// <summary>Plain seeks and reads (<see cref="SimpleFSDirectory"/>).</summary>
    SimpleFS,
}

public static class IndexDirectories
{
    public static LuceneDirectory Open(string path, IndexDirectoryKind kind) => kind switch
    {
        IndexDirectoryKind.Mapped => new MappedDirectory(path),
        IndexDirectoryKind.MMap => new UntrackedMMapDirectory(path),
        IndexDirectoryKind.TrackedMMap => new MMapDirectory(path),
        IndexDirectoryKind.NIOFS => new NIOFSDirectory(path),
        IndexDirectoryKind.SimpleFS => new SimpleFSDirectory(path),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>
/// <see cref="MMapDirectory"/> whose inputs do not track their clones. Lucene.Net 4.8 registers
/// every clone of a memory-mapped input in a <c>ConditionalWeakTable</c> so that closing the file
/// can unset the clones' buffers (apache/lucenenet#1151). A query clones inputs for every term it
/// looks up and every postings list it reads: here that registration cost a tenth of a search alone
/// and a quarter under four concurrent searches (the table locks). Lucene 5 and later dropped the
/// tracking. Without it a clone used after its file was closed fails on the disposed mapping
/// instead of on the unset buffer: a managed exception either way, and Lucene's own readers, which
/// the searcher manager counts, never do it.
/// <para>
/// The table lives in a private field of <see cref="ByteBufferIndexInput"/> whose constructor is
/// closed to other assemblies, so it is cleared by reflection; the package version is pinned and
/// <c>IndexDirectoriesTests</c> fails if the field is gone.
/// </para>
/// </summary>
public sealed class UntrackedMMapDirectory(string path) : MMapDirectory(path)
{
    private static readonly FieldInfo? Clones =
        typeof(ByteBufferIndexInput).GetField("clones", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Whether this Lucene.Net still has the field (if not, inputs behave as in <see cref="MMapDirectory"/>).</summary>
    public static bool CanUntrack => Clones is not null;

    public override IndexInput OpenInput(string name, IOContext context)
    {
        var input = base.OpenInput(name, context);
        if (input is ByteBufferIndexInput mapped)
        {
            Clones?.SetValue(mapped, null);
        }
        return input;
    }
}
