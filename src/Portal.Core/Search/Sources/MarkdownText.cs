using Markdig;
using Markdig.Syntax;

namespace Portal.Core.Search.Sources;

/// <summary>Plain text and headings of Markdown, for indexing (no HTML reaches the index).</summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdig.Markdown.ToPlainText(markdown, Pipeline);

    public static string Headings(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        return string.Join('\n', document.Descendants<HeadingBlock>()
            .Select(h => h.Inline is null ? "" : string.Concat(h.Inline.Descendants<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString())))
            .Where(h => h.Length > 0));
    }
}
