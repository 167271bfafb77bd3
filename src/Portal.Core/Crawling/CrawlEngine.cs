using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Files;

namespace Portal.Core.Crawling;

/// <summary>Live counters of a run, for the CLI's progress display and the admin page.</summary>
public sealed record CrawlProgress(int PagesFetched, int NotModified, int New, int Changed, int Unchanged, int Duplicates, int Failed, int Queued, double PagesPerSecond, string? CurrentUrl);

/// <summary>The result of a run: its stored record plus what the process saw.</summary>
public sealed record CrawlSummary(CrawlRun Run, long Requests, TimeSpan Elapsed)
{
    public double PagesPerSecond => Elapsed.TotalSeconds > 0 ? Run.PagesFetched / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// One crawl of one site: robots.txt, then a breadth-first frontier seeded with the start URL, the
/// sitemaps, URLs queued by an interrupted run and the documents already known (revisited with
/// conditional GET). Fetching and extraction run in parallel within the politeness limits; every
/// page's outcome is written in its own transaction, so killing the process loses nothing stored
/// and the next run continues from the queued URLs.
/// </summary>
public sealed partial class CrawlEngine(Func<PortalDbContext> openDb, string? filesDirectory = null)
{
    private const int MaxStoredErrors = 500;
    private const int MaxOutlinks = 5000;

    [GeneratedRegex(@"([?&](print|version|mode|view)=(1|print|yes|true|pda)\b)|/print(/|\.|$)|print\.php|/pda/", RegexOptions.IgnoreCase)]
    private static partial Regex PrintUrl();

    public static bool LooksLikePrintVersion(string url) => PrintUrl().IsMatch(url);

    private sealed record FrontierItem(Uri Url, int Depth, string? Hint, string? Via);

    private sealed record PageOutcome(FrontierItem Item, FetchResult Fetch, ExtractedContent? Content);

    private sealed record KnownPage(string? ETag, string? LastModified, CrawlPageKind Kind, CrawlPageState State, string? Outlinks, string? Hint = null);

    public async Task<CrawlSummary> RunAsync(CrawlSettings settings, string trigger, int? sourceId, IProgress<CrawlProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var start = UrlCanonicalizer.Canonicalize(settings.StartUrl);
        var host = UrlCanonicalizer.Origin(start);
        var scope = new UrlScope(start, settings.Include, settings.Exclude);
        CrawlRun run;
        Dictionary<string, KnownPage> known;
        List<FrontierItem> resumed;
        await using (var db = openDb())
        {
            await db.CrawlRuns.Where(r => r.Status == CrawlRunStatus.Running && r.StartUrl.StartsWith(host))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, CrawlRunStatus.Cancelled)
                    .SetProperty(r => r.Message, "прерван: процесс остановлен до конца обхода; следующий обход продолжил его"), cancellationToken);
            run = new CrawlRun { StartUrl = start.AbsoluteUri, Trigger = trigger, SourceId = sourceId, Status = CrawlRunStatus.Running };
            db.CrawlRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            var pages = await db.CrawlPages.AsNoTracking().Where(p => p.Host == host)
                .Select(p => new { p.Url, p.ETag, p.LastModified, p.Kind, p.State, p.Outlinks, p.Depth, p.HintTitle })
                .ToListAsync(cancellationToken);
            known = pages.ToDictionary(p => p.Url, p => new KnownPage(p.ETag, p.LastModified, p.Kind, p.State, p.Outlinks, p.HintTitle));
            resumed = pages.Where(p => p.State == CrawlPageState.Queued || p.Kind == CrawlPageKind.Document)
                .OrderBy(p => p.Depth)
                .Select(p => new FrontierItem(new Uri(p.Url), p.Depth, p.HintTitle, null))
                .Where(i => scope.Allows(i.Url))
                .ToList();
        }

        // One connection for the run's writes: per-connection PRAGMAs hold, and no context is built per page.
        await using var store = openDb();
        await store.Database.OpenConnectionAsync(cancellationToken);
        await store.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", cancellationToken);
        using var fetcher = new HttpFetcher(settings);
        var frontier = new Queue<FrontierItem>();
        var seen = new HashSet<string>();
        var errors = new List<CrawlRunError>();
        var pagesFetched = 0;

        void Enqueue(FrontierItem item)
        {
            if (seen.Add(item.Url.AbsoluteUri))
            {
                frontier.Enqueue(item);
            }
        }

        // robots.txt: 4xx allows everything, 5xx or no answer disallows everything (RFC 9309 §2.3.1).
        var robotsUrl = new Uri(start, "/robots.txt");
        var robotsFetch = await fetcher.FetchAsync(robotsUrl, null, null, cancellationToken, checkRobots: false);
        fetcher.Robots = robotsFetch.Outcome == FetchOutcome.Ok
            ? RobotsTxt.Parse(TextDecoding.Decode(robotsFetch.Body, robotsFetch.Charset, false).Text, settings.UserAgent)
            : robotsFetch.Status is >= 400 and < 500 ? RobotsTxt.AllowAll : RobotsTxt.DisallowAll;
        if (fetcher.Robots == RobotsTxt.DisallowAll)
        {
            run.Status = CrawlRunStatus.Failed;
            run.Message = $"robots.txt недоступен ({robotsFetch.Error}); по правилам robots обход отложен";
            return await FinishAsync(store, run, fetcher, clock, cancellationToken);
        }

        Enqueue(new FrontierItem(start, 0, null, null));
        var sitemaps = fetcher.Robots.Sitemaps.Select(s => UrlCanonicalizer.Resolve(start, s)).OfType<Uri>().Where(scope.SameHost).ToList();
        if (sitemaps.Count == 0)
        {
            sitemaps.Add(new Uri(start, "/sitemap.xml"));
        }
        foreach (var sitemap in sitemaps)
        {
            Enqueue(new FrontierItem(sitemap, 1, null, "sitemap"));
        }
        foreach (var item in resumed)
        {
            Enqueue(item);
        }

        var inFlight = new List<Task<PageOutcome>>();
        var cancelled = false;
        try
        {
            while (true)
            {
                while (inFlight.Count < settings.EffectiveConcurrency * 2 && pagesFetched < settings.MaxPages && frontier.TryDequeue(out var next))
                {
                    pagesFetched++;
                    known.TryGetValue(next.Url.AbsoluteUri, out var previous);
                    if (next.Hint is null && previous?.Hint is not null)
                    {
                        next = next with { Hint = previous.Hint };
                    }
                    inFlight.Add(ProcessAsync(next, previous, fetcher, settings, cancellationToken));
                    Report(progress, run, frontier.Count, clock, next.Url.AbsoluteUri);
                }
                if (inFlight.Count == 0)
                {
                    break;
                }
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                var outcome = await done;
                seen.Add(outcome.Fetch.FinalUrl.AbsoluteUri);
                try
                {
                    foreach (var link in await StoreAsync(store, outcome, run, known, errors, scope, host, settings.MaxDepth))
                    {
                        Enqueue(link);
                    }
                }
                catch (DbUpdateException e)
                {
                    // One page that cannot be stored (a constraint, a locked file) never stops the run.
                    store.ChangeTracker.Clear();
                    run.Failed++;
                    await RecordErrorAsync(store, run, errors, outcome.Item.Url.AbsoluteUri, "не сохранено: " + (e.InnerException?.Message ?? e.Message));
                }
                finally
                {
                    store.ChangeTracker.Clear();
                }
                Report(progress, run, frontier.Count, clock, null);
            }
            run.Status = CrawlRunStatus.Completed;
            run.Message = frontier.Count > 0 ? $"достигнут предел страниц ({settings.MaxPages}); в очереди осталось {frontier.Count} адресов — следующий обход продолжит" : null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
            run.Status = CrawlRunStatus.Cancelled;
            run.Message = "остановлен; сохранённое не потеряно, следующий обход продолжит с очереди";
        }
        return await FinishAsync(store, run, fetcher, clock, cancelled ? CancellationToken.None : cancellationToken);
    }

    private static void Report(IProgress<CrawlProgress>? progress, CrawlRun run, int queued, Stopwatch clock, string? current) =>
        progress?.Report(new CrawlProgress(run.PagesFetched, run.NotModified, run.DocumentsNew, run.DocumentsChanged, run.DocumentsUnchanged,
            run.Duplicates, run.Failed, queued, clock.Elapsed.TotalSeconds > 0 ? run.PagesFetched / clock.Elapsed.TotalSeconds : 0, current));

    private static async Task<PageOutcome> ProcessAsync(FrontierItem item, KnownPage? previous, HttpFetcher fetcher, CrawlSettings settings, CancellationToken cancellationToken)
    {
        var conditional = previous is { State: CrawlPageState.Fetched } && previous.Kind != CrawlPageKind.Unknown;
        var fetch = await fetcher.FetchAsync(item.Url, conditional ? previous!.ETag : null, conditional ? previous!.LastModified : null, cancellationToken);
        if (fetch.Outcome != FetchOutcome.Ok)
        {
            return new PageOutcome(item, fetch, null);
        }
        // Extraction is CPU work: off the loop thread so several pages parse at once.
        var content = await Task.Run(() => ContentExtractor.Extract(fetch, settings, item.Hint), cancellationToken);
        return new PageOutcome(item, fetch with { Body = content.Kind == CrawlPageKind.Document && content.Format != "html" ? fetch.Body : [] }, content);
    }

    private async Task<List<FrontierItem>> StoreAsync(PortalDbContext db, PageOutcome outcome, CrawlRun run, Dictionary<string, KnownPage> known, List<CrawlRunError> errors,
        UrlScope scope, string host, int maxDepth)
    {
        var (item, fetch, content) = outcome;
        var key = item.Url.AbsoluteUri;
        var followed = new List<FrontierItem>();
        // One transaction per page: the document, its edition, the fetch state and the new links land together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var page = await db.CrawlPages.FirstOrDefaultAsync(p => p.Url == key, CancellationToken.None);
        if (page is null)
        {
            page = new CrawlPage { Url = key, Host = host, Depth = item.Depth, HintTitle = item.Hint };
            db.CrawlPages.Add(page);
            known.TryAdd(key, new KnownPage(null, null, CrawlPageKind.Unknown, CrawlPageState.Queued, null));
        }
        page.LastFetchedAt = DateTime.UtcNow;
        page.HttpStatus = fetch.Status;
        run.PagesFetched++;

        if (fetch.Outcome == FetchOutcome.NotModified)
        {
            run.NotModified++;
            page.State = CrawlPageState.Fetched;
            page.LastError = null;
            if (page.Kind == CrawlPageKind.Document)
            {
                run.DocumentsUnchanged++;
            }
            followed.AddRange(Follow(page.Outlinks?.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(u => new PageLink(new Uri(u), "")) ?? [], item, scope, maxDepth));
        }
        else if (fetch.Outcome != FetchOutcome.Ok || content?.Error is not null)
        {
            var reason = content?.Error ?? fetch.Error ?? fetch.Outcome.ToString();
            if (fetch.Outcome == FetchOutcome.Disallowed)
            {
                run.SkippedByRobots++;
            }
            else
            {
                run.Failed++;
                if (errors.Count < MaxStoredErrors)
                {
                    var error = new CrawlRunError { RunId = run.Id, Url = key, Reason = reason.Length > 1000 ? reason[..1000] : reason };
                    errors.Add(error);
                    db.CrawlRunErrors.Add(error);
                }
            }
            // A failed revisit keeps the validators and the document link of the last good fetch.
            page.State = fetch.Status is 404 or 410 ? CrawlPageState.Gone : page.State == CrawlPageState.Fetched ? CrawlPageState.Fetched : CrawlPageState.Failed;
            page.LastError = reason;
        }
        else if (content is not null)
        {
            var finalKey = fetch.FinalUrl.AbsoluteUri;
            if (finalKey != key)
            {
                // A redirect: the target is the page; the requested URL is remembered as an alias.
                page.Kind = CrawlPageKind.Duplicate;
                page.State = CrawlPageState.Fetched;
                page = await db.CrawlPages.FirstOrDefaultAsync(p => p.Url == finalKey, CancellationToken.None) ?? db.CrawlPages.Add(new CrawlPage { Url = finalKey, Host = host, Depth = item.Depth }).Entity;
                known.TryAdd(finalKey, new KnownPage(null, null, CrawlPageKind.Unknown, CrawlPageState.Fetched, null));
                page.LastFetchedAt = DateTime.UtcNow;
                page.HttpStatus = fetch.Status;
            }
            page.State = CrawlPageState.Fetched;
            page.LastError = null;
            page.ETag = fetch.ETag;
            page.LastModified = fetch.LastModified;
            page.Kind = content.Kind;
            // Files of a card page first: they carry the card's requisites (the same URL among plain links is dropped).
            var links = content.Attachments.Where(a => scope.Allows(a.Url))
                .Select(a => new FrontierItem(a.Url, item.Depth + 1, a.Hint, key))
                .Concat(Follow(content.Links, item, scope, maxDepth))
                .DistinctBy(l => l.Url.AbsoluteUri)
                .ToList();
            followed.AddRange(links);
            page.Outlinks = string.Join('\n', links.Select(l => l.Url.AbsoluteUri).Distinct().Take(MaxOutlinks));
            if (content.Kind == CrawlPageKind.Document)
            {
                var aliases = new List<(string Url, string Reason)>();
                if (finalKey != key)
                {
                    aliases.Add((key, "redirect"));
                }
                if (item.Via is { } via && via != "sitemap")
                {
                    aliases.Add((via, "card"));
                }
                var canonical = content.Canonical is { } c && scope.SameHost(c) ? c.AbsoluteUri : finalKey;
                if (canonical != finalKey)
                {
                    aliases.Add((finalKey, "duplicate"));
                }
                await StoreDocumentAsync(db, page, canonical, content, fetch, aliases, run, CancellationToken.None);
            }
        }

        foreach (var link in followed)
        {
            if (!known.ContainsKey(link.Url.AbsoluteUri))
            {
                known[link.Url.AbsoluteUri] = new KnownPage(null, null, CrawlPageKind.Unknown, CrawlPageState.Queued, null);
                db.CrawlPages.Add(new CrawlPage { Url = link.Url.AbsoluteUri, Host = host, Depth = link.Depth, HintTitle = link.Hint, State = CrawlPageState.Queued });
            }
        }
        db.Attach(run).State = EntityState.Modified;
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return followed;
    }

    private static async Task RecordErrorAsync(PortalDbContext db, CrawlRun run, List<CrawlRunError> errors, string url, string reason)
    {
        var error = new CrawlRunError { RunId = run.Id, Url = url, Reason = reason.Length > 1000 ? reason[..1000] : reason };
        errors.Add(error);
        db.CrawlRunErrors.Add(error);
        db.Attach(run).State = EntityState.Modified;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static IEnumerable<FrontierItem> Follow(IEnumerable<PageLink> links, FrontierItem from, UrlScope scope, int maxDepth) =>
        from.Depth >= maxDepth
            ? []
            : links.Where(l => scope.Allows(l.Url) && ContentExtractor.IsCrawlable(l.Url))
                .Select(l => new FrontierItem(l.Url, from.Depth + 1, null, null));

    private async Task StoreDocumentAsync(PortalDbContext db, CrawlPage page, string canonical, ExtractedContent content, FetchResult fetch,
        List<(string Url, string Reason)> aliases, CrawlRun run, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var hash = TextCleanup.Sha256(content.Text);
        var urls = aliases.Select(a => a.Url).Append(canonical).Append(page.Url).Distinct().ToList();
        var documentId = page.DocumentId
            ?? await db.NormativeDocuments.Where(d => d.SourceUrl != null && urls.Contains(d.SourceUrl)).Select(d => (int?)d.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await db.DocumentAlternateUrls.Where(a => urls.Contains(a.Url)).Select(a => (int?)a.DocumentId).FirstOrDefaultAsync(cancellationToken);
        NormativeDocument? document = documentId is null ? null
            : await db.NormativeDocuments.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        var sameUrl = document is not null;
        if (document is null)
        {
            // The same text under another URL (print version, mirror): one document, the URL remembered.
            document = await db.NormativeDocuments.FirstOrDefaultAsync(d => d.ContentHash == hash, cancellationToken);
            if (document is not null)
            {
                run.Duplicates++;
                page.Kind = CrawlPageKind.Duplicate;
                page.DocumentId = document.Id;
                if (document.SourceUrl is { } old && LooksLikePrintVersion(old) && !LooksLikePrintVersion(canonical))
                {
                    aliases.Add((old, "duplicate"));
                    document.SourceUrl = canonical;
                }
                else
                {
                    aliases.Add((canonical, "duplicate"));
                }
                await AddAliasesAsync(db, document, aliases, cancellationToken);
                return;
            }
        }

        var requisites = content.Requisites;
        if (document is null)
        {
            document = new NormativeDocument
            {
                ExternalId = "crawl:" + TextCleanup.Sha256(canonical)[..24],
                CreatedAt = now,
            };
            db.NormativeDocuments.Add(document);
            run.DocumentsNew++;
        }
        else if (document.ContentHash == hash)
        {
            run.DocumentsUnchanged++;
            document.FetchedAt = now;
            page.DocumentId = document.Id;
            await AddAliasesAsync(db, document, aliases, cancellationToken);
            return;
        }
        else
        {
            run.DocumentsChanged++;
        }

        document.Title = TextCleanup.Truncate(requisites.Title ?? content.PageTitle ?? content.Text.Split('\n')[0], 2000);
        document.DocType = TextCleanup.Truncate(requisites.DocType ?? (sameUrl ? document.DocType : "Документ"), 200);
        document.Number = requisites.Number is { } n ? TextCleanup.Truncate(n, 100) : document.Number;
        document.Date = requisites.Date ?? document.Date;
        document.Issuer = requisites.Issuer is { } i ? TextCleanup.Truncate(i, 500) : document.Issuer;
        document.Text = content.Text;
        document.ContentHash = hash;
        document.SourceUrl = LooksLikePrintVersion(canonical) && document.SourceUrl is not null ? document.SourceUrl : canonical;
        document.FetchedAt = now;
        document.UpdatedAt = now;
        var number = document.Id == 0 ? 1 : await db.DocumentEditions.Where(e => e.DocumentId == document.Id).Select(e => (int?)e.Number).MaxAsync(cancellationToken) + 1 ?? 1;
        document.Editions.Add(new DocumentEdition { Number = number, Text = content.Text, ContentHash = hash, SourceUrl = canonical, Origin = "crawler", CreatedAt = now });
        if (content.Format is "pdf" or "docx" && filesDirectory is not null && fetch.Body.Length > 0)
        {
            document.OriginalFile = SaveOriginal(fetch, content.Format);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        page.DocumentId = document.Id;
        if (document.OriginalFile is { Owner: null } file)
        {
            file.Owner = $"document:{document.Id}";
        }
        await AddAliasesAsync(db, document, aliases, cancellationToken);
    }

    private StoredFile SaveOriginal(FetchResult fetch, string format)
    {
        Directory.CreateDirectory(filesDirectory!);
        var storedName = Guid.NewGuid().ToString("N") + "." + format;
        File.WriteAllBytes(Path.Combine(filesDirectory!, storedName), fetch.Body);
        var name = Path.GetFileName(Uri.UnescapeDataString(fetch.FinalUrl.AbsolutePath));
        return new StoredFile
        {
            FileName = TextCleanup.Truncate(string.IsNullOrWhiteSpace(name) ? "document." + format : name, 300),
            ContentType = format == "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Size = fetch.Body.Length,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(fetch.Body)),
            StoredName = storedName,
            UploadedBy = "crawler",
        };
    }

    private static async Task AddAliasesAsync(PortalDbContext db, NormativeDocument document, List<(string Url, string Reason)> aliases, CancellationToken cancellationToken)
    {
        foreach (var (url, reason) in aliases.DistinctBy(a => a.Url))
        {
            if (url == document.SourceUrl)
            {
                continue;
            }
            var existing = await db.DocumentAlternateUrls.FirstOrDefaultAsync(a => a.Url == url, cancellationToken)
                ?? db.DocumentAlternateUrls.Local.FirstOrDefault(a => a.Url == url);
            if (existing is null)
            {
                db.DocumentAlternateUrls.Add(new DocumentAlternateUrl { DocumentId = document.Id, Url = url, Reason = reason });
            }
        }
    }

    private static async Task<CrawlSummary> FinishAsync(PortalDbContext db, CrawlRun run, HttpFetcher fetcher, Stopwatch clock, CancellationToken cancellationToken)
    {
        run.FinishedAt = DateTime.UtcNow;
        db.ChangeTracker.Clear();
        db.Attach(run).State = EntityState.Modified;
        if (run.SourceId is { } sourceId)
        {
            await db.CrawlSources.Where(s => s.Id == sourceId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastRunAt, run.StartedAt).SetProperty(s => s.RunRequested, false), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new CrawlSummary(run, fetcher.Requests, clock.Elapsed);
    }
}
