using System.Xml;

namespace Portal.Core.Crawling;

/// <summary>URLs from sitemaps (urlset and sitemap index) and RSS/Atom feeds.</summary>
public static class LinkFeeds
{
    public enum Kind
    {
        None,
        Sitemap,
        SitemapIndex,
        Rss,
        Atom,
    }

    /// <summary>What an XML body is, from its root element (content types on old sites are unreliable).</summary>
    public static Kind Sniff(string text)
    {
        var head = text.Length > 2048 ? text[..2048] : text;
        if (head.Contains("<urlset", StringComparison.OrdinalIgnoreCase))
        {
            return Kind.Sitemap;
        }
        if (head.Contains("<sitemapindex", StringComparison.OrdinalIgnoreCase))
        {
            return Kind.SitemapIndex;
        }
        if (head.Contains("<rss", StringComparison.OrdinalIgnoreCase) || head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase))
        {
            return Kind.Rss;
        }
        return head.Contains("<feed", StringComparison.OrdinalIgnoreCase) ? Kind.Atom : Kind.None;
    }

    /// <summary>Links of a sitemap, sitemap index or feed; malformed XML gives what was read before the error.</summary>
    public static IReadOnlyList<Uri> Links(string xml, Uri baseUrl)
    {
        var result = new List<Uri>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                string? href = null;
                if (reader.LocalName == "loc")
                {
                    href = reader.ReadElementContentAsString();
                }
                else if (reader.LocalName == "link")
                {
                    href = reader.GetAttribute("href") ?? (reader.IsEmptyElement ? null : reader.ReadElementContentAsString());
                }
                if (UrlCanonicalizer.Resolve(baseUrl, href?.Trim()) is { } url)
                {
                    result.Add(url);
                }
            }
        }
        catch (XmlException)
        {
            // Keep what was read: a broken feed still yields its first items.
        }
        return result.DistinctBy(u => u.AbsoluteUri).ToList();
    }
}
