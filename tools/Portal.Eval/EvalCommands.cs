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
                return BenchCommand.Run(options);
            case "reindex":
                return await PortalDataCommands.ReindexAsync(options);
            case "http-bench":
                return await HttpBenchCommand.RunAsync(options);
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
              bench --corpus FILE --queries FILE [--pg CONNSTRING] [--rounds 3] [--seconds 5] [--directories mmap,trackedmmap,niofs,simplefs]
              reindex --data-dir DIR                 rebuild a portal's index from its database (asks the portal when it runs)
              http-bench --corpus FILE | --data-dir DIR --queries FILE[,FILE] [--connections 32] [--seconds 20] [--threads 2]
                                                     the Release portal under wrk: searches, document lists, /health
            """);
        return 2;
    }

    internal static RussianMorphology LoadMorphology(CommandOptions options)
    {
        var morphology = RussianMorphology.Load(RussianMorphology.FindDictionaryDirectory(options.Get("dictionaries")));
        if (!morphology.HasDictionary)
        {
            Console.Error.WriteLine("warning: Hunspell ru_RU dictionary not found, Snowball only");
        }
        return morphology;
    }

    /// <summary>The portal's synonyms file (content/search/synonyms.txt), parsed with the portal's analyzer.</summary>
    internal static SynonymDictionary LoadSynonyms(RussianMorphology morphology, CommandOptions options)
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
            case { } portal when portal.StartsWith("portal_", StringComparison.Ordinal):
                // The portal on another directory kind: portal_niofs, portal_trackedmmap, …
                var kind = Enum.Parse<IndexDirectoryKind>(portal["portal_".Length..], ignoreCase: true);
                return new PortalEngine(morphology, Path.Combine(work, portal + "-index"), synonyms, kind, portal);
            case "lucene_standard":
                return StockLuceneEngine.Standard();
            case "lucene_russian":
                return StockLuceneEngine.Russian();
            case "sqlite_fts5":
                return new SqliteFtsEngine(Path.Combine(work, "sqlite"));
            case "postgres_russian" or "postgres_page":
                var connection = options.Get("pg");
                if (connection is null)
                {
                    postgres ??= TemporaryPostgres.Start();
                    connection = postgres.ConnectionString;
                }
                return new PostgresEngine(connection, name == "postgres_page" ? PostgresOutput.Page : PostgresOutput.Ids);
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
    /// Runs the queries for at least two seconds (and three rounds) before anything is timed: .NET
    /// compiles hot code again, optimised, some time after its first calls, and a measurement that
    /// starts earlier times the unoptimised code. Every engine gets the same warm-up.
    /// </summary>
    internal static void WarmUp(IEvalEngine engine, List<string> queries)
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
