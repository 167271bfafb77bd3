using System.Net;
using System.Net.Http.Headers;

namespace Portal.Core.Crawling;

public enum FetchOutcome
{
    Ok,
    NotModified,
    HttpError,
    TooLarge,
    Timeout,
    RedirectLoop,
    TooManyRedirects,
    NetworkError,
    Disallowed,
    OffSite,
}

/// <summary>What one fetch (with its redirects and retries) produced.</summary>
public sealed record FetchResult
{
    public required Uri RequestedUrl { get; init; }
    public required Uri FinalUrl { get; init; }
    public required FetchOutcome Outcome { get; init; }
    public int? Status { get; init; }
    public byte[] Body { get; init; } = [];
    public string? MediaType { get; init; }
    public string? Charset { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public IReadOnlyList<Uri> Redirects { get; init; } = [];
    public string? Error { get; init; }
    /// <summary>Location of a 3xx answer, resolved by <see cref="HttpFetcher"/> against the hop URL.</summary>
    internal string? Location { get; init; }
    public int Attempts { get; init; } = 1;

    public bool Succeeded => Outcome is FetchOutcome.Ok or FetchOutcome.NotModified;
}

/// <summary>
/// HTTP for the crawler: manual redirects (at most N, loops detected, robots checked on every hop),
/// conditional GET, retries with exponential backoff on 5xx/429 honouring Retry-After, a time limit
/// on the whole request and a size limit on the decompressed body, per-host politeness.
/// </summary>
public sealed class HttpFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly CrawlSettings _settings;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _gate = new();
    private DateTime _nextRequestAt = DateTime.MinValue;
    private long _requests;

    public HttpFetcher(CrawlSettings settings, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _slots = new SemaphoreSlim(settings.EffectiveConcurrency);
        handler ??= new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // Decompressed by the handler; the body limit below counts decompressed bytes, so a
            // gzip bomb is cut off at MaxBytes like any oversized page.
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = settings.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(2, settings.EffectiveConcurrency),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,*/*;q=0.5");
        _client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru,en;q=0.5");
    }

    /// <summary>Robots rules for the run; every hop is checked against them.</summary>
    public RobotsTxt Robots { get; set; } = RobotsTxt.AllowAll;

    /// <summary>Requests actually sent (robots.txt included), for the summary and the robots test.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    private TimeSpan Delay
    {
        get
        {
            // The site's own Crawl-delay is honoured even with politeness turned off here.
            var configured = TimeSpan.FromMilliseconds(_settings.DelayMs);
            return Robots.CrawlDelay is { } robots && robots > configured ? robots : configured;
        }
    }

    public async Task<FetchResult> FetchAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken, bool checkRobots = true)
    {
        var chain = new List<Uri>();
        var visited = new HashSet<string> { url.AbsoluteUri };
        var current = url;
        for (var hop = 0; ; hop++)
        {
            if (checkRobots && !Robots.IsAllowed(current))
            {
                return Fail(url, current, FetchOutcome.Disallowed, "запрещено robots.txt", chain);
            }
            var result = await FetchWithRetriesAsync(url, current, hop == 0 ? etag : null, hop == 0 ? lastModified : null, chain, cancellationToken);
            if (result.Status is not (301 or 302 or 303 or 307 or 308))
            {
                return result;
            }
            var next = UrlCanonicalizer.Resolve(current, result.Location);
            if (next is null)
            {
                return result with { Error = "перенаправление без адреса" };
            }
            chain.Add(current);
            if (!visited.Add(next.AbsoluteUri))
            {
                return Fail(url, next, FetchOutcome.RedirectLoop, $"цикл перенаправлений через {next}", chain);
            }
            if (hop + 1 > _settings.MaxRedirects)
            {
                return Fail(url, next, FetchOutcome.TooManyRedirects, $"больше {_settings.MaxRedirects} перенаправлений", chain);
            }
            if (UrlCanonicalizer.Origin(next) != UrlCanonicalizer.Origin(url))
            {
                return Fail(url, next, FetchOutcome.OffSite, $"перенаправление на другой сайт: {next}", chain);
            }
            current = next;
        }
    }

    private static FetchResult Fail(Uri requested, Uri final, FetchOutcome outcome, string error, List<Uri> chain) =>
        new() { RequestedUrl = requested, FinalUrl = final, Outcome = outcome, Error = error, Redirects = [.. chain] };

    private async Task<FetchResult> FetchWithRetriesAsync(Uri requested, Uri url, string? etag, string? lastModified, List<Uri> chain, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (result, retryAfter) = await FetchOnceAsync(requested, url, etag, lastModified, chain, cancellationToken);
            result = result with { Attempts = attempt };
            var retriable = result.Outcome == FetchOutcome.NetworkError || result.Status is 429 or >= 500;
            if (!retriable || attempt > _settings.MaxRetries)
            {
                return result;
            }
            var backoff = retryAfter ?? TimeSpan.FromTicks(_settings.RetryBaseDelay.Ticks * (1L << (attempt - 1)));
            if (backoff > _settings.MaxRetryAfter)
            {
                return result with { Error = $"{result.Error}; сервер просит подождать {backoff.TotalSeconds:0} с — повтор в следующем обходе" };
            }
            await Task.Delay(backoff, cancellationToken);
        }
    }

    private async Task<(FetchResult Result, TimeSpan? RetryAfter)> FetchOnceAsync(Uri requested, Uri url, string? etag, string? lastModified, List<Uri> chain, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await WaitForTurnAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_settings.Timeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }
            if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }
            Interlocked.Increment(ref _requests);
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                var baseResult = new FetchResult
                {
                    RequestedUrl = requested,
                    FinalUrl = url,
                    Outcome = FetchOutcome.Ok,
                    Status = status,
                    Redirects = [.. chain],
                    MediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant(),
                    Charset = response.Content.Headers.ContentType?.CharSet?.Trim('"', '\''),
                    ETag = response.Headers.ETag?.ToString(),
                    LastModified = response.Content.Headers.LastModified?.ToString("R"),
                };
                if (status == 304)
                {
                    return (baseResult with { Outcome = FetchOutcome.NotModified, ETag = baseResult.ETag ?? etag, LastModified = baseResult.LastModified ?? lastModified }, null);
                }
                if (status is >= 300 and < 400)
                {
                    return (baseResult with { Outcome = FetchOutcome.HttpError, Error = $"HTTP {status}", Location = response.Headers.Location?.OriginalString }, null);
                }
                if (status >= 400)
                {
                    return (baseResult with { Outcome = FetchOutcome.HttpError, Error = $"HTTP {status}" }, RetryAfter(response));
                }
                if (response.Content.Headers.ContentLength > _settings.MaxBytes)
                {
                    return (baseResult with { Outcome = FetchOutcome.TooLarge, Error = $"ответ больше {_settings.MaxBytes} байт ({response.Content.Headers.ContentLength})" }, null);
                }
                var body = await ReadLimitedAsync(response, timeout.Token);
                return body is null
                    ? (baseResult with { Outcome = FetchOutcome.TooLarge, Error = $"ответ больше {_settings.MaxBytes} байт; чтение прекращено" }, null)
                    : (baseResult with { Body = body }, null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (Fail(requested, url, FetchOutcome.Timeout, $"нет ответа за {_settings.Timeout.TotalSeconds:0.#} с", chain), null);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Security.Authentication.AuthenticationException)
            {
                return (Fail(requested, url, FetchOutcome.NetworkError, e.Message, chain), null);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private async Task<byte[]?> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _settings.MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private async Task WaitForTurnAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            var at = _nextRequestAt > now ? _nextRequestAt : now;
            _nextRequestAt = at + Delay;
            wait = at - now;
        }
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _slots.Dispose();
    }
}
