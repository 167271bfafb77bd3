using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Infrastructure;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Search;

/// <summary>A portal that lets one client run one search at a time, none waiting.</summary>
public sealed class OneSearchAtATimeFactory : PortalAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
    [
        new("Portal:RateLimiting:SearchConcurrencyPerClient", "1"),
        new("Portal:RateLimiting:SearchQueuePerClient", "0"),
    ];
}

public sealed class RateLimitTests(OneSearchAtATimeFactory factory) : IClassFixture<OneSearchAtATimeFactory>
{
    [Theory]
    [InlineData("/api/search")]
    [InlineData("/api/search/suggest")]
    [InlineData("/search")]
    public void Every_search_route_is_under_the_search_limit(string route)
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var matching = endpoints.Where(e => string.Equals("/" + e.RoutePattern.RawText?.TrimStart('/'), route, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(matching);
        Assert.All(matching, e => Assert.Equal(RateLimitingSetup.SearchPolicy, e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName));
    }

    [Theory]
    [InlineData("/api/search?q=списание+учебников", "application/json", "Слишком много одновременных запросов")]
    [InlineData("/search?q=списание+учебников", "text/html", "Слишком много запросов")]
    public async Task Searches_beyond_the_clients_limit_get_429_with_a_russian_message_instead_of_queueing(string url, string mediaType, string message)
    {
        using var client = factory.CreateAnonymousClient();
        await client.GetAsync(url); // warm: the first search waits for the index and the dictionary

        // A hundred at once from one client on the thread pool, one allowed at a time: they cannot all have
        // come after each other's end (the test server runs a request on the caller's thread until it waits).
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => client.GetAsync(url))));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        var first = refused[0];
        Assert.Equal(mediaType, first.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await first.Content.ReadAsStringAsync());
        Assert.True(first.Headers.RetryAfter is not null);
    }
}
