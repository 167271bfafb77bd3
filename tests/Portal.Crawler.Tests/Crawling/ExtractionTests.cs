using System.Text;
using Portal.Core.Crawling;

namespace Portal.Crawler.Tests.Crawling;

public sealed class TextDecodingTests
{
    private const string Russian = "Приказ Министерства просвещения об учёте библиотечного фонда школы";

    [Fact]
    public void A_short_cp1251_text_is_not_taken_for_MacCyrillic()
    {
        var bytes = TextDecoding.Windows1251.GetBytes("Списание учебников. Акт № 5");

        var decoded = TextDecoding.Decode(bytes, null, lookForMeta: false);

        Assert.Equal("Списание учебников. Акт № 5", decoded.Text);
    }

    [Theory]
    [InlineData("windows-1251")]
    [InlineData("koi8-r")]
    [InlineData("utf-8")]
    [InlineData("ibm866")]
    public void Undeclared_russian_text_is_detected(string charset)
    {
        var bytes = TextDecoding.ByName(charset)!.GetBytes(Russian);

        Assert.Equal(Russian, TextDecoding.Decode(bytes, null, lookForMeta: false).Text);
    }

    [Theory]
    [InlineData("<meta charset=\"windows-1251\">", "windows-1251")]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">", "koi8-r")]
    [InlineData("<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=cp1251'>", "windows-1251")]
    public void Meta_declarations_in_both_forms_are_read(string meta, string charset)
    {
        var html = $"<html><head>{meta}</head><body><p>{Russian}</p></body></html>";
        var bytes = TextDecoding.ByName(charset)!.GetBytes(html);

        var decoded = TextDecoding.Decode(bytes, null, lookForMeta: true);

        Assert.Contains(Russian, decoded.Text);
        Assert.Equal("meta", decoded.Source);
    }

    [Fact]
    public void A_page_declared_windows_1251_but_served_in_koi8_r_comes_out_clean()
    {
        var html = $"<html><head><meta charset=\"windows-1251\"></head><body><p>{Russian}. {Russian}.</p></body></html>";

        var decoded = TextDecoding.Decode(TextDecoding.Koi8R.GetBytes(html), null, lookForMeta: true);

        Assert.Contains(Russian, decoded.Text);
        Assert.False(Mojibake.Detect(decoded.Text));
    }

    [Fact]
    public void The_http_header_and_the_bom_come_first()
    {
        var utf8WithBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Russian)).ToArray();
        Assert.Equal(Russian, TextDecoding.Decode(utf8WithBom, "windows-1251", true).Text);
        Assert.Equal("HTTP", TextDecoding.Decode(TextDecoding.Koi8R.GetBytes(Russian), "koi8-r", true).Source);
    }

    [Theory]
    [InlineData("РџСЂРёРєР°Р· РњРёРЅРёСЃС‚РµСЂСЃС‚РІР°")]
    [InlineData("Ð\u009fÑ\u0080Ð¸ÐºÐ°Ð·")]
    [InlineData("Текст с \uFFFD заменой")]
    public void Mojibake_is_recognised(string text) => Assert.True(Mojibake.Detect(text));

    [Fact]
    public void Cp1251_read_as_koi8_r_is_mojibake() =>
        Assert.True(Mojibake.Detect(TextDecoding.Koi8R.GetString(TextDecoding.Windows1251.GetBytes(Russian))));

    [Fact]
    public void Clean_text_is_not_mojibake() => Assert.False(Mojibake.Detect(Russian + ". ПРИКАЗ № 858. Москва, РФ, ФЗ-273."));
}

public sealed class RobotsTxtTests
{
    private const string Robots = """
        User-agent: *
        Disallow: /private/
        Disallow: /*.php$
        Allow: /private/open/
        Crawl-delay: 2

        User-agent: PortalRmoCrawler
        Disallow: /search
        Crawl-delay: 5

        Sitemap: https://example.test/sitemap.xml
        """;

    [Fact]
    public void The_group_for_our_agent_wins_over_the_star_group()
    {
        var robots = RobotsTxt.Parse(Robots, CrawlSettings.DefaultUserAgent);

        Assert.False(robots.IsAllowed(new Uri("https://example.test/search?q=1")));
        Assert.True(robots.IsAllowed(new Uri("https://example.test/private/x.html")));
        Assert.Equal(TimeSpan.FromSeconds(5), robots.CrawlDelay);
        Assert.Equal(["https://example.test/sitemap.xml"], robots.Sitemaps);
    }

    [Fact]
    public void Longest_match_wins_and_wildcards_work_for_other_agents()
    {
        var robots = RobotsTxt.Parse(Robots, "OtherBot/1.0");

        Assert.False(robots.IsAllowed(new Uri("https://example.test/private/x.html")));
        Assert.True(robots.IsAllowed(new Uri("https://example.test/private/open/x.html")));
        Assert.False(robots.IsAllowed(new Uri("https://example.test/index.php")));
        Assert.True(robots.IsAllowed(new Uri("https://example.test/index.php?id=1")));
        Assert.Equal(TimeSpan.FromSeconds(2), robots.CrawlDelay);
    }
}

public sealed class HtmlExtractorTests
{
    private const string Page = """
        <html><head><title>Сайт</title><link rel="canonical" href="/docs/1.html"></head><body>
        <header><nav><a href="/">Главная</a><a href="/list">Документы</a></nav></header>
        <div class="breadcrumbs"><a href="/">Главная</a> » Приказ</div>
        <div id="left-sidebar"><ul><li><a href="/a">Раздел А</a></li></ul></div>
        <div class="content"><h1>Приказ от 01.02.2024 № 5</h1>
        <p>Первый&nbsp;абзац &laquo;с кавычками&raquo; &amp; сущностями.</p>
        <p>Второй
           абзац<br>с переносом.</p>
        <table><tr><td>Ячейка 1</td><td>Ячейка 2</td></tr></table>
        <p><a href="?print=1">Версия для печати</a></p>
        <p><a href="/files/1.pdf">Скачать PDF</a></p></div>
        <footer><div class="counter">Счётчик</div>© Министерство</footer>
        <script>alert('x')</script></body></html>
        """;

    [Fact]
    public void Keeps_the_documents_own_text_with_paragraphs_and_drops_the_chrome()
    {
        var page = HtmlExtractor.Extract(Page, new Uri("http://127.0.0.1/docs/1.html?x=1"));

        Assert.Equal("Приказ от 01.02.2024 № 5", page.Title);
        Assert.Equal("Приказ от 01.02.2024 № 5\n\nПервый абзац «с кавычками» & сущностями.\n\nВторой абзац\n\nс переносом.\n\nЯчейка 1 Ячейка 2\n\nСкачать PDF", page.Text);
        Assert.Equal("http://127.0.0.1/docs/1.html", page.Canonical!.AbsoluteUri);
        Assert.Equal(["http://127.0.0.1/files/1.pdf"], page.Attachments.Select(a => a.Url.AbsoluteUri));
        Assert.Contains(page.Links, l => l.Url.AbsoluteUri == "http://127.0.0.1/list");
    }

    [Fact]
    public void Malformed_html_never_throws()
    {
        var page = HtmlExtractor.Extract("<div><p>Текст <b>без <i>закрытия <table><td>ячейка", new Uri("http://127.0.0.1/"));

        Assert.Contains("Текст", page.Text);
    }
}

public sealed class TextCleanupTests
{
    [Fact]
    public void Words_broken_at_line_ends_are_joined_and_paragraphs_kept()
    {
        const string raw = "Порядок учёта доку-\nментов библиотечного\nфонда школы.\n\nВторой абзац с мягким пере\u00ADносом.";

        Assert.Equal("Порядок учёта документов библиотечного фонда школы.\n\nВторой абзац с мягким переносом.", TextCleanup.JoinLines(raw));
    }

    [Fact]
    public void Hyphenated_compounds_and_numbers_stay()
    {
        Assert.Equal("педагог-библиотекарь № 273-ФЗ", TextCleanup.JoinLines("педагог-библиотекарь № 273-ФЗ"));
    }
}

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("HTTP://Example.TEST:80/a/b.html#part", "http://example.test/a/b.html")]
    [InlineData("http://example.test/list?page=2&utm_source=x&a=1", "http://example.test/list?a=1&page=2")]
    [InlineData("http://example.test", "http://example.test/")]
    public void One_spelling_per_url(string input, string expected) =>
        Assert.Equal(expected, UrlCanonicalizer.Canonicalize(new Uri(input)).AbsoluteUri);

    [Theory]
    [InlineData("javascript:void(0)")]
    [InlineData("mailto:a@b.c")]
    [InlineData("#top")]
    [InlineData("ftp://example.test/x")]
    public void Non_http_links_are_ignored(string href) => Assert.Null(UrlCanonicalizer.Resolve(new Uri("http://example.test/"), href));
}

public sealed class LinkFeedsTests
{
    [Fact]
    public void Sitemaps_indexes_rss_and_atom_yield_their_links()
    {
        var baseUrl = new Uri("http://127.0.0.1/");
        const string index = "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>http://127.0.0.1/s1.xml</loc></sitemap></sitemapindex>";
        const string rss = "<rss version=\"2.0\"><channel><link>http://127.0.0.1/</link><item><link>/docs/1.html</link><guid isPermaLink=\"false\">42</guid></item></channel></rss>";
        const string atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><link href=\"http://127.0.0.1/docs/2.html\"/></entry></feed>";

        Assert.Equal(LinkFeeds.Kind.SitemapIndex, LinkFeeds.Sniff(index));
        Assert.Equal(["http://127.0.0.1/s1.xml"], LinkFeeds.Links(index, baseUrl).Select(u => u.AbsoluteUri));
        Assert.Equal(LinkFeeds.Kind.Rss, LinkFeeds.Sniff(rss));
        Assert.Equal(["http://127.0.0.1/", "http://127.0.0.1/docs/1.html"], LinkFeeds.Links(rss, baseUrl).Select(u => u.AbsoluteUri));
        Assert.Equal(LinkFeeds.Kind.Atom, LinkFeeds.Sniff(atom));
        Assert.Equal(["http://127.0.0.1/docs/2.html"], LinkFeeds.Links(atom, baseUrl).Select(u => u.AbsoluteUri));
    }

    [Fact]
    public void A_feed_with_an_entity_bomb_or_broken_xml_gives_what_it_can()
    {
        const string bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]><urlset><url><loc>http://127.0.0.1/a</loc></url><url><loc>&lol2;</loc></url></urlset>";
        const string broken = "<urlset><url><loc>http://127.0.0.1/a</loc></url><url><loc>http://127.0.0.1/b";

        Assert.Contains(LinkFeeds.Links(broken, new Uri("http://127.0.0.1/")), u => u.AbsoluteUri == "http://127.0.0.1/a");
        Assert.DoesNotContain(LinkFeeds.Links(bomb, new Uri("http://127.0.0.1/")), u => u.AbsoluteUri.Contains("lollol"));
    }
}
