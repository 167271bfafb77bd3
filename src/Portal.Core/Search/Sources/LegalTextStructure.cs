using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Core.Search.Sources;

/// <summary>
/// Structure lines of a legal text (the code's name, «Раздел», «Глава», «Статья N. …», «§») go to the
/// headings field, which ranks above the body: an article's chapter names what it is about.
/// </summary>
public static partial class LegalTextStructure
{
    private const int MaxHeadingsChars = 4000;

    public static string Headings(string text)
    {
        var sb = new StringBuilder();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            lineNumber++;
            if (line.Length == 0 || line.Length > 300)
            {
                continue;
            }
            if (IsArticleLine(line) || IsChapterLine(line) || (lineNumber == 1 && line.Contains("кодекс", StringComparison.OrdinalIgnoreCase)))
            {
                sb.Append(line).Append('\n');
                if (sb.Length > MaxHeadingsChars)
                {
                    break;
                }
            }
        }
        return sb.ToString();
    }

    /// <summary>A trimmed line that opens an article: «Статья 43», «Статья 9. Согласие…».</summary>
    public static bool IsArticleLine(string line) => line.Length <= 300 && ArticleLine().IsMatch(line);

    /// <summary>A trimmed line that opens a section, chapter or paragraph: «Глава 2. …», «Раздел IV», «§ 3».</summary>
    public static bool IsChapterLine(string line) => line.Length <= 300 && ChapterLine().IsMatch(line);

    [GeneratedRegex(@"^(?:Статья|СТАТЬЯ)\s*\d", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleLine();

    [GeneratedRegex(@"^(?:Раздел|РАЗДЕЛ|Глава|ГЛАВА|Подраздел|ПОДРАЗДЕЛ|Параграф|§)\s*[\dIVXLC]", RegexOptions.CultureInvariant)]
    private static partial Regex ChapterLine();

    /// <summary>«Приказ № 1077 от 08.10.2012 Министерство …»: the card's requisites line, then the issuer.</summary>
    public static string Requisites(string? docType, string? number, DateOnly? date, string? issuer) =>
        string.Join(' ', new[] { Documents.DocumentCatalog.Requisites(docType ?? "", number, date), issuer }
            .Where(part => !string.IsNullOrWhiteSpace(part))).Trim();
}
