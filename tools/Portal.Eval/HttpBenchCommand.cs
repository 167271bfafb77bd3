using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Core.Configuration;
using Portal.Core.Crawling;
using Portal.Core.Data;

namespace Portal.Eval;

/// <summary>
/// The portal as a user's browser meets it, under load: the Release portal (<c>tools/run.sh</c>) on
/// a scratch data folder with the corpus imported, warmed up, then each route driven by wrk at 32
/// connections with distinct requests — searches from the judged queries and their variants (no two
/// consecutive alike), document list pages — and <c>/health</c> of the same process as the ceiling.
/// Prints requests per second, p50, p99 and errors per route, with each route's share of
/// <c>/health</c>'s rate.
/// </summary>
public static partial class HttpBenchCommand
{
    private sealed record Route(string Name, IReadOnlyList<string> Paths);

    public static async Task<int> RunAsync(CommandOptions options)
    {
        if (!ToolExists("wrk"))
        {
            Console.Error.WriteLine("wrk not found: install it (Debian: apt-get install wrk) or run bash tools/http-bench.sh");
            return 2;
        }
        var repository = FindRepository();
        var connections = int.Parse(options.Get("connections") ?? "32", CultureInfo.InvariantCulture);
        var seconds = int.Parse(options.Get("seconds") ?? "20", CultureInfo.InvariantCulture);
        var threads = int.Parse(options.Get("threads") ?? "2", CultureInfo.InvariantCulture);
        var queries = options.Require("queries").Split(',').SelectMany(JudgedQuery.Load).Select(q => q.Query).ToList();
        var scratch = Path.Combine(Path.GetTempPath(), "portal-http-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Process? portal = null;
        try
        {
            var data = await PrepareDataAsync(options, scratch);
            var port = FreePort();
            var baseUrl = $"http://127.0.0.1:{port}";
            portal = StartPortal(repository, data, baseUrl, options.Get("portal-args"));
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilReadyAsync(client, portal);
            var documents = await DocumentPagesAsync(client);
            var variants = SearchVariants(queries);
            Route[] routes =
            [
                new("/health", ["/health"]),
                new("/api/search", variants.Select(q => "/api/search?q=" + Uri.EscapeDataString(q)).ToList()),
                new("/search", variants.Select(q => "/search?q=" + Uri.EscapeDataString(q)).ToList()),
                new("/documents", Enumerable.Range(1, documents).Select(p => p == 1 ? "/documents" : "/documents?page=" + p).ToList()),
            ];
            Console.Error.WriteLine($"{variants.Count} distinct searches, {documents} document list pages; warming up");
            foreach (var route in routes)
            {
                RunWrk(baseUrl, route, threads, connections, 5, scratch);
            }
            var results = new List<(Route Route, WrkResult Result)>();
            foreach (var route in routes)
            {
                Console.Error.WriteLine($"{route.Name}: {seconds} s at {connections} connections");
                results.Add((route, RunWrk(baseUrl, route, threads, connections, seconds, scratch)));
            }
            Print(results, connections, seconds, variants.Count);
            return 0;
        }
        finally
        {
            if (portal is { HasExited: false })
            {
                portal.Kill(entireProcessTree: true);
                await portal.WaitForExitAsync();
            }
            portal?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>A copy of <c>--data-dir</c>, or a new folder with <c>--corpus</c> imported (the portal builds its index at start).</summary>
    private static async Task<string> PrepareDataAsync(CommandOptions options, string scratch)
    {
        var data = Path.Combine(scratch, "data");
        if (options.Get("data-dir") is { } source)
        {
            CopyDirectory(source, data);
            // The index is rebuilt from the copied database, as after a restore.
            if (Directory.Exists(Path.Combine(data, "index")))
            {
                Directory.Delete(Path.Combine(data, "index"), recursive: true);
            }
            return data;
        }
        var portal = new PortalOptions { DataDirectory = data };
        await using (var db = PortalDatabase.Open(portal))
        {
            await PortalDatabase.MigrateAsync(db, portal);
        }
        using var reader = new StreamReader(options.Require("corpus"));
        var summary = await DocumentJsonl.ImportAsync(() => PortalDatabase.Open(portal), reader, null, CancellationToken.None);
        Console.Error.WriteLine($"imported {summary.Added} documents into {data}");
        return data;
    }

    private static Process StartPortal(string repository, string data, string baseUrl, string? extraArguments)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(repository, "tools", "run.sh"), "--urls", baseUrl, "--Portal:DataDirectory=" + data, "--Portal:RateLimiting:Enabled=false" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var argument in (extraArguments ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("portal: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Until the index is built: a search answers and says the index is ready.</summary>
    private static async Task WaitUntilReadyAsync(HttpClient client, Process portal)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            if (portal.HasExited)
            {
                throw new InvalidOperationException("The portal exited before it was ready.");
            }
            try
            {
                using var response = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString("трудовой договор"));
                if (response.IsSuccessStatusCode)
                {
                    using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
                    if (json.RootElement.GetProperty("indexState").GetString() == "ready" && json.RootElement.GetProperty("total").GetInt32() > 0)
                    {
                        return;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("The portal's index was not ready in ten minutes.");
    }

    /// <summary>How many pages the document list has (its pager says).</summary>
    private static async Task<int> DocumentPagesAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/documents");
        var pages = PageNumber().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(1).Max();
        return Math.Clamp(pages, 1, 400);
    }

    [GeneratedRegex(@"[?&]page=(\d+)")]
    private static partial Regex PageNumber();

    /// <summary>
    /// The judged queries and variants of each a user would type: words dropped, in another order,
    /// in capitals, with a question. Shuffled once, so that no two consecutive requests are alike.
    /// </summary>
    public static List<string> SearchVariants(IEnumerable<string> queries)
    {
        var variants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            variants.Add(query);
            variants.Add(query.ToUpperInvariant());
            if (words.Length > 1)
            {
                variants.Add(string.Join(' ', words.Reverse()));
                variants.Add(string.Join(' ', words[..^1]));
                variants.Add(string.Join(' ', words[1..]));
            }
            variants.Add("что говорит закон: " + query + "?");
        }
        var random = new Random(11);
        return variants.OrderBy(_ => random.Next()).ToList();
    }

    private sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors, long Non2xx);

    private static WrkResult RunWrk(string baseUrl, Route route, int threads, int connections, int seconds, string scratch)
    {
        var paths = Path.Combine(scratch, "paths-" + route.Name.Trim('/').Replace('/', '-') + ".txt");
        File.WriteAllLines(paths, route.Paths);
        var script = Path.Combine(scratch, "paths.lua");
        File.WriteAllText(script, WrkScript);
        var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", "-s", script, baseUrl, "--", paths })
        {
            start.ArgumentList.Add(argument);
        }
        using var wrk = Process.Start(start)!;
        var output = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        return Parse(output);
    }

    /// <summary>
    /// Each wrk thread walks the list from its own starting point, one path per request: every
    /// connection asks for something else than the request before.
    /// </summary>
    private const string WrkScript = """
        local paths = {}
        local counter = 0
        function init(args)
          for line in io.lines(args[1]) do paths[#paths + 1] = line end
          counter = math.random(#paths)
        end
        function request()
          counter = counter % #paths + 1
          return wrk.format("GET", paths[counter])
        end
        """;

    private static WrkResult Parse(string output)
    {
        double Number(string pattern) => Regex.Match(output, pattern, RegexOptions.Multiline) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * Unit(m.Groups.Count > 2 ? m.Groups[2].Value : "")
            : 0;
        var errors = Regex.Match(output, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)") is { Success: true } e
            ? e.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(
            Number(@"^Requests/sec:\s+([\d.]+)"),
            Number(@"^\s+50%\s+([\d.]+)(us|ms|s)"),
            Number(@"^\s+99%\s+([\d.]+)(us|ms|s)"),
            (long)Number(@"^\s+(\d+) requests in"),
            errors,
            (long)Number(@"Non-2xx or 3xx responses: (\d+)"));
    }

    /// <summary>wrk's latency units, in milliseconds.</summary>
    private static double Unit(string unit) => unit switch
    {
        "us" => 0.001,
        "s" => 1000,
        _ => 1,
    };

    private static void Print(List<(Route Route, WrkResult Result)> results, int connections, int seconds, int searches)
    {
        var health = results.First(r => r.Route.Name == "/health").Result.RequestsPerSecond;
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{connections} connections, {seconds} s per route, {Environment.ProcessorCount} cores, {searches} distinct searches");
        table.AppendLine("| route | req/s | p50 ms | p99 ms | requests | errors | non-2xx | share of /health |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (route, r) in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {route.Name} | {r.RequestsPerSecond:F0} | {r.P50Ms:F1} | {r.P99Ms:F1} | {r.Requests} | {r.Errors} | {r.Non2xx} | {r.RequestsPerSecond / health:P0} |");
        }
        Console.WriteLine(table.ToString());
        var json = results.ToDictionary(r => r.Route.Name, r => new
        {
            requests_per_s = Math.Round(r.Result.RequestsPerSecond, 1),
            p50_ms = Math.Round(r.Result.P50Ms, 2),
            p99_ms = Math.Round(r.Result.P99Ms, 2),
            requests = r.Result.Requests,
            errors = r.Result.Errors,
            non_2xx = r.Result.Non2xx,
            share_of_health = Math.Round(r.Result.RequestsPerSecond / health, 3),
        });
        Console.WriteLine(JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static bool ToolExists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, name)));

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from the repository (Portal.sln not found above the working folder).");
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        foreach (var folder in Directory.GetDirectories(source))
        {
            CopyDirectory(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }
}
