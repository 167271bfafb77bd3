using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Portal.Core.Crawling;

/// <summary>A link found on a page, with its anchor text (card pages name the file they link).</summary>
public sealed record PageLink(Uri Url, string Text);

/// <summary>The parts of an HTML page the crawler needs.</summary>
public sealed record HtmlPage
{
    public string Title { get; init; } = "";
    /// <summary>Main text without site chrome; paragraphs separated by blank lines.</summary>
    public string Text { get; init; } = "";
    public IReadOnlyList<PageLink> Links { get; init; } = [];
    public Uri? Canonical { get; init; }
    public bool NoIndex { get; init; }
    public bool NoFollow { get; init; }
    /// <summary>Links to PDF/DOCX/DOC files in the main content.</summary>
    public IReadOnlyList<PageLink> Attachments { get; init; } = [];
    /// <summary>Share of the main text that is link text: high on listing and menu pages.</summary>
    public double LinkDensity { get; init; }
}

/// <summary>
/// Main-text extraction in the spirit of Readability/boilerpipe, tuned to Russian official sites:
/// chrome elements (nav, header, footer, aside, menus, breadcrumbs, counters, share and print
/// links) are dropped, then the content root is <c>main</c>/<c>article</c>/<c>[role=main]</c> or the
/// block that holds most of the non-link text. Paragraphs are kept; entities come decoded.
/// </summary>
public static partial class HtmlExtractor
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    private static readonly HashSet<string> RemovedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "select", "input",
        "textarea", "nav", "header", "footer", "aside", "menu", "object", "embed", "video", "audio", "map",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "table", "tr", "blockquote", "pre", "address", "figure", "figcaption", "center", "body", "tbody", "thead",
    };

    [GeneratedRegex(@"(^|[\s_-])(menu|nav|navbar|navigation|breadcrumbs?|crumbs|sidebar|side-bar|leftcol|rightcol|footer|header|counters?|banners?|share|social|print|print-link|widget|cookie|cookies|ads|advert|pagination|pager|search|login|top-?menu|metrika|liveinternet|skip)($|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex ChromeClass();

    [GeneratedRegex(@"верси[яи] для печати|распечатать|для слабовидящих|печатная версия|^\s*печать\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ChromeLinkText();

    [GeneratedRegex(@"\.(pdf|docx?|rtf|odt)$", RegexOptions.IgnoreCase)]
    private static partial Regex AttachmentPath();

    [GeneratedRegex(@"[ \t\r\f\v\u00A0\u2000-\u200B]+")]
    private static partial Regex Spaces();

    public static HtmlPage Extract(string html, Uri baseUrl)
    {
        using var document = Parser.ParseDocument(html);
        var effectiveBase = baseUrl;
        if (document.QuerySelector("base[href]")?.GetAttribute("href") is { } baseHref && UrlCanonicalizer.Resolve(baseUrl, baseHref) is { } resolvedBase)
        {
            effectiveBase = resolvedBase;
        }
        var robots = string.Join(',', document.QuerySelectorAll("meta[name=robots i]").Select(m => m.GetAttribute("content") ?? "")).ToLowerInvariant();
        Uri? canonical = null;
        if (document.QuerySelector("link[rel=canonical i]")?.GetAttribute("href") is { } canonicalHref)
        {
            canonical = UrlCanonicalizer.Resolve(effectiveBase, canonicalHref);
        }

        // Links are collected from the whole page (menus and pagers lead to documents too).
        var links = new List<PageLink>();
        var seen = new HashSet<string>();
        foreach (var element in document.QuerySelectorAll("a[href], area[href], link[rel=alternate i][href], frame[src], iframe[src]"))
        {
            var href = element.GetAttribute("href") ?? element.GetAttribute("src");
            if (element.GetAttribute("rel") is { } rel && rel.Contains("nofollow", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (UrlCanonicalizer.Resolve(effectiveBase, href) is { } url && seen.Add(url.AbsoluteUri))
            {
                links.Add(new PageLink(url, Normalize(element.TextContent)));
            }
        }

        var title = Normalize(document.Title ?? "");
        var body = document.Body;
        if (body is null)
        {
            return new HtmlPage { Title = title, Links = links, Canonical = canonical, NoIndex = robots.Contains("noindex"), NoFollow = robots.Contains("nofollow") };
        }
        RemoveChrome(body);
        var root = FindContentRoot(body);
        var attachments = root.QuerySelectorAll("a[href]")
            .Select(a => (Url: UrlCanonicalizer.Resolve(effectiveBase, a.GetAttribute("href")), Text: Normalize(a.TextContent), Type: a.GetAttribute("type")))
            .Where(a => a.Url is not null && (AttachmentPath().IsMatch(a.Url.AbsolutePath) || (a.Type ?? "").Contains("pdf") || (a.Type ?? "").Contains("word")))
            .Select(a => new PageLink(a.Url!, a.Text))
            .DistinctBy(a => a.Url.AbsoluteUri)
            .ToList();
        var heading = root.QuerySelector("h1") ?? body.QuerySelector("h1");
        if (heading is not null && Normalize(heading.TextContent) is { Length: > 0 } h1)
        {
            title = h1;
        }
        var text = ToText(root);
        var linkChars = root.QuerySelectorAll("a").Sum(a => Normalize(a.TextContent).Length);
        return new HtmlPage
        {
            Title = title,
            Text = text,
            Links = links,
            Canonical = canonical,
            NoIndex = robots.Contains("noindex"),
            NoFollow = robots.Contains("nofollow"),
            Attachments = attachments,
            LinkDensity = text.Length == 0 ? 1 : Math.Min(1, (double)linkChars / text.Length),
        };
    }

    private static void RemoveChrome(IElement body)
    {
        var doomed = new List<IElement>();
        foreach (var element in body.Descendants<IElement>())
        {
            var role = element.GetAttribute("role");
            if (RemovedTags.Contains(element.LocalName) ||
                role is "navigation" or "banner" or "contentinfo" or "complementary" or "search" ||
                element.HasAttribute("hidden") ||
                (element.LocalName is not "main" and not "article" and not "body" &&
                 (ChromeClass().IsMatch(element.ClassName ?? "") || ChromeClass().IsMatch(element.Id ?? ""))) ||
                (element.LocalName == "a" && ChromeLinkText().IsMatch(element.TextContent)))
            {
                doomed.Add(element);
            }
        }
        foreach (var element in doomed)
        {
            element.Remove();
        }
    }

    private static IElement FindContentRoot(IElement body)
    {
        var explicitRoot = body.QuerySelector("main, [role=main], article, #content, .content, #main, .main-content, .document, .doc-text");
        if (explicitRoot is not null && TextWithoutLinks(explicitRoot) >= TextWithoutLinks(body) * 0.3)
        {
            return explicitRoot;
        }
        // Descend while one child holds most of the non-link text.
        var current = body;
        while (true)
        {
            var total = TextWithoutLinks(current);
            var best = current.Children.Select(c => (Element: c, Text: TextWithoutLinks(c))).MaxBy(c => c.Text);
            if (best.Element is null || total == 0 || best.Text < total * 0.7 || best.Element.LocalName is "p" or "h1" or "h2" or "table" or "ul" or "ol")
            {
                return current;
            }
            current = best.Element;
        }
    }

    private static int TextWithoutLinks(IElement element)
    {
        var all = element.TextContent.Length;
        var links = element.QuerySelectorAll("a").Sum(a => a.TextContent.Length);
        return all - links;
    }

    /// <summary>Text of an element: block elements become paragraphs, whitespace collapsed, <c>pre</c> kept.</summary>
    public static string ToText(INode root)
    {
        var paragraphs = new List<string>();
        var line = new StringBuilder();
        Walk(root, line, paragraphs);
        Flush(line, paragraphs);
        return string.Join("\n\n", paragraphs);
    }

    private static void Walk(INode node, StringBuilder line, List<string> paragraphs)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    line.Append(text.Data.Replace('\n', ' ').Replace('\r', ' '));
                    break;
                case IHtmlBreakRowElement:
                    line.Append('\n');
                    break;
                case IElement element when element.LocalName == "pre":
                    Flush(line, paragraphs);
                    paragraphs.Add(element.TextContent.Trim('\n'));
                    break;
                case IElement element when element.LocalName is "td" or "th":
                    line.Append(' ');
                    Walk(element, line, paragraphs);
                    line.Append(' ');
                    break;
                case IElement element when BlockTags.Contains(element.LocalName):
                    Flush(line, paragraphs);
                    Walk(element, line, paragraphs);
                    Flush(line, paragraphs);
                    break;
                case IElement element:
                    Walk(element, line, paragraphs);
                    break;
            }
        }
    }

    private static void Flush(StringBuilder line, List<string> paragraphs)
    {
        if (line.Length == 0)
        {
            return;
        }
        foreach (var part in line.ToString().Split('\n'))
        {
            var text = Normalize(part);
            if (text.Length > 0)
            {
                paragraphs.Add(text);
            }
        }
        line.Clear();
    }

    private static string Normalize(string text) => Spaces().Replace(text.Replace('\n', ' '), " ").Trim();
}
