using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Search;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Outbox;

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
        if (SearchIndex.IsLocked(portal.IndexDirectory))
        {
            await SearchIndexer.RequestRebuildAsync(db, CancellationToken.None);
            Console.WriteLine("The portal is running and owns the index: a rebuild was requested through the database.");
            return 0;
        }
        await using var services = Services(portal);
        var indexer = services.GetRequiredService<SearchIndexer>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var count = await indexer.RebuildAsync(db, new Progress<int>(n => Console.Error.Write($"\r{n} documents")), CancellationToken.None);
        Console.Error.WriteLine();
        Console.WriteLine($"Index rebuilt: {count} documents in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>The portal's search as the portal composes it (every registered source), over a data folder; dictionaries and synonyms from the repository's content/.</summary>
    public static ServiceProvider Services(PortalOptions portal) =>
        new ServiceCollection()
            .AddSingleton(portal)
            .AddPortalSearch(_ => null)
            .BuildServiceProvider();
}
