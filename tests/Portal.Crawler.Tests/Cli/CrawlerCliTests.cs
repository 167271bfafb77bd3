using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Crawler.Fixture;
using Portal.Crawler.Tests.Crawling;

namespace Portal.Crawler.Tests.Cli;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console output";
}

/// <summary>The CLI verbs in process, with standard output captured (so this collection runs alone).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CrawlerCliTests
{
    private static async Task<(int Exit, string Out)> RunAsync(params string[] args)
    {
        var original = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        Console.SetOut(output);
        Console.SetError(TextWriter.Null);
        try
        {
            var exit = await CrawlerCli.RunAsync(args);
            return (exit, output.ToString());
        }
        finally
        {
            Console.SetOut(original);
            Console.SetError(originalError);
        }
    }

    [Fact]
    public async Task Crawl_with_json_prints_a_machine_readable_summary_and_exits_0_though_pages_failed()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        await using var site = await FixtureSite.StartAsync(CrawlTestBed.Acts);

        var (exit, output) = await RunAsync("crawl", "--url", site.BaseUrl.AbsoluteUri, "--delay-ms", "0", "--timeout-s", "3", "--max-bytes", "1048576",
            "--exclude", "/cards/", "--json", "--data-dir", bed.Options.DataDirectory);

        Assert.Equal(CrawlerCli.Ok, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(site.Documents.Count(d => d.Format is not (FixtureFormat.Pdf or FixtureFormat.Docx)), json.RootElement.GetProperty("documents_new").GetInt32());
        Assert.True(json.RootElement.GetProperty("failed").GetInt32() >= 5);
        Assert.DoesNotContain(site.Requests, r => r.PathAndQuery.StartsWith("/cards/"));
    }

    [Fact]
    public async Task Import_then_export_round_trips_the_corpus_format()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        var input = Path.Combine(bed.Options.FullDataDirectory, "in.jsonl");
        var exported = Path.Combine(bed.Options.FullDataDirectory, "out.jsonl");
        var lines = File.ReadLines(FixtureCorpus.CorpusFile()).Take(50).ToList();
        await File.WriteAllLinesAsync(input, lines.Append("{not json").Append("{\"id\": \"x\"}"));

        var (importExit, _) = await RunAsync("import", "--jsonl", input, "--data-dir", bed.Options.DataDirectory);
        var (againExit, _) = await RunAsync("import", "--jsonl", input, "--data-dir", bed.Options.DataDirectory);
        var (exportExit, _) = await RunAsync("export", "--jsonl", exported, "--data-dir", bed.Options.DataDirectory);

        Assert.Equal([0, 0, 0], new[] { importExit, againExit, exportExit });
        await using (var db = bed.OpenDb())
        {
            Assert.Equal(50, await db.NormativeDocuments.CountAsync());
            Assert.Equal(50, await db.DocumentEditions.CountAsync());
        }
        var records = File.ReadLines(exported).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(50, records.Count);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        var same = records.Single(r => r.GetProperty("id").GetString() == first.GetProperty("id").GetString());
        foreach (var field in new[] { "title", "doc_type", "number", "date", "issuer", "text" })
        {
            Assert.Equal(first.GetProperty(field).ToString(), same.GetProperty(field).ToString());
        }
        Assert.Equal("действует", same.GetProperty("status").GetString());
        Assert.Equal(1, same.GetProperty("editions").GetInt32());
        Assert.True(same.TryGetProperty("url", out _) && same.TryGetProperty("fetched_at", out _));
    }

    [Theory]
    [InlineData("crawl")]
    [InlineData("crawl", "--url", "not-a-url")]
    [InlineData("crawl", "--url", "http://127.0.0.1/", "--include", "(")]
    [InlineData("crawl", "--url", "http://127.0.0.1/", "--max-pages", "ten")]
    [InlineData("export")]
    [InlineData("frobnicate")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        var (exit, _) = await RunAsync(args);

        Assert.Equal(CrawlerCli.BadArguments, exit);
    }

    [Fact]
    public async Task A_site_that_cannot_be_reached_exits_1()
    {
        await using var bed = await CrawlTestBed.CreateAsync();

        // Port 9 (discard) on loopback: nothing listens, so robots.txt is unreachable and the run cannot start.
        var (exit, output) = await RunAsync("crawl", "--url", "http://127.0.0.1:9/", "--timeout-s", "1", "--json", "--data-dir", bed.Options.DataDirectory);

        Assert.Equal(CrawlerCli.CouldNotRun, exit);
        Assert.Equal("failed", JsonDocument.Parse(output).RootElement.GetProperty("status").GetString());
    }
}
