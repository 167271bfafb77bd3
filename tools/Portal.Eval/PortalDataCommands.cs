using Microsoft.EntityFrameworkCore;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Search;
using Portal.Core.Search.Analysis;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Outbox;
using Portal.Core.Search.Sources;

namespace Portal.Eval;

/// <summary>Index commands on a portal's data folder: a rebuild runs here only when no portal holds the index. Corpus import is the crawler's (`Portal.Crawler import`).</summary>
public static class PortalDataCommands
{
    /// <summary>
    /// Rebuilds the index of a data folder from its database. When a running portal holds the index
    /// (its write lock), the rebuild is requested through the outbox and the portal does it.
    /// </summary>
    public static async Task<int> ReindexAsync(CommandOptions options)
    {
        var portal = new PortalOptions { DataDirectory = options.Require("data-dir") };
        await using var db = PortalDatabase.Open(portal);
        await PortalDatabase.MigrateAsync(db, portal);
        if (IsIndexLocked(portal.IndexDirectory))
        {
            await SearchIndexer.RequestRebuildAsync(db, CancellationToken.None);
            Console.WriteLine("The portal is running and owns the index: a rebuild was requested through the database.");
            return 0;
        }
        var morphology = RussianMorphology.Load(RussianMorphology.FindDictionaryDirectory(options.Get("dictionaries")));
        using var index = SearchIndex.Open(portal.IndexDirectory, new PortalAnalyzer(morphology));
        var indexer = new SearchIndexer(index, [new NormativeDocumentSearchSource(), new Portal.Core.Search.Sources.MaterialSearchSource(), new NebResourceSearchSource()]);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var count = await indexer.RebuildAsync(db, new Progress<int>(n => Console.Error.Write($"\r{n} documents")), CancellationToken.None);
        Console.Error.WriteLine();
        Console.WriteLine($"Index rebuilt: {count} documents in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static bool IsIndexLocked(string indexDirectory)
    {
        if (!Directory.Exists(indexDirectory))
        {
            return false;
        }
        using var directory = Lucene.Net.Store.FSDirectory.Open(indexDirectory);
        return Lucene.Net.Index.IndexWriter.IsLocked(directory);
    }
}
