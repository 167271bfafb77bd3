using System.Text;
using Portal.Core.Search;
using Portal.Core.Search.Analysis;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Querying;

namespace Portal.Eval;

/// <summary>Thin command-line adapter over the portal's search library: analyze, eval, bench, reindex.</summary>
public static class EvalCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        if (args.Length == 0)
        {
            return Usage();
        }
        var options = CommandOptions.Parse(args.Skip(1));
        switch (args[0])
        {
            case "analyze":
                return Analyze(options);
            case "analyze-corpus":
                {
                    var morphology = LoadMorphology(options);
                    using var analyzer = new PortalAnalyzer(morphology);
                    var corpus = CorpusRecord.Load(options.Require("corpus"));
                    for (var round = 0; round < 2; round++)
                    {
                        var watch = System.Diagnostics.Stopwatch.StartNew();
                        long count = 0;
                        foreach (var r in corpus)
                        {
                            using var stream = analyzer.GetTokenStream(SearchFields.Body, r.Text);
                            stream.Reset();
                            while (stream.IncrementToken())
                            {
                                count++;
                            }
                            stream.End();
                        }
                        Console.WriteLine($"round {round}: {count} terms in {watch.Elapsed.TotalSeconds:F2} s, cache {morphology.CachedWords}");
                    }
                    return 0;
                }
            case "eval":
                return Evaluate(options);
            case "bench":
                return Bench(options);
            case "reindex":
                return await PortalDataCommands.ReindexAsync(options);
            default:
                return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage:
              analyze [--dictionaries DIR]            words on stdin → "word<TAB>terms" (body-field analysis)
              eval --corpus FILE --queries FILE [--pg CONNSTRING] [--engines a,b]
              bench --corpus FILE --queries FILE [--pg CONNSTRING] [--rounds 3] [--seconds 5]
              reindex --data-dir DIR                 rebuild a portal's index from its database (asks the portal when it runs)
            """);
        return 2;
    }

    private static RussianMorphology LoadMorphology(CommandOptions options)
    {
        var morphology = RussianMorphology.Load(RussianMorphology.FindDictionaryDirectory(options.Get("dictionaries")));
        if (!morphology.HasDictionary)
        {
            Console.Error.WriteLine("warning: Hunspell ru_RU dictionary not found, Snowball only");
        }
        return morphology;
    }

    /// <summary>The portal's synonyms file (content/search/synonyms.txt), parsed with the portal's analyzer.</summary>
    private static SynonymDictionary LoadSynonyms(RussianMorphology morphology, CommandOptions options)
    {
        var path = options.Get("synonyms") ?? SynonymStore.FindDefaultFile();
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine("warning: synonyms file not found");
            return SynonymDictionary.Empty;
        }
        return SynonymDictionary.Parse(File.ReadAllText(path), new PortalAnalyzer(morphology));
    }

    private static int Evaluate(CommandOptions options)
    {
        var corpus = CorpusRecord.Load(options.Require("corpus"));
        if (options.Get("limit") is { } limit)
        {
            corpus = corpus.Take(int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
        var queries = JudgedQuery.Load(options.Require("queries"));
        var names = (options.Get("engines") ?? "portal,lucene_standard,lucene_russian,postgres_russian,sqlite_fts5").Split(',');
        var work = Path.Combine(Path.GetTempPath(), "portal-eval-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        TemporaryPostgres? postgres = null;
        var results = new Dictionary<string, object>();
        try
        {
            var morphology = LoadMorphology(options);
            var synonyms = LoadSynonyms(morphology, options);
            foreach (var name in names)
            {
                using var engine = CreateEngine(name, morphology, synonyms, work, options, ref postgres);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                engine.Build(corpus);
                var buildSeconds = watch.Elapsed.TotalSeconds;
                results[name] = Score(engine, queries, buildSeconds, options.Get("verbose") is not null);
                if (engine is PortalEngine portal && options.Get("variants") is { } variants)
                {
                    foreach (var variant in variants.Split('|'))
                    {
                        portal.UseWeights(ParseWeights(variant));
                        var scored = Score(engine, queries, buildSeconds, verbose: false, latency: false);
                        Console.Error.WriteLine($"variant {variant}: ndcg {scored["ndcg@10"]} recall {scored["recall@10"]} mrr {scored["mrr@10"]}");
                    }
                }
            }
        }
        finally
        {
            postgres?.Dispose();
            Directory.Delete(work, recursive: true);
        }
        var output = new Dictionary<string, object>
        {
            ["corpus_documents"] = corpus.Count,
            ["queries"] = queries.Count,
            ["engines"] = results,
        };
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(output, new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return 0;
    }

    internal static IEvalEngine CreateEngine(string name, RussianMorphology morphology, SynonymDictionary synonyms, string work, CommandOptions options, ref TemporaryPostgres? postgres)
    {
        switch (name)
        {
            case "portal":
                return new PortalEngine(morphology, Path.Combine(work, "portal-index"), synonyms)
                {
                    Highlight = options.Get("no-highlight") is null,
                    Facets = options.Get("no-facets") is null,
                };
            case "lucene_standard":
                return StockLuceneEngine.Standard();
            case "lucene_russian":
                return StockLuceneEngine.Russian();
            case "sqlite_fts5":
                return new SqliteFtsEngine(Path.Combine(work, "sqlite"));
            case "postgres_russian":
                var connection = options.Get("pg");
                if (connection is null)
                {
                    postgres ??= TemporaryPostgres.Start();
                    connection = postgres.ConnectionString;
                }
                return new PostgresEngine(connection);
            default:
                throw new ArgumentException($"unknown engine {name}");
        }
    }

    /// <summary>"title=2;body=1;coord=2": overrides of <see cref="RankingWeights"/> by property name (coord = coordination exponent).</summary>
    private static RankingWeights ParseWeights(string variant)
    {
        var weights = new RankingWeights();
        PortalSimilarity.CoordExponent = 0.75f;
        foreach (var pair in variant.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (pair.Split('=')[0].Trim(), pair.Split('=')[1].Trim());
            if (name == "coord")
            {
                PortalSimilarity.CoordExponent = float.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }
            var property = typeof(RankingWeights).GetProperties().First(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            var parsed = property.PropertyType == typeof(int) ? (object)int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : float.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            weights = weights with { };
            property.SetValue(weights, parsed);
        }
        return weights;
    }

    private static Dictionary<string, object> Score(IEvalEngine engine, List<JudgedQuery> queries, double buildSeconds, bool verbose, bool latency = true)
    {
        const int k = 10;
        double ndcg = 0, recall = 0, mrr = 0;
        foreach (var q in queries)
        {
            var ranking = engine.Search(q.Query, k);
            var n = Metrics.Ndcg(ranking, q.Relevant, k);
            ndcg += n;
            recall += Metrics.Recall(ranking, q.Relevant, k);
            mrr += Metrics.Mrr(ranking, q.Relevant, k);
            if (verbose)
            {
                Console.Error.WriteLine($"{engine.Name}\t{q.Id}\t{n:F3}\t{q.Query}\t{string.Join(' ', ranking.Select(r => q.Relevant.TryGetValue(r, out var g) ? g.ToString(System.Globalization.CultureInfo.InvariantCulture) : "."))}");
            }
        }
        var latencies = new List<double>();
        if (latency)
        {
            WarmUp(engine, queries.Select(q => q.Query).ToList());
        }
        for (var round = 0; round < (latency ? 5 : 0); round++)
        {
            foreach (var q in queries)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                engine.Search(q.Query, k);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        return new Dictionary<string, object>
        {
            ["ndcg@10"] = Math.Round(ndcg / queries.Count, 4),
            ["recall@10"] = Math.Round(recall / queries.Count, 4),
            ["mrr@10"] = Math.Round(mrr / queries.Count, 4),
            ["p50_ms"] = Math.Round(Metrics.Percentile(latencies, 0.5), 3),
            ["p99_ms"] = Math.Round(Metrics.Percentile(latencies, 0.99), 3),
            ["build_s"] = Math.Round(buildSeconds, 2),
        };
    }

    /// <summary>
    /// Indexing throughput and query throughput/latency at 1 and 4 concurrent searchers, portal
    /// against PostgreSQL on the same corpus and queries in the same run, with ratios.
    /// </summary>
    private static int Bench(CommandOptions options)
    {
        var corpus = CorpusRecord.Load(options.Require("corpus"));
        var queries = JudgedQuery.Load(options.Require("queries")).Select(q => q.Query).ToList();
        var seconds = double.Parse(options.Get("seconds") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        var megabytes = corpus.Sum(r => (long)System.Text.Encoding.UTF8.GetByteCount(r.Title) + System.Text.Encoding.UTF8.GetByteCount(r.Text)) / 1048576.0;
        var work = Path.Combine(Path.GetTempPath(), "portal-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var rounds = int.Parse(options.Get("rounds") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        TemporaryPostgres? postgres = null;
        var engines = new Dictionary<string, Dictionary<string, object>>();
        var built = new List<(string Name, IEvalEngine Engine)>();
        try
        {
            var morphology = LoadMorphology(options);
            var synonyms = LoadSynonyms(morphology, options);
            // The portal and PostgreSQL take turns. Stock Lucene (RussianAnalyzer, one OR query, ids
            // only) is timed afterwards, alone, as a reference for the least a Lucene search does
            // here: its index lives in this process, and beside the portal's it would slow both.
            foreach (var group in new[] { new[] { "portal", "postgres_russian" }, ["lucene_russian"] })
            {
                foreach (var name in group)
                {
                    var engine = CreateEngine(name, morphology, synonyms, work, options, ref postgres);
                    built.Add((name, engine));
                    var watch = System.Diagnostics.Stopwatch.StartNew();
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
                foreach (var (_, engine) in built)
                {
                    engine.Dispose();
                }
                built.Clear();
            }
        }
        finally
        {
            foreach (var (_, engine) in built)
            {
                engine.Dispose();
            }
            postgres?.Dispose();
            Directory.Delete(work, recursive: true);
        }
        var portalResult = engines["portal"];
        var pg = engines["postgres_russian"];
        // Each figure over PostgreSQL's: the same key, or (for the portal's ranking alone and stock
        // Lucene) PostgreSQL's figure the key is compared with.
        double Ratio(Dictionary<string, object> engine, string key, string? pgKey = null) =>
            Math.Round(Convert.ToDouble(engine.GetValueOrDefault(key, 0.0), System.Globalization.CultureInfo.InvariantCulture)
                / Convert.ToDouble(pg[pgKey ?? key], System.Globalization.CultureInfo.InvariantCulture), 2);
        var output = new Dictionary<string, object>
        {
            ["corpus_documents"] = corpus.Count,
            ["corpus_mb"] = Math.Round(megabytes, 1),
            ["processors"] = Environment.ProcessorCount,
            ["engines"] = engines,
            ["ratios_portal_over_postgres"] = new Dictionary<string, double>
            {
                ["qps_1"] = Ratio(portalResult, "qps_1"),
                ["qps_4"] = Ratio(portalResult, "qps_4"),
                ["qps_1_ranking_only"] = Ratio(portalResult, "qps_1_ranking_only", "qps_1"),
                ["build_time"] = Ratio(portalResult, "build_s"),
                ["lucene_russian_qps_1"] = Ratio(engines["lucene_russian"], "qps_1"),
                ["index_docs_per_s"] = Ratio(portalResult, "index_docs_per_s"),
            },
        };
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(output, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    /// <summary>
    /// Times the engines in turns, round after round, and keeps each figure's median over the
    /// rounds: a shared machine's speed drifts over minutes, and taking turns makes a slow minute
    /// hit every engine alike.
    /// </summary>
    private static void TimeInRounds(List<(string Name, IEvalEngine Engine)> built, Dictionary<string, Dictionary<string, object>> engines,
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
            foreach (var (name, engine) in built)
            {
                WarmUp(engine, queries);
                foreach (var threads in new[] { 1, 4 })
                {
                    var (qps, p50, p99) = Throughput(engine, queries, threads, seconds);
                    Sample(name, $"qps_{threads}", qps);
                    Sample(name, $"p50_ms_{threads}", p50);
                    Sample(name, $"p99_ms_{threads}", p99);
                }
                if (engine is PortalEngine portal)
                {
                    // PostgreSQL returns ids only: the portal's ranking alone, for the same output.
                    (portal.Highlight, portal.Facets) = (false, false);
                    WarmUp(engine, queries);
                    var (qps, p50, _) = Throughput(engine, queries, 1, seconds);
                    Sample(name, "qps_1_ranking_only", qps);
                    Sample(name, "p50_ms_1_ranking_only", p50);
                    (portal.Highlight, portal.Facets) = (options.Get("no-highlight") is null, options.Get("no-facets") is null);
                }
            }
        }
        foreach (var ((name, key), values) in samples)
        {
            engines[name][key] = Math.Round(Metrics.Percentile(values, 0.5), key.StartsWith("qps", StringComparison.Ordinal) ? 1 : 3);
        }
    }

    /// <summary>
    /// Runs the queries for at least two seconds (and three rounds) before anything is timed: .NET
    /// compiles hot code again, optimised, some time after its first calls, and a measurement that
    /// starts earlier times the unoptimised code. Every engine gets the same warm-up.
    /// </summary>
    private static void WarmUp(IEvalEngine engine, List<string> queries)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var round = 0; round < 3 || watch.Elapsed < TimeSpan.FromSeconds(2); round++)
        {
            foreach (var q in queries)
            {
                engine.Search(q, 10);
            }
        }
    }

    private static (double Qps, double P50, double P99) Throughput(IEvalEngine engine, List<string> queries, int threads, double seconds)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var count = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var i = t * 7;
            while (DateTime.UtcNow < stop)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                engine.Search(queries[i++ % queries.Count], 10);
                latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref count);
            }
        });
        var list = latencies.ToList();
        return (count / watch.Elapsed.TotalSeconds, Metrics.Percentile(list, 0.5), Metrics.Percentile(list, 0.99));
    }

    private static int Analyze(CommandOptions options)
    {
        var morphology = LoadMorphology(options);
        using var analyzer = new PortalAnalyzer(morphology);
        var output = new StringBuilder();
        string? line;
        while ((line = Console.In.ReadLine()) is not null)
        {
            var word = line.Trim();
            if (word.Length == 0)
            {
                continue;
            }
            var terms = analyzer.Analyze(SearchFields.Body, word).Select(t => t.Term).Distinct();
            if (options.Get("debug") is not null)
            {
                output.Append("# lemmas: ").AppendJoin(' ', morphology.Lemmas(TextNormalizer.Fold(word))).Append('\n');
            }
            output.Append(word).Append('\t').AppendJoin(' ', terms).Append('\n');
        }
        Console.Out.Write(output);
        return 0;
    }
}

/// <summary>--name value pairs.</summary>
public sealed class CommandOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static CommandOptions Parse(IEnumerable<string> args)
    {
        var result = new CommandOptions();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    result._values[name] = "true";
                }
                name = arg[2..];
            }
            else if (name is not null)
            {
                result._values[name] = arg;
                name = null;
            }
        }
        if (name is not null)
        {
            result._values[name] = "true";
        }
        return result;
    }

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required");
}
