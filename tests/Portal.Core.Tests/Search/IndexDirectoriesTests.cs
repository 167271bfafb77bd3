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

    [Fact]
    public void The_mapped_input_reads_numbers_as_lucene_writes_them_and_clones_outlive_the_original()
    {
        System.IO.Directory.CreateDirectory(_folder);
        using (var fs = Lucene.Net.Store.FSDirectory.Open(_folder))
        using (var output = fs.CreateOutput("numbers.bin", IOContext.DEFAULT))
        {
            foreach (var n in new[] { 0, 1, 127, 128, 16_383, 16_384, int.MaxValue, -1, int.MinValue })
            {
                output.WriteVInt32(n);
            }
            foreach (var n in new[] { 0L, 300L, long.MaxValue })
            {
                output.WriteVInt64(n);
            }
            output.WriteInt16(-2);
            output.WriteInt32(-3);
            output.WriteInt64(long.MinValue + 5);
            output.WriteBytes([9, 8, 7], 3);
        }
        using var directory = new MappedDirectory(_folder);
        var input = directory.OpenInput("numbers.bin", IOContext.DEFAULT);
        var clone = (IndexInput)input.Clone();
        input.Dispose();

        Assert.Equal([0, 1, 127, 128, 16_383, 16_384, int.MaxValue, -1, int.MinValue], Enumerable.Range(0, 9).Select(_ => clone.ReadVInt32()));
        Assert.Equal([0L, 300L, long.MaxValue], Enumerable.Range(0, 3).Select(_ => clone.ReadVInt64()));
        Assert.Equal(-2, clone.ReadInt16());
        Assert.Equal(-3, clone.ReadInt32());
        Assert.Equal(long.MinValue + 5, clone.ReadInt64());
        var bytes = new byte[3];
        clone.ReadBytes(bytes, 0, 3);
        Assert.Equal(new byte[] { 9, 8, 7 }, bytes);
        Assert.Throws<EndOfStreamException>(() => clone.ReadByte());
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
    }

    [Theory]
    [InlineData(IndexDirectoryKind.Mapped)]
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
