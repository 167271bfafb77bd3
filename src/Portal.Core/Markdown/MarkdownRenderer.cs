using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Portal.Core.Markdown;

/// <summary>One heading of a rendered text, for its table of contents.</summary>
public sealed record TocEntry(int Level, string Anchor, string Text);

/// <summary>Safe HTML of a Markdown text and its headings; <see cref="ShowToc"/> when the text is long enough to need one.</summary>
public sealed record RenderedMarkdown(string Html, IReadOnlyList<TocEntry> Toc)
{
    public bool ShowToc => Toc.Count >= MarkdownRenderer.TocMinimumHeadings;
}

/// <summary>
/// Markdown → HTML for everything people write on the portal. Markdig's advanced extensions give
/// tables, task lists, heading anchors; the output then goes through HtmlSanitizer, so neither raw
/// HTML in the source nor a <c>javascript:</c> link can run script in a reader's browser (the CSP is
/// the second line of defence, not the first).
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>A table of contents pays off from three headings on.</summary>
    public const int TocMinimumHeadings = 3;

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public RenderedMarkdown Render(string? markdown)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", _pipeline);
        var toc = document.Descendants<HeadingBlock>()
            .Where(h => h.Level is >= 2 and <= 3)
            .Select(h => new TocEntry(h.Level, h.GetAttributes().Id ?? "", InlineText(h)))
            .Where(t => t.Anchor.Length > 0 && t.Text.Length > 0)
            .ToList();
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return new RenderedMarkdown(_sanitizer.Sanitize(writer.ToString()), toc);
    }

    private static string InlineText(HeadingBlock heading)
    {
        if (heading.Inline is null)
        {
            return "";
        }
        var text = new System.Text.StringBuilder();
        foreach (var inline in heading.Inline.Descendants<Markdig.Syntax.Inlines.LiteralInline>())
        {
            text.Append(inline.Content.ToString());
        }
        foreach (var code in heading.Inline.Descendants<Markdig.Syntax.Inlines.CodeInline>())
        {
            text.Append(code.Content);
        }
        return text.ToString().Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        // Heading anchors and Markdig's table alignment classes must survive; style does not (CSP forbids inline style anyway).
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.PostProcessNode += (_, e) =>
        {
            // External links open normally but cannot reach back into the portal's window.
            if (e.Node is AngleSharp.Dom.IElement { NodeName: "A" } link && link.GetAttribute("href") is { } href
                && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
