namespace Portal.Core.Crawling;

/// <summary>
/// One spelling per URL, so the frontier and the stored state never hold the same page twice:
/// lower-case scheme and host, no default port, no fragment, no session or tracking parameters,
/// query parameters sorted.
/// </summary>
public static class UrlCanonicalizer
{
    private static readonly HashSet<string> DroppedParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "phpsessid", "sid", "sessionid",
        "jsessionid", "fbclid", "gclid", "yclid", "_openstat",
    };

    public static string Origin(Uri url) =>
        url.IsDefaultPort ? $"{url.Scheme}://{url.Host}".ToLowerInvariant() : $"{url.Scheme}://{url.Host}:{url.Port}".ToLowerInvariant();

    public static Uri? Resolve(Uri baseUrl, string? href)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }
        href = href.Trim();
        if (href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) ||
            href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (!Uri.TryCreate(baseUrl, href, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }
        return Canonicalize(url);
    }

    public static Uri Canonicalize(Uri url)
    {
        var builder = new UriBuilder(url) { Fragment = "", Scheme = url.Scheme.ToLowerInvariant(), Host = url.Host.ToLowerInvariant() };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }
        var query = url.Query.TrimStart('?');
        if (query.Length > 0)
        {
            var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(p => !DroppedParameters.Contains(p.Split('=')[0]))
                .Order(StringComparer.Ordinal)
                .ToArray();
            builder.Query = string.Join('&', kept);
        }
        if (string.IsNullOrEmpty(builder.Path))
        {
            builder.Path = "/";
        }
        return builder.Uri;
    }

    public static string Key(Uri url) => Canonicalize(url).AbsoluteUri;
}
