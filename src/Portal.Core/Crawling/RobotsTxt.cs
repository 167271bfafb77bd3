namespace Portal.Core.Crawling;

/// <summary>
/// robots.txt as Google and the RFC 9309 read it: the group for our agent (else <c>*</c>), the
/// longest matching Allow/Disallow wins, <c>*</c> and <c>$</c> wildcards, Crawl-delay, Sitemap lines.
/// A missing file (4xx) allows everything; a 5xx or unreachable file disallows everything for the run.
/// </summary>
public sealed class RobotsTxt
{
    private readonly List<(string Pattern, bool Allow)> _rules;

    private RobotsTxt(List<(string, bool)> rules, TimeSpan? crawlDelay, IReadOnlyList<string> sitemaps)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
        Sitemaps = sitemaps;
    }

    public static RobotsTxt AllowAll { get; } = new([], null, []);
    public static RobotsTxt DisallowAll { get; } = new([("/", false)], null, []);

    public TimeSpan? CrawlDelay { get; }
    public IReadOnlyList<string> Sitemaps { get; }

    public static RobotsTxt Parse(string text, string userAgent)
    {
        var token = userAgent.Split('/', ' ')[0].ToLowerInvariant();
        var groups = new List<(List<string> Agents, List<(string, bool)> Rules, TimeSpan? Delay)>();
        var sitemaps = new List<string>();
        (List<string> Agents, List<(string, bool)> Rules, TimeSpan? Delay)? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (current is null || !lastWasAgent)
                    {
                        current = ([], [], null);
                        groups.Add(current.Value);
                    }
                    current.Value.Agents.Add(value.ToLowerInvariant());
                    lastWasAgent = true;
                    continue;
                case "allow" or "disallow" when current is not null:
                    if (value.Length > 0)
                    {
                        current.Value.Rules.Add((value, key == "allow"));
                    }
                    break;
                case "crawl-delay" when current is not null:
                    if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                    {
                        var index = groups.FindIndex(g => ReferenceEquals(g.Rules, current.Value.Rules));
                        current = (current.Value.Agents, current.Value.Rules, TimeSpan.FromSeconds(Math.Min(seconds, 60)));
                        groups[index] = current.Value;
                    }
                    break;
                case "sitemap":
                    sitemaps.Add(value);
                    break;
            }
            lastWasAgent = false;
        }
        var chosen = groups.FirstOrDefault(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal)));
        if (chosen.Agents is null)
        {
            chosen = groups.FirstOrDefault(g => g.Agents.Contains("*"));
        }
        return chosen.Agents is null ? new RobotsTxt([], null, sitemaps) : new RobotsTxt(chosen.Rules, chosen.Delay, sitemaps);
    }

    public bool IsAllowed(Uri url)
    {
        var path = url.PathAndQuery;
        var best = -1;
        var allowed = true;
        foreach (var (pattern, allow) in _rules)
        {
            if (pattern.Length >= best && Matches(pattern, path) && (pattern.Length > best || allow))
            {
                best = pattern.Length;
                allowed = allow;
            }
        }
        return allowed;
    }

    private static bool Matches(string pattern, string path)
    {
        var text = Uri.UnescapeDataString(path);
        var anchored = pattern.EndsWith('$');
        var parts = Uri.UnescapeDataString(anchored ? pattern[..^1] : pattern).Split('*');
        if (!text.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }
        var position = parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            var found = text.IndexOf(parts[i], position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }
            position = found + parts[i].Length;
        }
        return !anchored || position == text.Length || (parts.Length > 1 && text.EndsWith(parts[^1], StringComparison.Ordinal));
    }
}
