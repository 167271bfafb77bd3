using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Configuration;
using Portal.Core.Crawling;
using Portal.Core.Data;
using Portal.Crawler.Fixture;

namespace Portal.Crawler;

/// <summary>
/// <c>bench-fixture</c>: the targets measured on the fixture site served on 127.0.0.1 —
/// recall, duplicates, token F1 per format, requisites, mojibake, disallowed requests, 304 share on
/// recrawl, requisites on every corpus title, HTML extraction pages/s, and a crawl of N pages with
/// politeness off sampling the managed heap to show memory stays flat.
/// </summary>
public static class FixtureBenchmark
{
    public static async Task<int> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        line.RejectUnknown("pages", "json", "data-dir");
        var pages = (int)(line.Number("pages", 100, 1_000_000) ?? 10_000);
        var corpus = FixtureCorpus.CorpusFile();
        var acts = FixtureCorpus.Acts(corpus, 30);
        var report = new Dictionary<string, object?>();
        var log = line.Flag("json") ? Console.Error : Console.Out;

        // 1. The standard fixture: first crawl, then a recrawl after three documents changed.
        log.WriteLine("Фикстура: первый обход…");
        await using (var site = await FixtureSite.StartAsync(acts))
        {
            var (options, engine) = await TempDataAsync();
            var settings = new CrawlSettings { StartUrl = site.BaseUrl, DelayMs = 0, Concurrency = 4, Timeout = TimeSpan.FromSeconds(3), MaxBytes = 1 << 20, MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };
            var first = await engine.RunAsync(settings, "bench", null, null, cancellationToken);
            FixtureMetrics metrics;
            await using (var db = PortalDatabase.Open(options))
            {
                metrics = await FixtureScore.ScoreAsync(db, site, cancellationToken);
            }
            var changed = site.Documents.Where(d => d.Index % 10 == 3).ToList();
            site.Amend(changed);
            site.ClearRequestLog();
            log.WriteLine("Фикстура: повторный обход…");
            var second = await engine.RunAsync(settings, "bench", null, null, cancellationToken);
            var unchangedUrls = site.Documents.Except(changed).Select(d => d.Url).ToHashSet();
            var answered304 = site.Requests.Count(r => r.Status == 304 && unchangedUrls.Contains(r.PathAndQuery));
            report["fixture"] = new Dictionary<string, object?>
            {
                ["documents_expected"] = metrics.Expected,
                ["documents_found"] = metrics.Found,
                ["recall"] = Math.Round(metrics.Recall, 4),
                ["duplicates"] = metrics.Duplicates,
                ["token_f1_mean"] = metrics.MeanF1ByFormat.ToDictionary(p => p.Key, p => Math.Round(p.Value, 4)),
                ["token_f1_min"] = metrics.MinF1ByFormat.ToDictionary(p => p.Key, p => Math.Round(p.Value, 4)),
                ["requisites_correct"] = Math.Round(metrics.RequisitesAccuracy, 4),
                ["mojibake_documents"] = metrics.Mojibake,
                ["disallowed_requests"] = metrics.DisallowedRequests,
                ["first_run"] = new { pages = first.Run.PagesFetched, failed = first.Run.Failed, seconds = Math.Round(first.Elapsed.TotalSeconds, 2) },
                ["recrawl_changed"] = changed.Count,
                ["recrawl_new_editions"] = second.Run.DocumentsChanged,
                ["recrawl_unchanged_documents"] = unchangedUrls.Count,
                ["recrawl_304_share"] = Math.Round((double)answered304 / unchangedUrls.Count, 4),
                ["problems"] = metrics.Problems,
            };
            Cleanup(options);
        }

        // 2. Requisites on every corpus title that prints them.
        log.WriteLine("Реквизиты на заголовках корпуса…");
        int titles = 0, correct = 0;
        foreach (var r in FixtureCorpus.Records(corpus))
        {
            var type = r.GetProperty("doc_type").GetString()!;
            var title = r.GetProperty("title").GetString()!;
            var number = r.GetProperty("number").GetString();
            if (type.Contains("(статья)") || number is null || !title.Contains(" от ") || !title.StartsWith(type.Split(' ')[0], StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            titles++;
            var parsed = RequisitesParser.Parse(title);
            if (parsed.DocType == type && parsed.Number == number && parsed.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == r.GetProperty("date").GetString())
            {
                correct++;
            }
        }
        report["corpus_requisites"] = new { titles, correct, share = Math.Round((double)correct / Math.Max(1, titles), 4) };

        // 3. Scale: extraction alone, then a whole crawl of N pages with politeness off.
        log.WriteLine($"Масштаб: {pages} страниц…");
        await using (var site = await FixtureSite.StartScaleAsync(acts, pages))
        {
            using var http = new HttpClient();
            var sample = new List<byte[]>();
            foreach (var d in site.Documents.Take(500))
            {
                sample.Add(await http.GetByteArrayAsync(new Uri(site.BaseUrl, d.Url), cancellationToken));
            }
            var extractSettings = new CrawlSettings { StartUrl = site.BaseUrl };
            var clock = Stopwatch.StartNew();
            var extracted = 0;
            var rounds = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(5) || rounds == 0)
            {
                foreach (var body in sample)
                {
                    var fetch = new FetchResult { RequestedUrl = site.BaseUrl, FinalUrl = site.BaseUrl, Outcome = FetchOutcome.Ok, Body = body, MediaType = "text/html", Charset = "utf-8" };
                    if (ContentExtractor.Extract(fetch, extractSettings, null).Kind == CrawlPageKind.Document)
                    {
                        extracted++;
                    }
                }
                rounds++;
            }
            var extractionRate = extracted / clock.Elapsed.TotalSeconds;

            var (options, engine) = await TempDataAsync();
            var heap = new List<object>();
            var nextSample = 1000;
            var crawlSettings = new CrawlSettings { StartUrl = site.BaseUrl, DelayMs = 0, Concurrency = 4, MaxPages = pages * 2, MaxDepth = 1000 };
            long peakWorkingSet = 0;
            var progress = new LatestProgress<CrawlProgress>(p =>
            {
                peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                if (p.PagesFetched >= nextSample)
                {
                    nextSample += 1000;
                    heap.Add(new { pages = p.PagesFetched, heap_mb = Math.Round(GC.GetTotalMemory(true) / 1048576.0, 1), working_set_mb = Math.Round(Environment.WorkingSet / 1048576.0, 1) });
                }
            });
            var run = await engine.RunAsync(crawlSettings, "bench", null, progress, cancellationToken);
            report["scale"] = new Dictionary<string, object?>
            {
                ["pages_served"] = pages,
                ["extraction_pages_per_second"] = Math.Round(extractionRate, 1),
                ["crawl_pages_fetched"] = run.Run.PagesFetched,
                ["crawl_documents_new"] = run.Run.DocumentsNew,
                ["crawl_seconds"] = Math.Round(run.Elapsed.TotalSeconds, 1),
                ["crawl_pages_per_second"] = Math.Round(run.PagesPerSecond, 1),
                ["heap_samples"] = heap,
                ["peak_working_set_mb"] = Math.Round(peakWorkingSet / 1048576.0, 1),
                ["processor_count"] = Environment.ProcessorCount,
                // Other processes share the machine: the load average says how much the rates above are worth.
                ["load_average"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
            };
            Cleanup(options);
        }

        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Console.Out.WriteLine(json);
        return CrawlerCli.Ok;
    }

    private static async Task<(PortalOptions Options, CrawlEngine Engine)> TempDataAsync()
    {
        var options = new PortalOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "portal-bench-" + Guid.NewGuid().ToString("N")) };
        await using (var db = PortalDatabase.Open(options))
        {
            await PortalDatabase.MigrateAsync(db, options);
        }
        return (options, new CrawlEngine(() => PortalDatabase.Open(options), options.FilesDirectory));
    }

    private static void Cleanup(PortalOptions options)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(options.FullDataDirectory, true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
