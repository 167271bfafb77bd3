using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Crawling;
using Portal.Crawler.Fixture;

namespace Portal.Crawler.Tests.Crawling;

/// <summary>The crawler CLI killed for real (SIGKILL, no clean-up) in the middle of a run.</summary>
public sealed class KilledProcessTests
{
    [Fact]
    public async Task A_crawler_process_killed_mid_run_loses_nothing_and_the_next_run_completes()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        await using var site = await FixtureSite.StartAsync(CrawlTestBed.Acts);
        var tool = Path.Combine(AppContext.BaseDirectory, "Portal.Crawler.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { tool, "crawl", "--url", site.BaseUrl.AbsoluteUri, "--delay-ms", "100", "--timeout-s", "3", "--max-bytes", "1048576", "--json", "--data-dir", bed.Options.FullDataDirectory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stored = 0;
        var clock = Stopwatch.StartNew();
        while (stored < 3 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(50);
            // A plain connection outside the pool: it sees the other process's commits as they land.
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={bed.Options.DatabasePath};Pooling=False;Mode=ReadOnly");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM NormativeDocuments";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            stored = reader.GetInt32(0);
        }
        if (process.HasExited)
        {
            Assert.Fail("the crawl ended before it could be killed: " + await process.StandardError.ReadToEndAsync());
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        await using (var db = bed.OpenDb())
        {
            var afterKill = await db.NormativeDocuments.Include(d => d.Editions).ToListAsync();
            Assert.True(afterKill.Count >= stored);
            // Whatever was stored is whole: a document always has its edition.
            Assert.All(afterKill, d => Assert.Equal(d.ContentHash, Assert.Single(d.Editions).ContentHash));
            var killedRun = await db.CrawlRuns.SingleAsync();
            Assert.Equal(CrawlRunStatus.Running, killedRun.Status);
        }

        var rerun = await bed.Engine.RunAsync(CrawlTestBed.Settings(site.BaseUrl), "test", null, null, CancellationToken.None);

        Assert.Equal(CrawlRunStatus.Completed, rerun.Run.Status);
        await using (var db = bed.OpenDb())
        {
            var metrics = await FixtureScore.ScoreAsync(db, site);
            Assert.Equal(1.0, metrics.Recall);
            Assert.Equal(0, metrics.Duplicates);
            Assert.All(await db.NormativeDocuments.Include(d => d.Editions).ToListAsync(), d => Assert.Single(d.Editions));
            // The killed run is closed as interrupted by the next one.
            Assert.Equal(CrawlRunStatus.Cancelled, (await db.CrawlRuns.OrderBy(r => r.Id).FirstAsync()).Status);
        }
    }
}
