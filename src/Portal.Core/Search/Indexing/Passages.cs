using Portal.Core.Search.Sources;

namespace Portal.Core.Search.Indexing;

/// <summary>One part of a long text: its heading lines (article, chapter) and its text.</summary>
public sealed record Passage(string Headings, string Text);

/// <summary>
/// Cuts a long text into passages along its legal structure: a new passage starts at each article
/// («Статья 43», «Статья 9. Согласие…»), a chapter or section line joins the article after it, and
/// a part without structure (or an article too long to read as one) is cut at paragraphs.
/// A long law is then ranked by its best article, as a code article is, instead of by a score
/// spread over its whole length, which BM25 scores down for the length.
/// </summary>
public static class Passages
{
    /// <summary>Texts up to this length are one passage (most code articles and orders).</summary>
    public const int SplitAbove = 12_000;
    private const int Target = 3_000;
    private const int Max = 6_000;
    private const int Min = 400;

    public static IReadOnlyList<Passage> Split(string text)
    {
        if (text.Length <= SplitAbove)
        {
            return [new Passage("", text)];
        }
        var sections = new List<(List<string> Headings, System.Text.StringBuilder Text)>();
        var current = (Headings: new List<string>(), Text: new System.Text.StringBuilder());
        var pendingHeadings = new List<string>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.Trim();
            if (LegalTextStructure.IsArticleLine(trimmed))
            {
                if (current.Text.Length > 0)
                {
                    sections.Add(current);
                }
                current = (Headings: [.. pendingHeadings, trimmed], Text: new System.Text.StringBuilder());
                foreach (var heading in pendingHeadings)
                {
                    current.Text.Append(heading).Append('\n');
                }
                pendingHeadings.Clear();
            }
            else if (LegalTextStructure.IsChapterLine(trimmed))
            {
                // A chapter line belongs to the article that follows it; if text follows instead, it starts the text.
                pendingHeadings.Add(trimmed);
                continue;
            }
            else if (pendingHeadings.Count > 0 && trimmed.Length > 0)
            {
                if (current.Text.Length > 0)
                {
                    sections.Add(current);
                }
                current = (Headings: [.. pendingHeadings], Text: new System.Text.StringBuilder());
                foreach (var heading in pendingHeadings)
                {
                    current.Text.Append(heading).Append('\n');
                }
                pendingHeadings.Clear();
            }
            current.Text.Append(line).Append('\n');
        }
        foreach (var heading in pendingHeadings)
        {
            current.Text.Append(heading).Append('\n');
        }
        if (current.Text.Length > 0)
        {
            sections.Add(current);
        }
        var passages = new List<Passage>();
        foreach (var (headings, body) in sections)
        {
            var sectionText = body.ToString().Trim();
            var heading = string.Join('\n', headings);
            if (passages.Count > 0 && sectionText.Length < Min && passages[^1].Text.Length + sectionText.Length <= Target)
            {
                // A short article or a stray line joins the passage before it.
                var previous = passages[^1];
                passages[^1] = new Passage((previous.Headings + "\n" + heading).Trim(), previous.Text + "\n" + sectionText);
                continue;
            }
            foreach (var chunk in Chunks(sectionText))
            {
                passages.Add(new Passage(heading, chunk));
            }
        }
        return passages.Where(p => p.Text.Length > 0).ToList();
    }

    /// <summary>Paragraph-aligned pieces of about <see cref="Target"/> characters, none longer than <see cref="Max"/>.</summary>
    private static IEnumerable<string> Chunks(string text)
    {
        if (text.Length <= Max)
        {
            yield return text;
            yield break;
        }
        var start = 0;
        while (start < text.Length)
        {
            if (text.Length - start <= Max)
            {
                yield return text[start..].Trim();
                yield break;
            }
            var end = text.LastIndexOf('\n', start + Target, Target - Min);
            if (end <= start)
            {
                end = text.IndexOf('\n', start + Target, Math.Min(Max - Target, text.Length - start - Target));
            }
            if (end <= start)
            {
                end = text.LastIndexOf(' ', start + Max - 1, Max - Min);
            }
            if (end <= start)
            {
                end = start + Max;
            }
            yield return text[start..end].Trim();
            start = end + 1;
        }
    }
}
