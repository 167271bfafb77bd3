using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Search;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Outbox;
using Portal.Core.Search.Querying;

namespace Portal.Web.Infrastructure;

/// <summary>Search: the analyzer (dictionary loaded once), the index owner, the indexer service, the API.</summary>
public static class SearchSetup
{
    public static IServiceCollection AddSearchFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddPortalSearch(sp => ContentLocator.Find(sp.GetRequiredService<PortalOptions>().ContentDirectory, sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath));
        services.AddSingleton<SearchIndexingService>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexingService>());
        return services;
    }

    public static WebApplication MapSearchEndpoints(this WebApplication app)
    {
        app.MapGet("/api/search", (HttpContext http, SearchEngine engine) =>
        {
            var request = SearchRequestBinder.Bind(http.Request.Query);
            var results = engine.Search(request, http.RequestAborted);
            return Results.Json(SearchApiResponse.From(results));
        }).RequireRateLimiting(RateLimitingSetup.SearchPolicy);
        app.MapGet("/api/search/suggest", (HttpRequest http, SearchEngine engine) =>
        {
            var q = http.Query["q"].ToString();
            return Results.Json(engine.Suggest(q).Select(s => new { text = s.Text, url = s.Url, type = s.Type }));
        }).RequireRateLimiting(RateLimitingSetup.SearchPolicy);
        return app;
    }
}

/// <summary>Query string → <see cref="SearchRequest"/>, tolerant of anything (bad numbers are ignored, not errors).</summary>
public static class SearchRequestBinder
{
    public static SearchRequest Bind(IQueryCollection query)
    {
        static string? Value(IQueryCollection q, string name)
        {
            var v = q[name].ToString();
            return string.IsNullOrWhiteSpace(v) ? null : v.Length > 300 && name != "q" ? v[..300] : v;
        }
        var page = int.TryParse(Value(query, "page"), out var p) ? Math.Clamp(p, 1, SearchRequest.MaxPage) : 1;
        return new SearchRequest
        {
            Query = Value(query, "q"),
            Page = page,
            Sort = Value(query, "sort") == "date" ? SearchSort.Date : SearchSort.Relevance,
            Advanced = Value(query, "advanced") is "1" or "true" or "on",
            NoCorrection = Value(query, "exact") is "1" or "true",
            Kind = Value(query, "kind"),
            DocType = Value(query, "doctype"),
            Issuer = Value(query, "issuer"),
            Status = Value(query, "status"),
            Year = Value(query, "year"),
        };
    }
}

/// <summary>The JSON shape of <c>GET /api/search</c>.</summary>
public sealed record SearchApiResponse(
    string Query, string? CorrectedFrom, string? DidYouMean, int Total, int Page, int PageCount, string IndexState, bool Partial, string? SyntaxNotice,
    IReadOnlyList<SearchApiHit> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, double ElapsedMs)
{
    public static SearchApiResponse From(SearchResults r) => new(
        r.Query, r.CorrectedFrom, r.DidYouMean, r.Total, r.Page, r.PageCount, r.IndexState == Portal.Core.Search.Querying.IndexState.Rebuilding ? "rebuilding" : "ready",
        r.Partial, r.SyntaxNotice,
        r.Hits.Select(h => new SearchApiHit(h.Kind, h.Key, h.Title, h.Url, h.TitleHtml, h.SnippetHtml, h.Requisites, h.DocType, h.Issuer, h.Status,
            h.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), h.Score)).ToList(),
        r.Facets, Math.Round(r.ElapsedMs, 2));
}

public sealed record SearchApiHit(string Kind, string Key, string Title, string Url, string? TitleHtml, string? SnippetHtml, string? Requisites,
    string? DocType, string? Issuer, string? Status, string? Date, float Score);

/// <summary>
/// The portal's only index writer at work: at start, rebuilds a missing, outdated or corrupt index
/// from the database (searches go on meanwhile on the old index, flagged as rebuilding); then
/// drains the outbox as soon as this process saves something, and every half second for changes
/// made by other processes. A rebuild asked for from the admin page goes through the outbox too,
/// so it survives a restart.
/// </summary>
public sealed class SearchIndexingService(IServiceScopeFactory scopes, IServiceProvider services, ILogger<SearchIndexingService> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    public string? LastError { get; private set; }

    public async Task RequestRebuildAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        await SearchIndexer.RequestRebuildAsync(db, cancellationToken);
        Wake();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Opening the index and loading the Hunspell dictionary take seconds: do it off the start
        // path, so the portal answers at once and searches wait only for what they need.
        await Task.Yield();
        var indexer = services.GetRequiredService<SearchIndexer>();
        SearchOutboxInterceptor.WorkRecorded += Wake;
        try
        {
            var rebuild = indexer.Index.NeedsRebuild || indexer.Index.DocumentCount == 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                    if (rebuild)
                    {
                        await indexer.RebuildAsync(db, null, stoppingToken);
                        rebuild = false;
                    }
                    await indexer.DrainAsync(db, stoppingToken);
                    LastError = null;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    // The database may be migrating or locked; the outbox keeps the work for the next round.
                    LastError = e.Message;
                    logger.LogWarning(e, "Search indexing round failed; retrying");
                }
                await _wake.WaitAsync(PollInterval, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
        finally
        {
            SearchOutboxInterceptor.WorkRecorded -= Wake;
        }
    }

    private void Wake() => _wake.Release();
}
