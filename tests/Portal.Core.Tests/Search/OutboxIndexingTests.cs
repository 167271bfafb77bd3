using Microsoft.EntityFrameworkCore;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Materials;
using Portal.Core.Search;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Outbox;
using Portal.Core.Search.Querying;
using Portal.Core.Search.Sources;

namespace Portal.Core.Tests.Search;

/// <summary>
/// The real path of a change: SaveChanges through the DbContext → outbox row → indexer → index on
/// a temp folder → searchable. Uses a real SQLite file, as the portal does.
/// </summary>
public sealed class OutboxIndexingTests : IAsyncLifetime
{
    private readonly PortalOptions _options = new() { DataDirectory = Path.Combine(Path.GetTempPath(), "portal-search-tests", Guid.NewGuid().ToString("N")) };
    private SearchIndex _index = null!;
    private SearchIndexer _indexer = null!;
    private SearchEngine _engine = null!;

    public async Task InitializeAsync()
    {
        await using var db = PortalDatabase.Open(_options);
        await PortalDatabase.MigrateAsync(db, _options);
        _index = SearchIndex.Open(_options.IndexDirectory, SearchTestEnvironment.Analyzer());
        _indexer = new SearchIndexer(_index, [new NormativeDocumentSearchSource(), new MaterialSearchSource()]);
        _engine = new SearchEngine(_index, () => SynonymDictionary.Empty);
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        Directory.Delete(_options.FullDataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    private IReadOnlyList<string> Keys(string query) => _engine.Search(new SearchRequest { Query = query }).Hits.Select(h => h.Key).ToList();

    [Fact]
    public async Task Saved_document_is_searchable_after_the_outbox_is_drained()
    {
        await using var db = PortalDatabase.Open(_options);
        var document = new NormativeDocument { Title = "Об учете библиотечного фонда", DocType = "Приказ", Number = "1077", Text = "Списание учебников производится по акту." };
        db.NormativeDocuments.Add(document);
        await db.SaveChangesAsync();

        var rows = await db.SearchOutbox.AsNoTracking().ToListAsync();
        Assert.Contains(rows, r => r.Kind == SearchKinds.Document && r.Key == document.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(rows, r => r.Key is null);

        await _indexer.DrainAsync(db, CancellationToken.None);
        // Visible through the background reopen thread (no explicit refresh): the NRT guarantee.
        var visible = await WaitUntilAsync(() => Keys("списание учебников").Contains(document.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(visible, "the saved document did not become searchable");
        Assert.Empty(await db.SearchOutbox.ToListAsync());
    }

    [Fact]
    public async Task Unpublished_and_deleted_content_leaves_the_index()
    {
        await using var db = PortalDatabase.Open(_options);
        var material = new Material { Slug = "spisanie", Title = "Как списать учебники", BodyMarkdown = "# Акт списания\nПорядок действий.", IsPublished = true, PublishedAt = DateTime.UtcNow };
        db.Materials.Add(material);
        await db.SaveChangesAsync();
        await _indexer.DrainAsync(db, CancellationToken.None);
        _index.Refresh();
        Assert.Contains(material.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Keys("списать"));

        material.IsPublished = false;
        await db.SaveChangesAsync();
        await _indexer.DrainAsync(db, CancellationToken.None);
        _index.Refresh();
        Assert.Empty(Keys("списать"));
    }

    [Fact]
    public async Task A_reconcile_marker_left_by_a_killed_process_is_not_lost()
    {
        // Simulates a process killed between the insert and the exact outbox rows: the data and a
        // marker (key null) are in the database, the exact row is not.
        await using (var db = PortalDatabase.Open(_options))
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO NormativeDocuments (Title, DocType, Text, Status, Tags, CreatedAt, UpdatedAt) VALUES ('Положение о школьной библиотеке', 'Положение', 'Фонд школьной библиотеки', 0, '', '2024-01-01', '2024-01-01')");
            db.SearchOutbox.Add(new SearchOutboxEntry { Kind = SearchKinds.Document, Key = null });
            await db.SaveChangesAsync();
        }
        await using (var db = PortalDatabase.Open(_options))
        {
            await _indexer.DrainAsync(db, CancellationToken.None);
        }
        _index.Refresh();
        Assert.Single(Keys("положение о школьной библиотеке"));
    }

    [Fact]
    public async Task Rebuild_recreates_the_index_from_the_database()
    {
        await using var db = PortalDatabase.Open(_options);
        db.NormativeDocuments.Add(new NormativeDocument { Title = "Инструкция по учету", DocType = "Инструкция", Text = "Книга суммарного учета" });
        await db.SaveChangesAsync();
        _index.DeleteAll();
        _index.Refresh();
        Assert.Empty(Keys("книга суммарного учета"));

        var count = await _indexer.RebuildAsync(db, null, CancellationToken.None);
        Assert.Equal(1, count);
        Assert.Single(Keys("книга суммарного учета"));
        Assert.Empty(await db.SearchOutbox.ToListAsync());
    }

    [Fact]
    public void A_corrupt_index_folder_is_detected_and_replaced()
    {
        var folder = Path.Combine(_options.FullDataDirectory, "broken-index");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "segments_1"), "not an index");
        using var index = SearchIndex.Open(folder, SearchTestEnvironment.Analyzer());
        Assert.True(index.NeedsRebuild);
        Assert.Equal(0, index.DocumentCount);
    }

    [Fact]
    public void An_index_of_the_current_schema_is_kept_and_one_of_an_older_schema_is_rebuilt()
    {
        var folder = Path.Combine(_options.FullDataDirectory, "schema-index");
        using (var index = SearchIndex.Open(folder, SearchTestEnvironment.Analyzer()))
        {
            Assert.True(index.NeedsRebuild);
            index.Upsert(new SearchDocument { Kind = SearchKinds.Material, Key = "1", Title = "Списание учебников", Url = "/materials/a" });
        }
        using (var reopened = SearchIndex.Open(folder, SearchTestEnvironment.Analyzer()))
        {
            Assert.False(reopened.NeedsRebuild);
            Assert.Equal(1, reopened.DocumentCount);
        }

        // An index written without the schema mark (an older portal) is readable but outdated.
        var older = Path.Combine(_options.FullDataDirectory, "older-index");
        using (var directory = Lucene.Net.Store.FSDirectory.Open(older))
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, SearchTestEnvironment.Analyzer())))
        {
            writer.AddDocument(new Lucene.Net.Documents.Document { new Lucene.Net.Documents.StringField("id", "x", Lucene.Net.Documents.Field.Store.YES) });
            writer.Commit();
        }
        using var outdated = SearchIndex.Open(older, SearchTestEnvironment.Analyzer());
        Assert.True(outdated.NeedsRebuild);
        Assert.Equal(0, outdated.DocumentCount);
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        // Polls up to the NRT budget of one second; a deadline, not a speed measurement.
        var deadline = DateTime.UtcNow.AddSeconds(1);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }
            await Task.Delay(20);
        }
        return condition();
    }
}
