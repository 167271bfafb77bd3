using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Settings under <c>Portal:RateLimiting</c>. A client (a signed-in user, else an address) runs at
/// most <see cref="SearchConcurrencyPerClient"/> searches at once and waits in a short queue for
/// more; beyond that it gets 429 at once instead of piling up work the server cannot finish.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "Portal:RateLimiting";

    /// <summary>False switches every limit off (benchmarks from one address). Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Searches (<c>/search</c>, <c>/api/search</c>, <c>/api/search/suggest</c>) one client runs at once. Default: 4.</summary>
    [Range(1, 1000)]
    public int SearchConcurrencyPerClient { get; set; } = 4;

    /// <summary>Searches of one client that wait for a free place before 429. Default: 8.</summary>
    [Range(0, 10_000)]
    public int SearchQueuePerClient { get; set; } = 8;
}

public static class RateLimitingSetup
{
    /// <summary>The policy of every search route.</summary>
    public const string SearchPolicy = "search";

    public static IServiceCollection AddPortalRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, cancellationToken) => RejectAsync(context.HttpContext, cancellationToken);
            limiter.AddPolicy(SearchPolicy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                if (!options.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }
                return RateLimitPartition.GetConcurrencyLimiter(ClientKey(http), _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = options.SearchConcurrencyPerClient,
                    QueueLimit = options.SearchQueuePerClient,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            });
        });
        return services;
    }

    /// <summary>The signed-in user, or the address the request came from.</summary>
    private static string ClientKey(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { } name } ? "user:" + name : "ip:" + http.Connection.RemoteIpAddress;

    /// <summary>
    /// The API gets a JSON body; a page gets nothing here, so that the status-code pages render the
    /// Russian error page for 429.
    /// </summary>
    private static async ValueTask RejectAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.Headers.RetryAfter = "1";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await http.Response.WriteAsJsonAsync(new { error = TooManyRequestsMessage }, cancellationToken);
        }
    }

    public const string TooManyRequestsMessage = "Слишком много одновременных запросов. Подождите несколько секунд и повторите поиск.";
}
