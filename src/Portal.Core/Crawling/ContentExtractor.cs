using System.Text.RegularExpressions;

namespace Portal.Core.Crawling;

/// <summary>What a fetched body turned out to be, and its text when it is a document.</summary>
public sealed record ExtractedContent
{
    public CrawlPageKind Kind { get; init; }
    /// <summary>«html», «pdf», «docx», «xml».</summary>
    public string Format { get; init; } = "";
    public string Text { get; init; } = "";
    public Requisites Requisites { get; init; } = Requisites.Empty;
    public string? PageTitle { get; init; }
    public IReadOnlyList<PageLink> Links { get; init; } = [];
    public Uri? Canonical { get; init; }
    /// <summary>Files a card page links, with the requisites text to carry to them.</summary>
    public IReadOnlyList<(Uri Url, string Hint)> Attachments { get; init; } = [];
    public string? Error { get; init; }
}

/// <summary>Turns a fetched body into links and, for documents, clean text and requisites. Never throws for bad input.</summary>
public static partial class ContentExtractor
{
    /// <summary>A card page: a short description of the act with its file attached.</summary>
    private const int CardMaxChars = 1500;

    [GeneratedRegex(@"\.(jpe?g|png|gif|svg|webp|ico|bmp|css|js|zip|rar|7z|gz|mp3|mp4|avi|mov|exe|msi|xlsx?|pptx?|woff2?|ttf)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotCrawlable();

    public static bool IsCrawlable(Uri url) => !NotCrawlable().IsMatch(url.AbsolutePath);

    public static ExtractedContent Extract(FetchResult fetch, CrawlSettings settings, string? hint)
    {
        try
        {
            return ExtractCore(fetch, settings, hint);
        }
        catch (UnreadableFileException e)
        {
            return new ExtractedContent { Kind = CrawlPageKind.Unknown, Error = e.Message };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ExtractedContent { Kind = CrawlPageKind.Unknown, Error = $"страница не разобрана: {e.GetType().Name}: {e.Message}" };
        }
    }

    private static ExtractedContent ExtractCore(FetchResult fetch, CrawlSettings settings, string? hint)
    {
        var body = fetch.Body;
        var media = fetch.MediaType ?? "";
        var path = fetch.FinalUrl.AbsolutePath.ToLowerInvariant();
        if (FileTextExtractors.IsPdf(body))
        {
            return FileDocument("pdf", FileTextExtractors.Pdf(body), hint);
        }
        if (media.Contains("pdf") || path.EndsWith(".pdf", StringComparison.Ordinal))
        {
            return new ExtractedContent { Kind = CrawlPageKind.Unknown, Format = "pdf", Error = "файл назван PDF, но это не PDF (повреждён или подменён)" };
        }
        if (FileTextExtractors.IsZip(body) && (media.Contains("wordprocessingml") || path.EndsWith(".docx", StringComparison.Ordinal) || media.Contains("octet-stream")))
        {
            return FileDocument("docx", FileTextExtractors.Docx(body, settings.MaxBytes * 10), hint);
        }
        if (path.EndsWith(".doc", StringComparison.Ordinal) || path.EndsWith(".rtf", StringComparison.Ordinal) || media.Contains("msword") || FileTextExtractors.IsZip(body))
        {
            return new ExtractedContent { Kind = CrawlPageKind.Unknown, Error = $"формат не поддерживается ({(media.Length > 0 ? media : path)})" };
        }
        if (media.StartsWith("image/", StringComparison.Ordinal) || media.StartsWith("audio/", StringComparison.Ordinal) || media.StartsWith("video/", StringComparison.Ordinal))
        {
            return new ExtractedContent { Kind = CrawlPageKind.Unknown, Error = $"не текст ({media})" };
        }

        var isHtml = media.Contains("html") || !media.Contains("xml");
        var decoded = TextDecoding.Decode(body, fetch.Charset, lookForMeta: true);
        var feedKind = isHtml && media.Contains("html") ? LinkFeeds.Kind.None : LinkFeeds.Sniff(decoded.Text);
        if (feedKind != LinkFeeds.Kind.None)
        {
            var links = LinkFeeds.Links(decoded.Text, fetch.FinalUrl).Select(u => new PageLink(u, "")).ToList();
            return new ExtractedContent
            {
                Kind = feedKind is LinkFeeds.Kind.Rss or LinkFeeds.Kind.Atom ? CrawlPageKind.Feed : CrawlPageKind.Sitemap,
                Format = "xml",
                Links = links,
            };
        }

        var page = HtmlExtractor.Extract(decoded.Text, fetch.FinalUrl);
        var requisites = RequisitesParser.Parse(page.Title, page.Text);
        var result = new ExtractedContent
        {
            Format = "html",
            PageTitle = page.Title,
            Links = page.NoFollow ? [] : page.Links,
            Canonical = page.Canonical,
            Requisites = requisites,
        };
        var isCard = page.Attachments.Count > 0 && page.Text.Length < CardMaxChars;
        if (isCard)
        {
            var cardHint = page.Title + "\n" + string.Join('\n', page.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(6));
            return result with { Kind = CrawlPageKind.Hub, Attachments = page.Attachments.Select(a => (a.Url, cardHint)).ToList() };
        }
        var isDocument = !page.NoIndex && requisites.IsDocument && page.Text.Length >= settings.MinDocumentChars && page.LinkDensity < 0.5;
        return isDocument
            ? result with { Kind = CrawlPageKind.Document, Text = page.Text }
            : result with { Kind = CrawlPageKind.Hub };
    }

    private static ExtractedContent FileDocument(string format, string text, string? hint)
    {
        var fromText = RequisitesParser.Parse(null, text);
        var requisites = fromText;
        if (hint is not null)
        {
            var lines = hint.Split('\n', 2);
            var fromHint = RequisitesParser.Parse(lines[0], lines.Length > 1 ? lines[1] : null);
            if (fromHint.IsDocument)
            {
                requisites = fromHint with { Title = fromHint.Title ?? fromText.Title };
            }
        }
        return new ExtractedContent { Kind = CrawlPageKind.Document, Format = format, Text = text, Requisites = requisites, PageTitle = hint?.Split('\n')[0] };
    }
}
