using Portal.Core.Configuration;
using Portal.Core.Crawling;
using Portal.Core.Data;
using Portal.Crawler.Fixture;

namespace Portal.Crawler.Tests.Crawling;

/// <summary>A temporary data folder with a migrated database, and the fixture's acts read from the shared corpus.</summary>
public sealed class CrawlTestBed : IAsyncDisposable
{
    private static readonly Lazy<List<FixtureAct>> SharedActs = new(() => FixtureCorpus.Acts(FixtureCorpus.CorpusFile(), 30));

    public static List<FixtureAct> Acts => SharedActs.Value;

    public PortalOptions Options { get; } = new() { DataDirectory = Path.Combine(Path.GetTempPath(), "portal-crawl-" + Guid.NewGuid().ToString("N")) };

    public PortalDbContext OpenDb() => PortalDatabase.Open(Options);

    public CrawlEngine Engine => new(OpenDb, Options.FilesDirectory);

    public static async Task<CrawlTestBed> CreateAsync()
    {
        var bed = new CrawlTestBed();
        await using var db = bed.OpenDb();
        await PortalDatabase.MigrateAsync(db, bed.Options);
        return bed;
    }

    /// <summary>Fast limits for the fixture: no politeness delay, 3 s timeout (the slow page takes 10), 1 MiB body limit, quick retries.</summary>
    public static CrawlSettings Settings(Uri start) => new()
    {
        StartUrl = start,
        DelayMs = 0,
        Concurrency = 4,
        Timeout = TimeSpan.FromSeconds(3),
        MaxBytes = 1 << 20,
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxPages = 1000,
    };

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Options.FullDataDirectory, true);
        }
        catch (IOException)
        {
            // A file still open on some platform: the temp folder is cleaned by the OS.
        }
        return ValueTask.CompletedTask;
    }
}
