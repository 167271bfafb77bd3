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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
        Assert.Equal(1, _indexer.LastRebuild?.Count);
    }

    [Fact]
    public void A_rebuild_is_written_beside_the_live_index_and_swapped_in_only_when_complete()
    {
        _index.Upsert(Item("1", "Старый порядок учета"));
        _index.Refresh();

        using (var rebuild = _index.BeginRebuild())
        {
            rebuild.Add(Item("2", "Новый порядок учета"));
            Assert.True(_index.IsRebuilding);
            Assert.Equal(["1"], Keys("порядок учета"));
            rebuild.Complete();
        }

        Assert.False(_index.IsRebuilding);
        Assert.Equal(["2"], Keys("порядок учета"));
        // One generation folder is left: the old one went with the swap.
        Assert.Single(Directory.GetDirectories(_options.IndexDirectory, "g-*"));
    }

    [Fact]
    public void An_abandoned_rebuild_leaves_the_live_index_as_it_was()
    {
        _index.Upsert(Item("1", "Порядок учета"));
        _index.Refresh();

        using (var rebuild = _index.BeginRebuild())
        {
            rebuild.Add(Item("2", "Другой порядок учета"));
        }

        Assert.Equal(["1"], Keys("порядок учета"));
        Assert.Single(Directory.GetDirectories(_options.IndexDirectory, "g-*"));
        using var next = _index.BeginRebuild(); // a new one may start
    }

    [Fact]
    public void After_a_crash_mid_rebuild_the_old_index_serves_and_the_next_start_rebuilds()
    {
        _index.Upsert(Item("1", "Порядок учета"));
        _index.Commit();
        // What a killed process leaves: a rebuild's folder with its marker, never made current.
        var rebuild = _index.BeginRebuild();
        rebuild.Add(Item("2", "Половина нового индекса"));
        var folders = Directory.GetDirectories(_options.IndexDirectory, "g-*");
        Assert.Equal(2, folders.Length);
        var halfBuilt = folders.Single(f => File.Exists(Path.Combine(f, "rebuilding")));
        _index.Dispose();
        // The dispose threw the half-built index away; a crash would have left it.
        Directory.CreateDirectory(halfBuilt);
        File.WriteAllText(Path.Combine(halfBuilt, "rebuilding"), "");

        _index = SearchIndex.Open(_options.IndexDirectory, SearchTestEnvironment.Analyzer());
        _engine = new SearchEngine(_index, () => SynonymDictionary.Empty);

        Assert.True(_index.NeedsRebuild);
        Assert.Equal(["1"], Keys("порядок учета"));
        Assert.False(Directory.Exists(halfBuilt));
    }

    [Fact]
    public async Task An_item_the_index_refuses_is_set_aside_and_the_rest_is_indexed()
    {
        var indexer = new SearchIndexer(_index, [new NormativeDocumentSearchSource(), new FailingSource()]);
        await using var db = PortalDatabase.Open(_options);
        db.SearchOutbox.Add(new SearchOutboxEntry { Kind = FailingSource.FailingKind, Key = "bad" });
        db.NormativeDocuments.Add(new NormativeDocument { Title = "Порядок учета фонда", DocType = "Приказ", Text = "Книга суммарного учета" });
        await db.SaveChangesAsync();

        await indexer.DrainAsync(db, CancellationToken.None);

        Assert.Single(Keys("книга суммарного учета"));
        var setAside = Assert.Single(await SearchIndexer.SetAsideAsync(db, 10, CancellationToken.None));
        Assert.Equal("bad", setAside.Key);
        Assert.Contains("refused", setAside.Error);
        Assert.Equal(1, setAside.Attempts);
        Assert.Equal(0, await indexer.DrainBatchAsync(db, CancellationToken.None)); // no retry loop

        Assert.Equal(1, await SearchIndexer.RetrySetAsideAsync(db, CancellationToken.None));
        await indexer.DrainAsync(db, CancellationToken.None);
        Assert.Equal(2, Assert.Single(await SearchIndexer.SetAsideAsync(db, 10, CancellationToken.None)).Attempts);
    }

    [Fact]
    public async Task Huge_field_values_are_indexed_cut_and_the_next_document_is_searchable()
    {
        await using var db = PortalDatabase.Open(_options);
        db.NormativeDocuments.Add(new NormativeDocument { Title = "Огромный текст", DocType = "Приказ", Issuer = new string('ж', 100_000), Text = new string('ш', 5_000_000) });
        db.NormativeDocuments.Add(new NormativeDocument { Title = "Порядок учета фонда", DocType = "Приказ", Text = "Книга суммарного учета" });
        await db.SaveChangesAsync();

        await _indexer.DrainAsync(db, CancellationToken.None);

        Assert.Single(Keys("книга суммарного учета"));
        Assert.Single(Keys("огромный текст"));
        Assert.Empty(await SearchIndexer.SetAsideAsync(db, 10, CancellationToken.None));
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
        Assert.Single(Directory.GetDirectories(folder, "broken-*"));
    }

    [Fact]
    public void An_index_of_the_current_schema_is_kept_and_one_of_an_older_schema_serves_until_rebuilt()
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

        // An index written without the schema mark, straight into the folder (an older portal):
        // taken over as the first generation, readable, outdated.
        var older = Path.Combine(_options.FullDataDirectory, "older-index");
        using (var directory = Lucene.Net.Store.FSDirectory.Open(older))
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, SearchTestEnvironment.Analyzer())))
        {
            writer.AddDocument(new Lucene.Net.Documents.Document { new Lucene.Net.Documents.StringField(SearchFields.Part, "main", Lucene.Net.Documents.Field.Store.YES) });
            writer.Commit();
        }
        using var outdated = SearchIndex.Open(older, SearchTestEnvironment.Analyzer());
        Assert.True(outdated.NeedsRebuild);
        Assert.Equal(1, outdated.DocumentCount);
        Assert.Single(Directory.GetDirectories(older, "g-*"));
    }

    private static SearchDocument Item(string key, string title) => new() { Kind = SearchKinds.Material, Key = key, Title = title, Url = "/materials/" + key };

    /// <summary>A source whose item cannot be indexed, as when Lucene refuses a document.</summary>
    private sealed class FailingSource : ISearchDocumentSource
    {
        public const string FailingKind = "failing";

        public string Kind => FailingKind;

        public Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken) =>
            throw new ArgumentException("document refused by the index");

        public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }
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
