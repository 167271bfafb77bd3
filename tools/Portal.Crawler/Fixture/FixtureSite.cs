using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Crawling;

namespace Portal.Crawler.Fixture;

/// <summary>How a fixture document is published.</summary>
public enum FixtureFormat
{
    HtmlUtf8,
    /// <summary>windows-1251 declared only in a &lt;meta charset&gt;, no charset in the HTTP header.</summary>
    HtmlWindows1251,
    /// <summary>KOI8-R declared in &lt;meta http-equiv&gt;.</summary>
    HtmlKoi8R,
    Pdf,
    Docx,
}

/// <summary>A document the site publishes: where a crawler should store it, and its true text.</summary>
public sealed class FixtureDocument
{
    public required FixtureAct Act { get; init; }
    public required FixtureFormat Format { get; init; }
    public required string Url { get; init; }
    /// <summary>How it is reached: «listing», «sitemap», «rss», «redirect».</summary>
    public required string ReachedBy { get; init; }
    public required string Body { get; set; }
    /// <summary>The text a perfect extractor returns: heading and body for HTML, the body for files.</summary>
    public string TrueText => Format is FixtureFormat.Pdf or FixtureFormat.Docx ? Body : Act.Title + "\n\n" + Body;
    public int Index { get; init; }
}

/// <summary>One HTTP answer of the fixture site.</summary>
public sealed record FixtureResource(int Status, string ContentType, byte[] Body)
{
    public string? Location { get; init; }
    public TimeSpan Delay { get; init; }
    /// <summary>Sent without Content-Length, so only a streaming limit stops it.</summary>
    public bool Chunked { get; init; }
    public string? ContentEncoding { get; init; }
    /// <summary>Failures before the resource answers normally (retry test).</summary>
    public int FailuresFirst { get; init; }
    public string ETag { get; } = "\"" + Convert.ToHexStringLower(SHA256.HashData(Body))[..16] + "\"";
}

public sealed record FixtureRequest(string PathAndQuery, int Status, bool Conditional);

/// <summary>
/// A ministry-like site on 127.0.0.1 (Kestrel) built from real acts of the shared corpus: listing
/// pages with pagination, a sitemap index, an RSS feed, HTML pages in UTF-8, windows-1251 (meta
/// only) and KOI8-R wrapped in menus, breadcrumbs, side bars and footers, PDF and DOCX files behind
/// card pages, print-version duplicates, a robots.txt that disallows a folder, and the hostile
/// pages: 404, 500, a redirect chain and a loop, a slow page, an oversized page, a gzip bomb, a
/// DOCX zip bomb, a corrupt PDF, a flaky 503. ETag/If-None-Match and Last-Modified are honoured.
/// </summary>
public sealed class FixtureSite : IAsyncDisposable
{
    public const int PageSize = 6;
    private static readonly DateTimeOffset Published = new(2024, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<string, FixtureResource> _resources = new();
    private readonly ConcurrentDictionary<string, int> _failuresServed = new();
    private readonly ConcurrentQueue<FixtureRequest> _requests = new();
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");
    public List<FixtureDocument> Documents { get; } = [];
    public IReadOnlyCollection<FixtureRequest> Requests => _requests;
    public TimeSpan SlowPageDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>URLs that must end as failures in the run record (hostile and broken pages).</summary>
    public static readonly string[] FailingPaths =
    [
        "/missing.html", "/broken.html", "/loop/a", "/slow.html", "/huge.html", "/bomb.html", "/files/corrupt.pdf", "/files/bomb.docx",
    ];

    public static async Task<FixtureSite> StartAsync(IReadOnlyList<FixtureAct> acts)
    {
        var site = new FixtureSite();
        await site.StartServerAsync();
        site.BuildStandard(acts);
        return site;
    }

    /// <summary>A large site for throughput and memory: <paramref name="pages"/> HTML documents behind paginated listings.</summary>
    public static async Task<FixtureSite> StartScaleAsync(IReadOnlyList<FixtureAct> acts, int pages)
    {
        var site = new FixtureSite();
        await site.StartServerAsync();
        site.BuildScale(acts, pages);
        return site;
    }

    public void ClearRequestLog() => _requests.Clear();

    private async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1") + "/");
    }

    private async Task HandleAsync(HttpContext context)
    {
        var key = context.Request.Path.Value + context.Request.QueryString.Value;
        if (!_resources.TryGetValue(key, out var resource))
        {
            resource = new FixtureResource(404, "text/html; charset=utf-8", Encoding.UTF8.GetBytes("<html><body><h1>Страница не найдена</h1></body></html>"));
        }
        if (resource.FailuresFirst > 0 && _failuresServed.AddOrUpdate(key, 1, (_, n) => n + 1) <= resource.FailuresFirst)
        {
            _requests.Enqueue(new FixtureRequest(key, 503, false));
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "0";
            return;
        }
        var conditional = context.Request.Headers.IfNoneMatch.Count > 0 || context.Request.Headers.IfModifiedSince.Count > 0;
        if (resource.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(resource.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                _requests.Enqueue(new FixtureRequest(key, 0, conditional));
                return;
            }
        }
        if (resource.Status == 200 && context.Request.Headers.IfNoneMatch.ToString() == resource.ETag)
        {
            _requests.Enqueue(new FixtureRequest(key, 304, conditional));
            context.Response.StatusCode = 304;
            context.Response.Headers.ETag = resource.ETag;
            return;
        }
        _requests.Enqueue(new FixtureRequest(key, resource.Status, conditional));
        context.Response.StatusCode = resource.Status;
        if (resource.Location is not null)
        {
            context.Response.Headers.Location = resource.Location;
            return;
        }
        context.Response.ContentType = resource.ContentType;
        if (resource.Status == 200)
        {
            context.Response.Headers.ETag = resource.ETag;
            context.Response.Headers.LastModified = Published.ToString("R");
        }
        if (resource.ContentEncoding is not null)
        {
            context.Response.Headers.ContentEncoding = resource.ContentEncoding;
        }
        try
        {
            if (resource.Chunked)
            {
                for (var offset = 0; offset < resource.Body.Length; offset += 64 * 1024)
                {
                    await context.Response.Body.WriteAsync(resource.Body.AsMemory(offset, Math.Min(64 * 1024, resource.Body.Length - offset)), context.RequestAborted);
                }
            }
            else
            {
                context.Response.ContentLength = resource.Body.Length;
                await context.Response.Body.WriteAsync(resource.Body, context.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The crawler hung up (size limit): that is the point of the page.
        }
    }

    private void Put(string path, FixtureResource resource) => _resources[path] = resource;

    private void PutHtml(string path, string html, Encoding encoding, bool charsetInHeader) =>
        Put(path, new FixtureResource(200, charsetInHeader ? $"text/html; charset={encoding.WebName}" : "text/html", Encode(html, encoding)));

    /// <summary>Bytes in the page's encoding; characters the code page lacks (« » — № in KOI8-R) become numeric entities, as site engines do.</summary>
    private static byte[] Encode(string html, Encoding encoding)
    {
        if (encoding is UTF8Encoding)
        {
            return encoding.GetBytes(html);
        }
        var text = new StringBuilder(html.Length);
        foreach (var c in html)
        {
            if (c < 0x80 || encoding.GetString(encoding.GetBytes(c.ToString())) == c.ToString())
            {
                text.Append(c);
            }
            else
            {
                text.Append("&#").Append((int)c).Append(';');
            }
        }
        return encoding.GetBytes(text.ToString());
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text).Replace("&#171;", "&laquo;").Replace("&#187;", "&raquo;").Replace("«", "&laquo;").Replace("»", "&raquo;");

    private static string Paragraphs(string body) => string.Concat(body.Split("\n\n").Select(p => $"<p>{Escape(p)}</p>\n"));

    private static string Chrome(string title, string main, string? metaCharset, string? extraHead = null) => $$"""
        <!DOCTYPE html>
        <html lang="ru"><head>{{metaCharset}}
        <title>{{Escape(title)}} | Министерство образования области</title>{{extraHead}}
        <link rel="alternate" type="application/rss+xml" title="Новости" href="/news/rss.xml">
        </head><body>
        <header class="site-header"><a href="/" class="logo">Министерство образования области</a>
        <nav class="top-menu"><ul><li><a href="/">Главная</a></li><li><a href="/list?page=1">Нормативные документы</a></li>
        <li><a href="/private/secret.html">Служебный раздел</a></li><li><a href="/news/rss.xml">RSS</a></li></ul></nav>
        <form class="search"><input name="q" placeholder="Поиск по сайту"><button>Найти</button></form></header>
        <div class="breadcrumbs"><a href="/">Главная</a> &raquo; <a href="/list?page=1">Документы</a> &raquo; <span>{{Escape(title.Length > 40 ? title[..40] + "…" : title)}}</span></div>
        <div class="layout">
        <div class="sidebar"><h3>Разделы сайта</h3><ul><li><a href="/list?page=1">Приказы и постановления</a></li><li><a href="/list?page=2">Письма</a></li><li><a href="/">О министерстве</a></li></ul>
        <div class="banner"><a href="/">Горячая линия по вопросам образования: 8-800-000-00-00</a></div></div>
        <div class="main-col">
        {{main}}
        </div></div>
        <footer><div class="counter"><img src="/counter.gif" alt="">Яндекс.Метрика · посетителей сегодня: 1 234</div>
        <p>&copy; 2024 Министерство образования области. Все права защищены. При цитировании ссылка обязательна.</p></footer>
        </body></html>
        """;

    private static (Encoding Encoding, string Meta, bool Header) EncodingOf(FixtureFormat format) => format switch
    {
        FixtureFormat.HtmlWindows1251 => (TextDecoding.Windows1251, "<meta charset=\"windows-1251\">", false),
        FixtureFormat.HtmlKoi8R => (TextDecoding.Koi8R, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">", false),
        _ => (new UTF8Encoding(false), "<meta charset=\"utf-8\">", true),
    };

    private void BuildStandard(IReadOnlyList<FixtureAct> acts)
    {
        if (acts.Count < 30)
        {
            throw new ArgumentException("the fixture needs 30 acts", nameof(acts));
        }
        FixtureFormat[] listed =
        [
            .. Enumerable.Repeat(FixtureFormat.HtmlUtf8, 5), .. Enumerable.Repeat(FixtureFormat.HtmlWindows1251, 5),
            .. Enumerable.Repeat(FixtureFormat.HtmlKoi8R, 5), .. Enumerable.Repeat(FixtureFormat.Pdf, 6), .. Enumerable.Repeat(FixtureFormat.Docx, 6),
        ];
        for (var i = 0; i < listed.Length; i++)
        {
            AddDocument(acts[i], listed[i], i, "listing");
        }
        AddDocument(acts[27], FixtureFormat.HtmlUtf8, 27, "sitemap");
        AddDocument(acts[28], FixtureFormat.HtmlWindows1251, 28, "rss");
        AddDocument(acts[29], FixtureFormat.HtmlUtf8, 29, "redirect");

        var utf8 = new UTF8Encoding(false);
        var listedDocs = Documents.Where(d => d.ReachedBy == "listing").ToList();
        var pages = (listedDocs.Count + PageSize - 1) / PageSize;
        for (var p = 1; p <= pages; p++)
        {
            var items = string.Concat(listedDocs.Skip((p - 1) * PageSize).Take(PageSize).Select(d =>
                $"<li><a href=\"{ListingHref(d)}\">{Escape(d.Act.Title)}</a> <span class=\"date\">01.02.2024</span></li>\n"));
            var pager = string.Join(" ", Enumerable.Range(1, pages).Select(n => n == p ? $"<span>{n}</span>" : $"<a href=\"/list?page={n}\">{n}</a>"));
            if (p < pages)
            {
                pager += $" <a href=\"/list?page={p + 1}\">Следующая &raquo;</a>";
            }
            PutHtml($"/list?page={p}", Chrome("Нормативные документы", $"<h1>Нормативные документы</h1><ul class=\"doc-list\">{items}</ul><div class=\"pagination\">{pager}</div>", "<meta charset=\"utf-8\">"), utf8, true);
        }

        var home = """
            <h1>Министерство образования области</h1>
            <p>Официальный сайт. Новые нормативные документы для образовательных организаций публикуются в разделе <a href="/list?page=1">Нормативные документы</a>.</p>
            <ul>
            <li><a href="/missing.html">Архив 2010 года</a></li><li><a href="/broken.html">Статистика</a></li><li><a href="/old/doc">Старый адрес документа</a></li>
            <li><a href="/loop/a">Кольцевая ссылка</a></li><li><a href="/slow.html">Медленная страница</a></li><li><a href="/huge.html">Огромная страница</a></li>
            <li><a href="/bomb.html">Сжатая страница</a></li><li><a href="/cards/corrupt.html">Документ в повреждённом PDF</a></li>
            <li><a href="/cards/bomb.html">Документ-бомба</a></li><li><a href="/flaky.html">Иногда недоступно</a></li>
            </ul>
            """;
        PutHtml("/", Chrome("Главная", home, "<meta charset=\"utf-8\">"), utf8, true);
        PutHtml("/flaky.html", Chrome("Контакты", "<h1>Контакты</h1><p>Телефон приёмной.</p>", "<meta charset=\"utf-8\">"), utf8, true);
        _resources["/flaky.html"] = _resources["/flaky.html"] with { FailuresFirst = 1 };

        Put("/robots.txt", new FixtureResource(200, "text/plain", Encoding.ASCII.GetBytes(
            $"User-agent: *\nDisallow: /private/\nAllow: /\n\nUser-agent: BadBot\nDisallow: /\n\nSitemap: {BaseUrl}sitemap.xml\n")));
        Put("/sitemap.xml", new FixtureResource(200, "application/xml", Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>{BaseUrl}sitemap-docs.xml</loc></sitemap></sitemapindex>")));
        var sitemapDocs = Documents.Where(d => d.ReachedBy is "listing" or "sitemap" && d.Format is not (FixtureFormat.Pdf or FixtureFormat.Docx));
        Put("/sitemap-docs.xml", new FixtureResource(200, "text/xml", Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" +
            string.Concat(sitemapDocs.Select(d => $"<url><loc>{BaseUrl}{d.Url.TrimStart('/')}</loc><lastmod>2024-02-01</lastmod></url>")) + "</urlset>")));
        var rssDocs = Documents.Where(d => d.ReachedBy == "rss" || d.Index < 2);
        Put("/news/rss.xml", new FixtureResource(200, "application/rss+xml", Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Новости министерства</title><link>" + BaseUrl + "</link>" +
            string.Concat(rssDocs.Select(d => $"<item><title>{Escape(d.Act.Title)}</title><link>{BaseUrl}{d.Url.TrimStart('/')}</link><guid isPermaLink=\"false\">doc-{d.Index}</guid></item>")) +
            "</channel></rss>")));

        Put("/private/secret.html", new FixtureResource(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(
            Chrome(acts[0].Title, "<h1>Приказ Министерства от 01.01.2024 № 999-секр</h1>" + Paragraphs(acts[0].Body), "<meta charset=\"utf-8\">"))));
        Put("/broken.html", new FixtureResource(500, "text/html", Encoding.UTF8.GetBytes("<h1>Internal Server Error</h1>")));
        Put("/old/doc", new FixtureResource(301, "text/html", []) { Location = "/old/doc2" });
        Put("/old/doc2", new FixtureResource(302, "text/html", []) { Location = BaseUrl + "docs/29.html" });
        Put("/loop/a", new FixtureResource(302, "text/html", []) { Location = "/loop/b" });
        Put("/loop/b", new FixtureResource(302, "text/html", []) { Location = "/loop/a" });
        Put("/slow.html", new FixtureResource(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(Chrome("Медленно", "<h1>Медленно</h1>", null))) { Delay = SlowPageDelay });
        Put("/huge.html", new FixtureResource(200, "text/html; charset=utf-8",
            Encoding.UTF8.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<p>Бесконечный текст страницы без конца.</p>", 120_000)) + "</body></html>")) { Chunked = true });
        Put("/bomb.html", new FixtureResource(200, "text/html; charset=utf-8", FixtureFiles.GzipBomb(16 << 20)) { ContentEncoding = "gzip" });
        PutHtml("/cards/corrupt.html", Chrome("Приказ от 10.10.2023 № 700", "<h1>Приказ Министерства от 10.10.2023 № 700 «О повреждённом файле»</h1><p><a href=\"/files/corrupt.pdf\">Скачать (PDF)</a></p>", "<meta charset=\"utf-8\">"), utf8, true);
        Put("/files/corrupt.pdf", new FixtureResource(200, "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ngarbage garbage\n%%EOF")));
        PutHtml("/cards/bomb.html", Chrome("Приказ от 11.10.2023 № 701", "<h1>Приказ Министерства от 11.10.2023 № 701 «О сжатом файле»</h1><p><a href=\"/files/bomb.docx\">Скачать (DOCX)</a></p>", "<meta charset=\"utf-8\">"), utf8, true);
        Put("/files/bomb.docx", new FixtureResource(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FixtureFiles.ZipBomb(32 << 20)));
    }

    private static string ListingHref(FixtureDocument d) => d.Format is FixtureFormat.Pdf or FixtureFormat.Docx ? $"/cards/{d.Index}.html" : d.Url;

    private void AddDocument(FixtureAct act, FixtureFormat format, int index, string reachedBy)
    {
        var url = format switch
        {
            FixtureFormat.Pdf => $"/files/{index}.pdf",
            FixtureFormat.Docx => $"/files/{index}.docx",
            _ => $"/docs/{index}.html",
        };
        var document = new FixtureDocument { Act = act, Format = format, Url = url, ReachedBy = reachedBy, Body = act.Body, Index = index };
        Documents.Add(document);
        Publish(document);
    }

    private void Publish(FixtureDocument d)
    {
        switch (d.Format)
        {
            case FixtureFormat.Pdf or FixtureFormat.Docx:
                var isPdf = d.Format == FixtureFormat.Pdf;
                var card = $"<h1>{Escape(d.Act.Title)}</h1><p class=\"meta\">Опубликовано 01.02.2024</p><p><a href=\"{d.Url}\">Скачать документ ({(isPdf ? "PDF" : "DOCX")})</a></p>";
                PutHtml($"/cards/{d.Index}.html", Chrome(d.Act.Title, card, "<meta charset=\"utf-8\">"), new UTF8Encoding(false), true);
                Put(d.Url, isPdf
                    ? new FixtureResource(200, "application/pdf", FixtureFiles.Pdf(d.Body))
                    : new FixtureResource(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FixtureFiles.Docx(d.Body)));
                break;
            default:
                var (encoding, meta, header) = EncodingOf(d.Format);
                var main = $"<h1>{Escape(d.Act.Title)}</h1>\n{Paragraphs(d.Body)}<p class=\"tools\"><a href=\"{d.Url}?print=1\">Версия для печати</a></p>";
                PutHtml(d.Url, Chrome(d.Act.Title, main, meta), encoding, header);
                var print = $"<!DOCTYPE html><html><head>{meta}<title>{Escape(d.Act.Title)}</title></head><body><h1>{Escape(d.Act.Title)}</h1>\n{Paragraphs(d.Body)}</body></html>";
                PutHtml(d.Url + "?print=1", print, encoding, header);
                break;
        }
    }

    /// <summary>Amends the text of the given documents (a new paragraph), as a ministry republishes a changed act.</summary>
    public void Amend(IEnumerable<FixtureDocument> documents)
    {
        foreach (var d in documents)
        {
            d.Body += "\n\nВ редакции приказа от 15.03.2024: пункт дополнен словами «и электронных учебных изданий».";
            Publish(d);
        }
    }

    private void BuildScale(IReadOnlyList<FixtureAct> acts, int count)
    {
        var utf8 = new UTF8Encoding(false);
        for (var i = 0; i < count; i++)
        {
            var act = acts[i % acts.Count];
            var d = new FixtureDocument { Act = act, Format = FixtureFormat.HtmlUtf8, Url = $"/p/{i}.html", ReachedBy = "listing", Body = act.Body + $"\n\nУчётный номер публикации {i}.", Index = i };
            Documents.Add(d);
            PutHtml(d.Url, Chrome(act.Title, $"<h1>{Escape(act.Title)}</h1>\n{Paragraphs(d.Body)}", "<meta charset=\"utf-8\">"), utf8, true);
        }
        const int perPage = 50;
        var pages = (count + perPage - 1) / perPage;
        for (var p = 1; p <= pages; p++)
        {
            var items = string.Concat(Documents.Skip((p - 1) * perPage).Take(perPage).Select(d => $"<li><a href=\"{d.Url}\">{Escape(d.Act.Title)}</a></li>"));
            var next = p < pages ? $"<a href=\"/list?page={p + 1}\">Следующая</a>" : "";
            PutHtml($"/list?page={p}", Chrome("Документы", $"<h1>Документы</h1><ul>{items}</ul><div class=\"pagination\">{next}</div>", "<meta charset=\"utf-8\">"), utf8, true);
        }
        PutHtml("/", Chrome("Главная", "<h1>Главная</h1><p><a href=\"/list?page=1\">Документы</a></p>", "<meta charset=\"utf-8\">"), utf8, true);
        Put("/robots.txt", new FixtureResource(200, "text/plain", Encoding.ASCII.GetBytes("User-agent: *\nDisallow: /private/\n")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
