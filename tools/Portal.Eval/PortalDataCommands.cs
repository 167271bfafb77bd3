using Microsoft.EntityFrameworkCore;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Search;
using Portal.Core.Search.Analysis;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Outbox;
using Portal.Core.Search.Sources;

namespace Portal.Eval;

/// <summary>Commands on a portal's data folder. They write only the database, except a rebuild when no portal holds the index.</summary>
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

    /// <summary>
    /// Loads corpus records into a portal's database as normative documents (upsert by external id),
    /// the way the crawler hands documents over: the running portal indexes them from the outbox.
    /// </summary>
    public static async Task<int> ImportAsync(CommandOptions options)
    {
        var portal = new PortalOptions { DataDirectory = options.Require("data-dir") };
        var records = CorpusRecord.Load(options.Require("corpus"));
        if (options.Get("limit") is { } limit)
        {
            records = records.Take(int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
        await using var db = PortalDatabase.Open(portal);
        await PortalDatabase.MigrateAsync(db, portal);
        var existing = await db.NormativeDocuments.Where(d => d.ExternalId != null).ToDictionaryAsync(d => d.ExternalId!);
        var added = 0;
        foreach (var chunk in records.Chunk(500))
        {
            foreach (var record in chunk)
            {
                var mapped = record.ToSearchDocument(0);
                if (!existing.TryGetValue(record.Id, out var document))
                {
                    document = new NormativeDocument { ExternalId = record.Id };
                    db.NormativeDocuments.Add(document);
                    existing[record.Id] = document;
                    added++;
                }
                document.Title = record.Title;
                document.DocType = record.DocType;
                document.Number = record.Number;
                document.Date = mapped.Date;
                document.Issuer = record.Issuer;
                document.Text = record.Text;
                document.Status = DocumentStatus.InForce;
                document.UpdatedAt = DateTime.UtcNow;
            }
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"Imported {records.Count} documents ({added} new) into {portal.DatabasePath}");
        return 0;
    }
}
