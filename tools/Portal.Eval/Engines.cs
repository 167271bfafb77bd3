using System.Diagnostics;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Core.Search.Analysis;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Querying;

namespace Portal.Eval;

/// <summary>A search engine under evaluation: build an index of the corpus, then rank document ids for a query.</summary>
public interface IEvalEngine : IDisposable
{
    string Name { get; }
    void Build(IReadOnlyList<CorpusRecord> corpus);
    IReadOnlyList<string> Search(string query, int k);
}

/// <summary>The portal: its analyzer, index owner, query understanding and ranking, exactly as the web app runs them.</summary>
public sealed class PortalEngine(RussianMorphology morphology, string folder, SynonymDictionary? synonyms = null,
    IndexDirectoryKind directory = IndexDirectoryKind.Mapped, string name = "portal") : IEvalEngine
{
    private SearchIndex? _index;

    public string Name => name;

    public SearchEngine? Engine { get; private set; }

    public void Build(IReadOnlyList<CorpusRecord> corpus)
    {
        var analyzer = new PortalAnalyzer(morphology);
        _index = SearchIndex.Open(folder, analyzer, directory);
        var documents = corpus.Select((r, i) => r.ToSearchDocument(i + 1)).ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        double added;
        // As the portal's rebuild does: a new index beside the live one, merged and swapped in.
        using (var rebuild = _index.BeginRebuild())
        {
            Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, rebuild.Add);
            added = watch.Elapsed.TotalSeconds;
            rebuild.Complete();
        }
        Console.Error.WriteLine($"portal build: add {added:F1} s, merge+swap {watch.Elapsed.TotalSeconds - added:F1} s");
        var synonymDictionary = synonyms ?? SynonymDictionary.Empty;
        Engine = new SearchEngine(_index, () => synonymDictionary);
    }

    /// <summary>Another ranking over the same index (weight tuning without rebuilding).</summary>
    public void UseWeights(RankingWeights weights)
    {
        var synonymDictionary = synonyms ?? SynonymDictionary.Empty;
        Engine = new SearchEngine(_index!, () => synonymDictionary, weights);
    }

    /// <summary>The full search a user gets (highlighting and facets included), so latency is honest.</summary>
    public IReadOnlyList<string> Search(string query, int k) =>
        Engine!.Search(new SearchRequest { Query = query, PageSize = k, Highlight = Highlight, Facets = Facets }).Hits.Select(h => h.Key).ToList();

    public bool Highlight { get; set; } = true;
    public bool Facets { get; set; } = true;

    public void Dispose() => _index?.Dispose();
}

/// <summary>Stock Lucene analyzers, BM25, title boosted 3, words OR-ed: what a developer sets up first.</summary>
public sealed class StockLuceneEngine(string name, Func<Analyzer> analyzerFactory) : IEvalEngine
{
    private readonly RAMDirectory _directory = new();
    private Analyzer? _analyzer;
    private DirectoryReader? _reader;
    private IndexSearcher? _searcher;

    public string Name => name;

    public void Build(IReadOnlyList<CorpusRecord> corpus)
    {
        _analyzer = analyzerFactory();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer) { Similarity = new BM25Similarity(), RAMBufferSizeMB = 64 };
        using (var writer = new IndexWriter(_directory, config))
        {
            Parallel.ForEach(corpus, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, r => writer.AddDocument(new Document
            {
                new StringField("id", r.Id, Field.Store.YES),
                new TextField("title", r.Title, Field.Store.NO),
                new TextField("body", r.Text, Field.Store.NO),
            }));
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public IReadOnlyList<string> Search(string query, int k)
    {
        var parser = new MultiFieldQueryParser(LuceneVersion.LUCENE_48, ["title", "body"], _analyzer, new Dictionary<string, float> { ["title"] = 3f, ["body"] = 1f });
        Query parsed;
        try
        {
            parsed = parser.Parse(QueryParserBase.Escape(query));
        }
        catch (ParseException)
        {
            return [];
        }
        return _searcher!.Search(parsed, k).ScoreDocs.Select(d => _searcher.Doc(d.Doc).Get("id")).ToList();
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _directory.Dispose();
        _analyzer?.Dispose();
    }

    public static StockLuceneEngine Standard() => new("lucene_standard", () => new StandardAnalyzer(LuceneVersion.LUCENE_48));

    public static StockLuceneEngine Russian() => new("lucene_russian", () => new RussianAnalyzer(LuceneVersion.LUCENE_48));
}

/// <summary>SQLite FTS5 (unicode61), BM25 with title weight 5, words as prefixes OR-ed (no Russian morphology in FTS5).</summary>
public sealed class SqliteFtsEngine(string folder) : IEvalEngine
{
    private SqliteConnection? _connection;

    public string Name => "sqlite_fts5";

    public void Build(IReadOnlyList<CorpusRecord> corpus)
    {
        System.IO.Directory.CreateDirectory(folder);
        _connection = new SqliteConnection($"Data Source={Path.Combine(folder, "fts.db")}");
        _connection.Open();
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = "DROP TABLE IF EXISTS docs; CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='unicode61');";
            create.ExecuteNonQuery();
        }
        using var tx = _connection.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.CommandText = "INSERT INTO docs(id, title, body) VALUES ($id, $title, $body)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        foreach (var r in corpus)
        {
            id.Value = r.Id;
            title.Value = r.Title;
            body.Value = r.Text;
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public IReadOnlyList<string> Search(string query, int k)
    {
        var words = query.Split([' ', ',', '.', '-', '(', ')', '"', '«', '»', ':', ';', '?', '!'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 && w.All(char.IsLetterOrDigit))
            .Select(w => "\"" + (w.Length > 5 ? w[..(w.Length - 2)] : w).ToLowerInvariant() + "\"*")
            .ToList();
        if (words.Count == 0)
        {
            return [];
        }
        using var command = _connection!.CreateCommand();
        command.CommandText = "SELECT id FROM docs WHERE docs MATCH $q ORDER BY bm25(docs, 0.0, 5.0, 1.0) LIMIT $k";
        command.Parameters.AddWithValue("$q", string.Join(" OR ", words));
        command.Parameters.AddWithValue("$k", k);
        var result = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }
        return result;
    }

    public void Dispose() => _connection?.Dispose();
}

/// <summary>What a PostgreSQL engine returns for a query.</summary>
public enum PostgresOutput
{
    /// <summary>The ids of the ten best matches: the least a search does.</summary>
    Ids,
    /// <summary>
    /// The page the portal builds: the ten best with <c>ts_headline</c> snippets of title and body,
    /// the number of matches, and counts by document type, issuer and year over all matches.
    /// </summary>
    Page,
}

/// <summary>PostgreSQL `russian` full-text search: tsvector (title weight A) + GIN, websearch_to_tsquery, ts_rank_cd.</summary>
public sealed class PostgresEngine(string connectionString, PostgresOutput output = PostgresOutput.Ids) : IEvalEngine
{
    private const string Table = "docs";
    private NpgsqlDataSource? _dataSource;

    public string Name => output == PostgresOutput.Ids ? "postgres_russian" : "postgres_page";

    public NpgsqlDataSource DataSource => _dataSource ??= NpgsqlDataSource.Create(connectionString);

    /// <summary>Builds the table and its index, or keeps the one another engine of this database built from the same corpus.</summary>
    public void Build(IReadOnlyList<CorpusRecord> corpus)
    {
        using var connection = DataSource.OpenConnection();
        if (Exists(connection) && Count(connection) == corpus.Count)
        {
            return;
        }
        Execute(connection, $"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} (id text PRIMARY KEY, title text, body text, doc_type text, issuer text, year int, tsv tsvector);");
        using (var writer = connection.BeginTextImport($"COPY {Table} (id, title, body, doc_type, issuer, year) FROM STDIN"))
        {
            foreach (var r in corpus)
            {
                var year = r.Date is { Length: >= 4 } date ? date[..4] : @"\N";
                writer.Write(Escape(r.Id) + "\t" + Escape(r.Title) + "\t" + Escape(r.Text) + "\t" + Escape(r.DocType) + "\t" + (r.Issuer is null ? @"\N" : Escape(r.Issuer)) + "\t" + year + "\n");
            }
        }
        Execute(connection, $"UPDATE {Table} SET tsv = setweight(to_tsvector('russian', title), 'A') || setweight(to_tsvector('russian', body), 'D');");
        Execute(connection, $"CREATE INDEX {Table}_tsv ON {Table} USING gin(tsv); ANALYZE {Table};");
    }

    private static bool Exists(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand($"SELECT to_regclass('{Table}') IS NOT NULL", connection);
        return (bool)command.ExecuteScalar()!;
    }

    private static long Count(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand($"SELECT count(*) FROM {Table}", connection);
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.ExecuteNonQuery();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");

    /// <summary>
    /// The page: all matches once (a materialised CTE), then from them the top ten with headlines,
    /// the total and the facet counts, in one round trip.
    /// </summary>
    private const string PageSql = $"""
        WITH q AS (SELECT websearch_to_tsquery('russian', $1) AS q),
        m AS MATERIALIZED (SELECT d.id, d.title, d.body, d.doc_type, d.issuer, d.year, ts_rank_cd(d.tsv, q.q) AS rank FROM {Table} d, q WHERE d.tsv @@ q.q),
        top AS (SELECT id, title, body, rank FROM m ORDER BY rank DESC LIMIT $2)
        SELECT 0 AS part, id AS value, ts_headline('russian', title, q.q) AS title, ts_headline('russian', body, q.q, 'MaxFragments=2, MaxWords=30, MinWords=15') AS snippet, rank AS n FROM top, q
        UNION ALL SELECT 1, NULL, NULL, NULL, count(*) FROM m
        UNION ALL SELECT 2, doc_type, NULL, NULL, count(*) FROM m GROUP BY doc_type
        UNION ALL SELECT 3, issuer, NULL, NULL, count(*) FROM m WHERE issuer IS NOT NULL GROUP BY issuer
        UNION ALL SELECT 4, year::text, NULL, NULL, count(*) FROM m WHERE year IS NOT NULL GROUP BY year
        ORDER BY part, n DESC
        """;

    public IReadOnlyList<string> Search(string query, int k)
    {
        using var command = DataSource.CreateCommand(output == PostgresOutput.Ids
            ? $"SELECT id FROM {Table}, websearch_to_tsquery('russian', $1) q WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC LIMIT $2"
            : PageSql);
        command.Parameters.AddWithValue(query);
        command.Parameters.AddWithValue(k);
        var result = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (output == PostgresOutput.Ids)
            {
                result.Add(reader.GetString(0));
            }
            else if (reader.GetInt32(0) == 0)
            {
                // The headlines are read as a page would render them.
                _ = reader.GetString(2).Length + reader.GetString(3).Length;
                result.Add(reader.GetString(1));
            }
        }
        return result;
    }

    public void Dispose() => _dataSource?.Dispose();
}

/// <summary>A throw-away PostgreSQL cluster (initdb into a temp folder, loopback port) when none is given.</summary>
public sealed class TemporaryPostgres : IDisposable
{
    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    private TemporaryPostgres(string folder, string bin, int port, bool asPostgresUser)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=16";

    public static TemporaryPostgres Start()
    {
        var bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL binaries (initdb, pg_ctl) not found; install postgresql or pass --pg");
        var folder = Path.Combine(Path.GetTempPath(), "portal-eval-pg-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(folder);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            Run("chown", $"postgres {folder}", asPostgresUser: false);
        }
        var port = FreePort();
        Run(Path.Combine(bin, "initdb"), $"-D {folder}/data -U postgres -A trust -E UTF8 --locale=C.UTF-8", asPostgres);
        Run(Path.Combine(bin, "pg_ctl"), $"-D {folder}/data -l {folder}/log -w -o \"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB -c maintenance_work_mem=256MB\" start", asPostgres);
        return new TemporaryPostgres(folder, bin, port, asPostgres);
    }

    private static string? FindBin()
    {
        var candidates = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Run(string file, string arguments, bool asPostgresUser)
    {
        var start = asPostgresUser
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {error.Result}{output.Result}");
        }
    }

    public void Dispose()
    {
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), $"-D {_folder}/data -m immediate stop", _asPostgresUser);
        }
        finally
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }
}
