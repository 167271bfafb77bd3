using System.Text.RegularExpressions;

namespace Portal.Core.Crawling;

/// <summary>
/// Limits and politeness of one crawl. Every default is what a polite crawler of a small official
/// site should do; the CLI and the admin page override a few.
/// </summary>
public sealed record CrawlSettings
{
    public const string DefaultUserAgent = "PortalRmoCrawler/1.0 (+school library association portal; polite, obeys robots.txt)";

    public required Uri StartUrl { get; init; }
    public IReadOnlyList<string> Include { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    /// <summary>Fetches per run (robots.txt not counted). Default: 500.</summary>
    public int MaxPages { get; init; } = 500;
    /// <summary>Pause between requests to the host. Default: 1000 ms; robots.txt Crawl-delay wins when longer.</summary>
    public int DelayMs { get; init; } = 1000;
    /// <summary>Whole request (headers and body) time limit. Default: 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Largest body read, after decompression (so a zip bomb stops here). Default: 20 MiB.</summary>
    public long MaxBytes { get; init; } = 20L * 1024 * 1024;
    public int MaxRedirects { get; init; } = 5;
    /// <summary>Retries after 5xx/429/network errors. Default: 2.</summary>
    public int MaxRetries { get; init; } = 2;
    /// <summary>First backoff; doubles per retry. Default: 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Longest Retry-After honoured; a server asking for more is retried on the next run. Default: 60 s.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Requests in flight to the host. Default: 2 (1 whenever a delay is set).</summary>
    public int Concurrency { get; init; } = 2;
    /// <summary>Link depth from the start URL. Default: 100 (a paginated listing is as deep as its page count).</summary>
    public int MaxDepth { get; init; } = 100;
    public string UserAgent { get; init; } = DefaultUserAgent;
    /// <summary>Pages with less main text than this and no requisites are hubs, not documents. Default: 300 chars.</summary>
    public int MinDocumentChars { get; init; } = 300;

    internal int EffectiveConcurrency => DelayMs > 0 ? 1 : Math.Max(1, Concurrency);
}

/// <summary>Which URLs a crawl follows: the start host only, then include/exclude patterns.</summary>
public sealed class UrlScope
{
    private readonly string _origin;
    private readonly Regex[] _include;
    private readonly Regex[] _exclude;

    public UrlScope(Uri start, IEnumerable<string> include, IEnumerable<string> exclude)
    {
        _origin = UrlCanonicalizer.Origin(start);
        _include = include.Select(Compile).ToArray();
        _exclude = exclude.Select(Compile).ToArray();
    }

    /// <summary>Checks patterns early so a typo is a clear error before anything runs.</summary>
    public static string? Validate(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(200));

    public bool SameHost(Uri url) => UrlCanonicalizer.Origin(url) == _origin;

    public bool Allows(Uri url)
    {
        if (!SameHost(url))
        {
            return false;
        }
        var text = url.AbsoluteUri;
        try
        {
            if (_exclude.Any(r => r.IsMatch(text)))
            {
                return false;
            }
            return _include.Length == 0 || _include.Any(r => r.IsMatch(text));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}

public static class CrawlSourceSettings
{
    /// <summary>The crawl a configured source asks for; limits not set on the source keep their defaults.</summary>
    public static CrawlSettings ToSettings(this CrawlSource source) => new()
    {
        StartUrl = new Uri(source.StartUrl),
        Include = source.IncludeList,
        Exclude = source.ExcludeList,
        DelayMs = source.DelayMs,
        MaxPages = source.MaxPages,
    };
}
