using Portal.Core.Markdown;

namespace Portal.Core.Tests.Publishing;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[клик](javascript:alert(1))")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>")]
    [InlineData("<form action=\"/account/logout\" method=\"post\"><button>Выйти</button></form>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    public void Dangerous_markup_is_removed(string markdown)
    {
        var html = _renderer.Render(markdown).Html;
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, iframe, form, button, object, embed"));
        Assert.All(document.QuerySelectorAll("*"), e =>
        {
            Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name == "style");
            Assert.DoesNotContain("javascript:", e.GetAttribute("href") ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("data:", e.GetAttribute("href") ?? "", StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Headings_get_anchors_and_a_long_text_a_table_of_contents()
    {
        var rendered = _renderer.Render("## Порядок списания\n\nТекст.\n\n### Акт о списании\n\nТекст.\n\n## Учёт фонда\n\nТекст.");
        Assert.True(rendered.ShowToc);
        Assert.Equal(["Порядок списания", "Акт о списании", "Учёт фонда"], rendered.Toc.Select(t => t.Text));
        Assert.Equal([2, 3, 2], rendered.Toc.Select(t => t.Level));
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(rendered.Html);
        foreach (var entry in rendered.Toc)
        {
            Assert.NotNull(document.GetElementById(entry.Anchor));
        }
    }

    [Fact]
    public void A_short_text_has_no_table_of_contents()
    {
        Assert.False(_renderer.Render("## Один раздел\n\nТекст.").ShowToc);
    }

    [Fact]
    public void Advanced_extensions_render_tables_and_keep_safe_links()
    {
        var html = _renderer.Render("| Класс | Учебников |\n|---|---:|\n| 5 | 120 |\n\n[Портал](https://example.org/law)").Html;
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal("120", document.QuerySelector("table tbody td:last-child")?.TextContent);
        var link = document.QuerySelector("a")!;
        Assert.Equal("https://example.org/law", link.GetAttribute("href"));
        Assert.Contains("noopener", link.GetAttribute("rel"));
    }
}
