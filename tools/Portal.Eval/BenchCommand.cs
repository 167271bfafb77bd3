using System.Diagnostics;
using System.Globalization;
using System.Text;
using Portal.Core.Search.Indexing;

namespace Portal.Eval;

/// <summary>
/// Indexing and query throughput and latency at 1 and 4 concurrent searchers: the portal (the
/// whole result page: highlighting and facets), PostgreSQL returning ids only and PostgreSQL
/// building the same page (<see cref="PostgresOutput.Page"/>), on the same corpus and queries in
/// the same run, with the ratios between them. Optionally the portal on other index directories.
/// </summary>
public static class BenchCommand
{
    public static int Run(CommandOptions options)
    {
        var corpus = CorpusRecord.Load(options.Require("corpus"));
        var queries = JudgedQuery.Load(options.Require("queries")).Select(q => q.Query).ToList();
        var seconds = double.Parse(options.Get("seconds") ?? "5", CultureInfo.InvariantCulture);
        var rounds = int.Parse(options.Get("rounds") ?? "3", CultureInfo.InvariantCulture);
        var directories = (options.Get("directories") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => Enum.Parse<IndexDirectoryKind>(d, ignoreCase: true)).Where(d => d != IndexDirectoryKind.Mapped).ToList();
        var megabytes = corpus.Sum(r => (long)Encoding.UTF8.GetByteCount(r.Title) + Encoding.UTF8.GetByteCount(r.Text)) / 1048576.0;
        var work = Path.Combine(Path.GetTempPath(), "portal-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        TemporaryPostgres? postgres = null;
        var engines = new Dictionary<string, Dictionary<string, object>>();
        var built = new List<IEvalEngine>();
        try
        {
            var morphology = EvalCommands.LoadMorphology(options);
            var synonyms = EvalCommands.LoadSynonyms(morphology, options);
            // The portal and PostgreSQL take turns, so that a slow minute of a shared machine hits
            // both alike; the portal on other directories takes its turns beside them. Stock Lucene
            // (RussianAnalyzer, one OR query, ids only) is timed afterwards, alone, as a reference for
            // the least a Lucene search does here: beside the portal's index it would slow both.
            var portals = new[] { "portal" }.Concat(directories.Select(d => "portal_" + d.ToString().ToLowerInvariant()));
            foreach (var group in new[] { portals.Concat(["postgres_russian", "postgres_page"]).ToArray(), ["lucene_russian"] })
            {
                foreach (var name in group)
                {
                    var engine = EvalCommands.CreateEngine(name, morphology, synonyms, work, options, ref postgres);
                    built.Add(engine);
                    var watch = Stopwatch.StartNew();
                    engine.Build(corpus);
                    var build = watch.Elapsed.TotalSeconds;
                    engines[name] = new Dictionary<string, object>
                    {
                        ["build_s"] = Math.Round(build, 2),
                        ["index_docs_per_s"] = Math.Round(corpus.Count / build, 1),
                        ["index_mb_per_s"] = Math.Round(megabytes / build, 2),
                    };
                }
                TimeInRounds(built, engines, queries, rounds, seconds, options);
                foreach (var engine in built)
                {
                    engine.Dispose();
                }
                built.Clear();
            }
        }
        finally
        {
            foreach (var engine in built)
            {
                engine.Dispose();
            }
            postgres?.Dispose();
            Directory.Delete(work, recursive: true);
        }
        // postgres_page keeps the table postgres_russian built: its build figure says nothing.
        engines["postgres_page"].Remove("build_s");
        engines["postgres_page"].Remove("index_docs_per_s");
        engines["postgres_page"].Remove("index_mb_per_s");
        var portal = engines["portal"];
        double Ratio(Dictionary<string, object> engine, string key, Dictionary<string, object> baseline, string? baselineKey = null) =>
            Math.Round(Convert.ToDouble(engine.GetValueOrDefault(key, 0.0), CultureInfo.InvariantCulture)
                / Convert.ToDouble(baseline[baselineKey ?? key], CultureInfo.InvariantCulture), 2);
        var ids = engines["postgres_russian"];
        var page = engines["postgres_page"];
        var ratios = new Dictionary<string, double>
        {
            ["qps_1_over_postgres_ids"] = Ratio(portal, "qps_1", ids),
            ["qps_4_over_postgres_ids"] = Ratio(portal, "qps_4", ids),
            ["qps_1_over_postgres_page"] = Ratio(portal, "qps_1", page),
            ["qps_4_over_postgres_page"] = Ratio(portal, "qps_4", page),
            ["qps_1_ranking_only_over_postgres_ids"] = Ratio(portal, "qps_1_ranking_only", ids, "qps_1"),
            ["build_time_over_postgres"] = Ratio(portal, "build_s", ids),
            ["lucene_russian_qps_1_over_postgres_ids"] = Ratio(engines["lucene_russian"], "qps_1", ids),
        };
        foreach (var kind in directories)
        {
            var name = "portal_" + kind.ToString().ToLowerInvariant();
            ratios[$"{name}_qps_1_over_portal"] = Ratio(engines[name], "qps_1", portal);
            ratios[$"{name}_qps_4_over_portal"] = Ratio(engines[name], "qps_4", portal);
        }
        var output = new Dictionary<string, object>
        {
            ["corpus_documents"] = corpus.Count,
            ["corpus_mb"] = Math.Round(megabytes, 1),
            ["queries"] = queries.Count,
            ["processors"] = Environment.ProcessorCount,
            ["lucene_net"] = typeof(Lucene.Net.Index.IndexWriter).Assembly.GetName().Version?.ToString() ?? "",
            ["lucene_net_package"] = LucenePackageVersion(),
            ["engines"] = engines,
            ["ratios"] = ratios,
        };
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(output, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>The Lucene.Net package as built against (the informational version carries the pre-release tag).</summary>
    private static string LucenePackageVersion() =>
        typeof(Lucene.Net.Index.IndexWriter).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "";

    /// <summary>
    /// Times the engines in turns, round after round, and keeps each figure's median over the
    /// rounds: a shared machine's speed drifts over minutes, and taking turns makes a slow minute
    /// hit every engine alike.
    /// </summary>
    private static void TimeInRounds(List<IEvalEngine> built, Dictionary<string, Dictionary<string, object>> engines,
        List<string> queries, int rounds, double seconds, CommandOptions options)
    {
        var samples = new Dictionary<(string Name, string Key), List<double>>();
        void Sample(string name, string key, double value)
        {
            if (!samples.TryGetValue((name, key), out var list))
            {
                samples[(name, key)] = list = [];
            }
            list.Add(value);
        }
        for (var round = 0; round < rounds; round++)
        {
            foreach (var engine in built)
            {
                EvalCommands.WarmUp(engine, queries);
                foreach (var threads in new[] { 1, 4 })
                {
                    var (qps, p50, p99) = Throughput(engine, queries, threads, seconds);
                    Sample(engine.Name, $"qps_{threads}", qps);
                    Sample(engine.Name, $"p50_ms_{threads}", p50);
                    Sample(engine.Name, $"p99_ms_{threads}", p99);
                }
                if (engine is PortalEngine { Name: "portal" } portal)
                {
                    // PostgreSQL's ids-only figure: the portal's ranking alone, for the same output.
                    (portal.Highlight, portal.Facets) = (false, false);
                    EvalCommands.WarmUp(engine, queries);
                    var (qps, p50, _) = Throughput(engine, queries, 1, seconds);
                    Sample(engine.Name, "qps_1_ranking_only", qps);
                    Sample(engine.Name, "p50_ms_1_ranking_only", p50);
                    (portal.Highlight, portal.Facets) = (options.Get("no-highlight") is null, options.Get("no-facets") is null);
                }
            }
        }
        foreach (var ((name, key), values) in samples)
        {
            engines[name][key] = Math.Round(Metrics.Percentile(values, 0.5), key.StartsWith("qps", StringComparison.Ordinal) ? 1 : 3);
        }
    }

    private static (double Qps, double P50, double P99) Throughput(IEvalEngine engine, List<string> queries, int threads, double seconds)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var count = 0;
        var watch = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var i = t * 7;
            while (DateTime.UtcNow < stop)
            {
                var started = Stopwatch.GetTimestamp();
                engine.Search(queries[i++ % queries.Count], 10);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref count);
            }
        });
        var list = latencies.ToList();
        return (count / watch.Elapsed.TotalSeconds, Metrics.Percentile(list, 0.5), Metrics.Percentile(list, 0.99));
    }
}
