using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Configuration;
using Portal.Core.Crawling;
using Portal.Core.Data;
using Spectre.Console;

namespace Portal.Crawler;

/// <summary>Verbs of the crawler CLI. Exit codes: 0 the run completed (even with failed pages), 1 it could not run, 2 bad arguments, 130 interrupted.</summary>
public static class CrawlerCli
{
    public const int Ok = 0;
    public const int CouldNotRun = 1;
    public const int BadArguments = 2;
    public const int Interrupted = 130;

    private const string Usage = """
        Portal.Crawler — обход официальных сайтов и загрузка нормативных документов в портал.

          crawl --url URL [--include REGEX]... [--exclude REGEX]... [--max-pages N] [--delay-ms N]
                [--timeout-s N] [--max-bytes N] [--json]
          crawl --all [--json]                  обойти источники, настроенные в портале
          export --jsonl FILE                   выгрузить документы (FILE «-» — в стандартный вывод)
          import --jsonl FILE                   загрузить документы в формате корпуса regulations.jsonl
          bench-fixture [--pages N] [--json]    замерить цели обхода на тестовом сайте (127.0.0.1)

        Общий параметр: --data-dir DIR — папка данных портала (по умолчанию Portal__DataDirectory или «data»).
        Коды выхода: 0 — обход выполнен (даже если часть страниц не загрузилась), 1 — обход не удалось
        начать, 2 — неверные аргументы, 130 — прерван.
        """;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        // Bound to the current standard output (Spectre would otherwise keep the first one it saw).
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl+C stops the run cleanly (what is stored stays); the second kills the process.
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                interrupt.Cancel();
            }
        };
        try
        {
            if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
            {
                Console.Out.WriteLine(Usage);
                return args.Length == 0 ? BadArguments : Ok;
            }
            var line = CommandLine.Parse(args, new HashSet<string> { "json", "all" });
            return line.Verb switch
            {
                "crawl" => await CrawlAsync(line, interrupt.Token),
                "export" => await ExportAsync(line, interrupt.Token),
                "import" => await ImportAsync(line, interrupt.Token),
                "bench-fixture" => await FixtureBenchmark.RunAsync(line, interrupt.Token),
                _ => throw new UsageException($"неизвестная команда «{line.Verb}»"),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"Ошибка: {e.Message}\n\n{Usage}");
            return BadArguments;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            Console.Error.WriteLine("Прервано.");
            return Interrupted;
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Не удалось выполнить: {e.Message}");
            return CouldNotRun;
        }
    }

    /// <summary>The portal's data folder: <c>--data-dir</c>, else <c>Portal__DataDirectory</c>, else <c>data</c> as in the portal.</summary>
    private static PortalOptions Options(CommandLine line) => new()
    {
        DataDirectory = line.Value("data-dir") ?? Environment.GetEnvironmentVariable("Portal__DataDirectory") ?? new PortalOptions().DataDirectory,
    };

    private static async Task<PortalOptions> OpenDataAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var options = Options(line);
        await using var db = PortalDatabase.Open(options);
        await PortalDatabase.MigrateAsync(db, options, cancellationToken);
        return options;
    }

    private static async Task<int> CrawlAsync(CommandLine line, CancellationToken cancellationToken)
    {
        line.RejectUnknown("url", "include", "exclude", "max-pages", "delay-ms", "timeout-s", "max-bytes", "json", "all", "data-dir");
        var json = line.Flag("json");
        List<(CrawlSettings Settings, int? SourceId, string Name)> jobs = [];
        if (line.Flag("all") == (line.Value("url") is not null))
        {
            throw new UsageException("укажите либо --url URL, либо --all");
        }
        foreach (var pattern in line.Values("include").Concat(line.Values("exclude")))
        {
            if (UrlScope.Validate(pattern) is { } problem)
            {
                throw new UsageException($"неверное регулярное выражение «{pattern}»: {problem}");
            }
        }
        var options = await OpenDataAsync(line, cancellationToken);
        if (line.Value("url") is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var start) || start.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--url: нужен адрес http(s)://…, получено «{url}»");
            }
            var defaults = new CrawlSettings { StartUrl = start };
            jobs.Add((defaults with
            {
                Include = line.Values("include"),
                Exclude = line.Values("exclude"),
                MaxPages = (int)(line.Number("max-pages", 1, 1_000_000) ?? defaults.MaxPages),
                DelayMs = (int)(line.Number("delay-ms", 0, 600_000) ?? defaults.DelayMs),
                Timeout = line.Number("timeout-s", 1, 3600) is { } t ? TimeSpan.FromSeconds(t) : defaults.Timeout,
                MaxBytes = line.Number("max-bytes", 1024, 1L << 32) ?? defaults.MaxBytes,
            }, null, start.Host));
        }
        else
        {
            await using var db = PortalDatabase.Open(options);
            var sources = await db.CrawlSources.AsNoTracking().Where(s => s.Enabled).OrderBy(s => s.Id).ToListAsync(cancellationToken);
            if (sources.Count == 0)
            {
                Console.Error.WriteLine("В портале нет включённых источников (Администрирование → Обход сайтов).");
            }
            jobs.AddRange(sources.Select(s => (s.ToSettings(), (int?)s.Id, s.Name)));
        }

        var engine = new CrawlEngine(() => PortalDatabase.Open(options), options.FilesDirectory);
        var summaries = new List<CrawlSummary>();
        foreach (var (settings, sourceId, name) in jobs)
        {
            var summary = json || !AnsiConsole.Profile.Capabilities.Interactive
                ? await engine.RunAsync(settings, "cli", sourceId, null, cancellationToken)
                : await RunWithProgressAsync(engine, settings, sourceId, name, cancellationToken);
            summaries.Add(summary);
            if (!json)
            {
                WriteSummary(summary);
            }
        }
        if (json)
        {
            var payload = summaries.Select(ToJson).ToList();
            Console.Out.WriteLine(JsonSerializer.Serialize<object>(payload.Count == 1 ? payload[0] : payload, Json));
        }
        if (summaries.Any(s => s.Run.Status == CrawlRunStatus.Cancelled) && cancellationToken.IsCancellationRequested)
        {
            return Interrupted;
        }
        return summaries.Any(s => s.Run.Status == CrawlRunStatus.Failed) ? CouldNotRun : Ok;
    }

    private static async Task<CrawlSummary> RunWithProgressAsync(CrawlEngine engine, CrawlSettings settings, int? sourceId, string name, CancellationToken cancellationToken)
    {
        CrawlProgress? latest = null;
        var progress = new LatestProgress<CrawlProgress>(p => latest = p);
        CrawlSummary? summary = null;
        await AnsiConsole.Live(ProgressView(name, null)).AutoClear(true).StartAsync(async live =>
        {
            var run = engine.RunAsync(settings, "cli", sourceId, progress, cancellationToken);
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(200, CancellationToken.None));
                live.UpdateTarget(ProgressView(name, latest));
            }
            summary = await run;
        });
        return summary!;
    }

    private static Table ProgressView(string name, CrawlProgress? p)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Обход: {Markup.Escape(name)}")
            .AddColumn("Страниц").AddColumn("304").AddColumn("Новых").AddColumn("Изменено").AddColumn("Без изменений").AddColumn("Ошибок").AddColumn("В очереди").AddColumn("Стр./с");
        if (p is not null)
        {
            table.AddRow($"{p.PagesFetched}", $"{p.NotModified}", $"[green]{p.New}[/]", $"[yellow]{p.Changed}[/]", $"{p.Unchanged}", p.Failed > 0 ? $"[red]{p.Failed}[/]" : "0", $"{p.Queued}", $"{p.PagesPerSecond:0.0}");
            table.Caption(Markup.Escape(Shorten(p.CurrentUrl ?? "")));
        }
        return table;
    }

    private static string Shorten(string url) => url.Length > 100 ? url[..97] + "…" : url;

    private static void WriteSummary(CrawlSummary summary)
    {
        var run = summary.Run;
        var status = run.Status switch
        {
            CrawlRunStatus.Completed => "[green]завершён[/]",
            CrawlRunStatus.Cancelled => "[yellow]остановлен[/]",
            CrawlRunStatus.Failed => "[red]не выполнен[/]",
            _ => run.Status.ToString(),
        };
        var table = new Table().Border(TableBorder.Rounded).Title($"Итог обхода {Markup.Escape(run.StartUrl)}").AddColumn("Показатель").AddColumn(new TableColumn("Значение").RightAligned());
        table.AddRow("Состояние", status);
        table.AddRow("Страниц загружено", $"{run.PagesFetched}");
        table.AddRow("Ответов 304 (не изменились)", $"{run.NotModified}");
        table.AddRow("Документов новых", $"{run.DocumentsNew}");
        table.AddRow("Документов изменилось (новая редакция)", $"{run.DocumentsChanged}");
        table.AddRow("Документов без изменений", $"{run.DocumentsUnchanged}");
        table.AddRow("Дубликатов (другой адрес того же текста)", $"{run.Duplicates}");
        table.AddRow("Ошибок", $"{run.Failed}");
        table.AddRow("Запрещено robots.txt", $"{run.SkippedByRobots}");
        table.AddRow("HTTP-запросов", $"{summary.Requests}");
        table.AddRow("Время, с", $"{summary.Elapsed.TotalSeconds:0.0}");
        table.AddRow("Страниц в секунду", $"{summary.PagesPerSecond:0.0}");
        AnsiConsole.Write(table);
        if (run.Message is not null)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(run.Message)}[/]");
        }
    }

    private static object ToJson(CrawlSummary summary)
    {
        var run = summary.Run;
        return new
        {
            runId = run.Id,
            status = run.Status.ToString().ToLowerInvariant(),
            startUrl = run.StartUrl,
            pagesFetched = run.PagesFetched,
            notModified = run.NotModified,
            documentsNew = run.DocumentsNew,
            documentsChanged = run.DocumentsChanged,
            documentsUnchanged = run.DocumentsUnchanged,
            duplicates = run.Duplicates,
            failed = run.Failed,
            skippedByRobots = run.SkippedByRobots,
            requests = summary.Requests,
            elapsedSeconds = Math.Round(summary.Elapsed.TotalSeconds, 2),
            pagesPerSecond = Math.Round(summary.PagesPerSecond, 1),
            message = run.Message,
        };
    }

    private static async Task<int> ExportAsync(CommandLine line, CancellationToken cancellationToken)
    {
        line.RejectUnknown("jsonl", "data-dir");
        var file = line.Value("jsonl") ?? throw new UsageException("укажите --jsonl FILE");
        var options = await OpenDataAsync(line, cancellationToken);
        await using var db = PortalDatabase.Open(options);
        int count;
        if (file == "-")
        {
            count = await DocumentJsonl.ExportAsync(db, Console.Out, cancellationToken);
        }
        else
        {
            await using var writer = new StreamWriter(file, false, new System.Text.UTF8Encoding(false));
            count = await DocumentJsonl.ExportAsync(db, writer, cancellationToken);
        }
        Console.Error.WriteLine($"Выгружено документов: {count}");
        return Ok;
    }

    private static async Task<int> ImportAsync(CommandLine line, CancellationToken cancellationToken)
    {
        line.RejectUnknown("jsonl", "data-dir");
        var file = line.Value("jsonl") ?? throw new UsageException("укажите --jsonl FILE");
        if (!File.Exists(file))
        {
            throw new UsageException($"файл не найден: {file}");
        }
        var options = await OpenDataAsync(line, cancellationToken);
        using var reader = new StreamReader(file, System.Text.Encoding.UTF8);
        var summary = await DocumentJsonl.ImportAsync(() => PortalDatabase.Open(options), reader,
            new LatestProgress<int>(n => Console.Error.Write($"\rПрочитано: {n}")), cancellationToken);
        Console.Error.WriteLine();
        var table = new Table().Border(TableBorder.Rounded).Title("Итог загрузки").AddColumn("Показатель").AddColumn(new TableColumn("Значение").RightAligned());
        table.AddRow("Прочитано записей", $"{summary.Read}");
        table.AddRow("Добавлено", $"{summary.Added}");
        table.AddRow("Изменено (новая редакция)", $"{summary.Changed}");
        table.AddRow("Без изменений", $"{summary.Unchanged}");
        table.AddRow("Пропущено (ошибки)", $"{summary.Skipped}");
        AnsiConsole.Write(table);
        foreach (var problem in summary.Problems.Take(20))
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(problem)}[/]");
        }
        return Ok;
    }

}

/// <summary>Progress reported synchronously on the reporting thread (<see cref="Progress{T}"/> would post to the thread pool and arrive late).</summary>
public sealed class LatestProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
