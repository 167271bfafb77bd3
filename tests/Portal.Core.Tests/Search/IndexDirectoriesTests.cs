using System.Reflection;
using Lucene.Net.Store;
using Portal.Core.Search;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Querying;

namespace Portal.Core.Tests.Search;

public sealed class IndexDirectoriesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-dir-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void The_untracked_directory_clears_the_clone_table_of_this_lucene_version()
    {
        Assert.True(UntrackedMMapDirectory.CanUntrack, "ByteBufferIndexInput.clones is gone: review UntrackedMMapDirectory against the new Lucene.Net");
        System.IO.Directory.CreateDirectory(_folder);
        File.WriteAllBytes(Path.Combine(_folder, "probe.bin"), [1, 2, 3, 4]);
        using var directory = new UntrackedMMapDirectory(_folder);
        using var input = directory.OpenInput("probe.bin", IOContext.DEFAULT);
        var clones = typeof(ByteBufferIndexInput).GetField("clones", BindingFlags.Instance | BindingFlags.NonPublic)!;

        Assert.Null(clones.GetValue(input));
        var clone = (IndexInput)input.Clone();
        clone.Seek(2);
        Assert.Equal(3, clone.ReadByte());
    }

    [Theory]
    [InlineData(IndexDirectoryKind.MMap)]
    [InlineData(IndexDirectoryKind.TrackedMMap)]
    [InlineData(IndexDirectoryKind.NIOFS)]
    [InlineData(IndexDirectoryKind.SimpleFS)]
    public void Every_kind_indexes_reopens_and_searches(IndexDirectoryKind kind)
    {
        using (var index = SearchIndex.Open(_folder, SearchTestEnvironment.Analyzer(), kind))
        {
            index.Upsert(new SearchDocument { Kind = SearchKinds.Document, Key = "1", Title = "Порядок учета библиотечного фонда", Url = "/documents/1", Body = "Списание учебников оформляется актом." });
            index.Commit();
        }
        using var reopened = SearchIndex.Open(_folder, SearchTestEnvironment.Analyzer(), kind);
        var engine = new SearchEngine(reopened, () => SynonymDictionary.Empty);

        var results = engine.Search(new SearchRequest { Query = "списанию учебника" });

        Assert.Equal(["1"], results.Hits.Select(h => h.Key));
    }
}
