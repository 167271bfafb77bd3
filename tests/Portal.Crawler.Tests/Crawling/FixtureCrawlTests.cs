using Microsoft.EntityFrameworkCore;
using Portal.Core.Crawling;
using Portal.Crawler.Fixture;

namespace Portal.Crawler.Tests.Crawling;

/// <summary>Whole crawls of the fixture site: what is stored, what is refused, what a recrawl costs, what survives a kill.</summary>
public sealed class FixtureCrawlTests
{
    [Fact]
    public async Task First_crawl_stores_every_reachable_document_once_with_requisites_and_clean_text()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        await using var site = await FixtureSite.StartAsync(CrawlTestBed.Acts);

        var summary = await bed.Engine.RunAsync(CrawlTestBed.Settings(site.BaseUrl), "test", null, null, CancellationToken.None);

        Assert.Equal(CrawlRunStatus.Completed, summary.Run.Status);
        await using var db = bed.OpenDb();
        var metrics = await FixtureScore.ScoreAsync(db, site);
        Assert.True(metrics.Recall >= 0.98, string.Join("\n", metrics.Problems));
        Assert.Equal(0, metrics.Duplicates);
        Assert.All(metrics.MinF1ByFormat, f => Assert.True(f.Value >= 0.95, $"{f.Key}: {f.Value}\n" + string.Join("\n", metrics.Problems)));
        Assert.Equal(["docx", "html", "pdf"], metrics.MeanF1ByFormat.Keys.Order());
        Assert.True(metrics.RequisitesAccuracy >= 0.95, string.Join("\n", metrics.Problems));
        Assert.Equal(0, metrics.Mojibake);
        Assert.Equal(0, metrics.DisallowedRequests);
        Assert.Equal(site.Documents.Count, summary.Run.DocumentsNew);

        // Every document has its first edition and the crawl's provenance.
        var documents = await db.NormativeDocuments.Include(d => d.Editions).Where(d => d.ExternalId!.StartsWith("crawl:")).ToListAsync();
        Assert.All(documents, d =>
        {
            Assert.Single(d.Editions);
            Assert.Equal(d.ContentHash, d.Editions[0].ContentHash);
            Assert.NotNull(d.FetchedAt);
        });
        // Files behind card pages keep their original and remember the card.
        var pdf = site.Documents.First(d => d.Format == FixtureFormat.Pdf);
        var pdfDoc = documents.Single(d => d.SourceUrl == new Uri(site.BaseUrl, pdf.Url).AbsoluteUri);
        Assert.NotNull(pdfDoc.OriginalFileId);
        Assert.Contains(await db.DocumentAlternateUrls.Where(a => a.DocumentId == pdfDoc.Id).Select(a => a.Url).ToListAsync(), u => u.EndsWith($"/cards/{pdf.Index}.html"));
    }

    [Fact]
    public async Task Hostile_pages_are_recorded_as_failures_and_the_run_completes()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        await using var site = await FixtureSite.StartAsync(CrawlTestBed.Acts);

        var summary = await bed.Engine.RunAsync(CrawlTestBed.Settings(site.BaseUrl), "test", null, null, CancellationToken.None);

        Assert.Equal(CrawlRunStatus.Completed, summary.Run.Status);
        await using var db = bed.OpenDb();
        var errors = await db.CrawlRunErrors.Where(e => e.RunId == summary.Run.Id).ToListAsync();
        foreach (var path in FixtureSite.FailingPaths)
        {
            Assert.Contains(errors, e => new Uri(e.Url).AbsolutePath == path);
        }
        Assert.Contains(errors, e => e.Url.EndsWith("/missing.html") && e.Reason.Contains("404"));
        Assert.Contains(errors, e => e.Url.EndsWith("/loop/a") && e.Reason.Contains("цикл"));
        Assert.Contains(errors, e => e.Url.EndsWith("/slow.html") && e.Reason.Contains("нет ответа"));
        Assert.Contains(errors, e => e.Url.EndsWith("/huge.html") && e.Reason.Contains("больше"));
        Assert.Contains(errors, e => e.Url.EndsWith("/bomb.html") && e.Reason.Contains("больше"));
        Assert.Contains(errors, e => e.Url.EndsWith("/files/corrupt.pdf") && e.Reason.Contains("PDF"));
        Assert.Contains(errors, e => e.Url.EndsWith("/files/bomb.docx") && e.Reason.Contains("zip"));
        // 500 was retried, the flaky page answered on its retry.
        Assert.Equal(2, site.Requests.Count(r => r.PathAndQuery == "/broken.html"));
        Assert.DoesNotContain(errors, e => e.Url.EndsWith("/flaky.html"));
        Assert.Equal(0, site.Requests.Count(r => r.PathAndQuery.StartsWith("/private/")));
        // The redirect chain ends at the document, stored once under its final URL with the old address remembered.
        var moved = site.Documents.Single(d => d.ReachedBy == "redirect");
        var movedId = await db.NormativeDocuments.Where(d => d.SourceUrl == new Uri(site.BaseUrl, moved.Url).AbsoluteUri).Select(d => d.Id).SingleAsync();
        Assert.Contains(await db.DocumentAlternateUrls.Where(a => a.DocumentId == movedId).Select(a => a.Url).ToListAsync(), u => u.EndsWith("/old/doc"));
        // Print versions are remembered as other URLs of their document, never stored again.
        Assert.True(await db.DocumentAlternateUrls.CountAsync(a => a.Url.Contains("print=1")) >= 15);
    }

    [Fact]
    public async Task Recrawl_of_a_changed_site_adds_editions_for_changed_documents_and_304s_for_the_rest()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        await using var site = await FixtureSite.StartAsync(CrawlTestBed.Acts);
        await bed.Engine.RunAsync(CrawlTestBed.Settings(site.BaseUrl), "test", null, null, CancellationToken.None);
        var changed = new[]
        {
            site.Documents.First(d => d.Format == FixtureFormat.HtmlWindows1251),
            site.Documents.First(d => d.Format == FixtureFormat.Pdf),
            site.Documents.First(d => d.Format == FixtureFormat.Docx),
        };
        site.Amend(changed);
        site.ClearRequestLog();

        var second = await bed.Engine.RunAsync(CrawlTestBed.Settings(site.BaseUrl), "test", null, null, CancellationToken.None);

        Assert.Equal(CrawlRunStatus.Completed, second.Run.Status);
        Assert.Equal(changed.Length, second.Run.DocumentsChanged);
        Assert.Equal(0, second.Run.DocumentsNew);
        await using var db = bed.OpenDb();
        foreach (var d in changed)
        {
            var doc = await db.NormativeDocuments.Include(x => x.Editions).SingleAsync(x => x.SourceUrl == new Uri(site.BaseUrl, d.Url).AbsoluteUri);
            Assert.Equal([1, 2], doc.Editions.Select(e => e.Number).Order());
            Assert.Contains("электронных учебных изданий", doc.Text);
            Assert.DoesNotContain("электронных учебных изданий", doc.Editions.Single(e => e.Number == 1).Text);
        }
        var unchangedUrls = site.Documents.Except(changed).Select(d => d.Url).ToHashSet();
        var answered = site.Requests.Where(r => unchangedUrls.Contains(r.PathAndQuery)).ToList();
        Assert.True(answered.Count(r => r.Status == 304) >= 0.9 * unchangedUrls.Count, $"304: {answered.Count(r => r.Status == 304)} of {unchangedUrls.Count}");
        Assert.True(second.Run.DocumentsUnchanged >= 0.9 * unchangedUrls.Count);
        var metrics = await FixtureScore.ScoreAsync(db, site);
        Assert.Equal(0, metrics.Duplicates);
        Assert.Equal(1.0, metrics.Recall);
    }

    [Fact]
    public async Task A_crawl_killed_mid_run_loses_nothing_and_the_rerun_completes()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        await using var site = await FixtureSite.StartAsync(CrawlTestBed.Acts);
        using var kill = new CancellationTokenSource();
        var storedBeforeKill = 0;
        var progress = new SynchronousProgress(p =>
        {
            if (p.New >= 8 && !kill.IsCancellationRequested)
            {
                storedBeforeKill = p.New;
                kill.Cancel();
            }
        });

        var first = await bed.Engine.RunAsync(CrawlTestBed.Settings(site.BaseUrl), "test", null, progress, kill.Token);

        Assert.Equal(CrawlRunStatus.Cancelled, first.Run.Status);
        await using (var db = bed.OpenDb())
        {
            Assert.True(await db.NormativeDocuments.CountAsync() >= storedBeforeKill);
            Assert.True(await db.CrawlPages.CountAsync(p => p.State == CrawlPageState.Queued) > 0, "the frontier survives the kill");
        }

        var second = await bed.Engine.RunAsync(CrawlTestBed.Settings(site.BaseUrl), "test", null, null, CancellationToken.None);

        Assert.Equal(CrawlRunStatus.Completed, second.Run.Status);
        await using (var db = bed.OpenDb())
        {
            var metrics = await FixtureScore.ScoreAsync(db, site);
            Assert.True(metrics.Recall == 1.0, string.Join("\n", metrics.Problems));
            Assert.Equal(0, metrics.Duplicates);
            Assert.Equal(0, await db.CrawlPages.CountAsync(p => p.State == CrawlPageState.Queued && !p.Url.Contains("/private/")));
            Assert.All(await db.NormativeDocuments.Include(d => d.Editions).ToListAsync(), d => Assert.Single(d.Editions));
        }
    }

    [Fact]
    public async Task Include_and_exclude_patterns_narrow_what_is_followed_and_stored()
    {
        await using var bed = await CrawlTestBed.CreateAsync();
        await using var site = await FixtureSite.StartAsync(CrawlTestBed.Acts);
        var settings = CrawlTestBed.Settings(site.BaseUrl) with { Include = [@"/list\?", @"/docs/"], Exclude = [@"print=1"] };

        var summary = await bed.Engine.RunAsync(settings, "test", null, null, CancellationToken.None);

        await using var db = bed.OpenDb();
        var urls = await db.NormativeDocuments.Select(d => d.SourceUrl!).ToListAsync();
        Assert.NotEmpty(urls);
        Assert.All(urls, u => Assert.Contains("/docs/", u));
        Assert.DoesNotContain(site.Requests, r => r.PathAndQuery.Contains("print=1") || r.PathAndQuery.StartsWith("/files/"));
        Assert.Equal(CrawlRunStatus.Completed, summary.Run.Status);
    }

    private sealed class SynchronousProgress(Action<CrawlProgress> report) : IProgress<CrawlProgress>
    {
        public void Report(CrawlProgress value) => report(value);
    }
}
