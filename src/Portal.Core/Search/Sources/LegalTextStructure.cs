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
            if (HeadingLine().IsMatch(line) || (lineNumber == 1 && line.Contains("кодекс", StringComparison.OrdinalIgnoreCase)))
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

    [GeneratedRegex(@"^(?:Раздел|РАЗДЕЛ|Глава|ГЛАВА|Статья|СТАТЬЯ|Подраздел|Параграф|§)\s*[\dIVXLC]", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingLine();

    /// <summary>«Приказ № 1077 от 08.10.2012 Министерство …»: the card's requisites line, then the issuer.</summary>
    public static string Requisites(string? docType, string? number, DateOnly? date, string? issuer) =>
        string.Join(' ', new[] { Documents.DocumentCatalog.Requisites(docType ?? "", number, date), issuer }
            .Where(part => !string.IsNullOrWhiteSpace(part))).Trim();
}
