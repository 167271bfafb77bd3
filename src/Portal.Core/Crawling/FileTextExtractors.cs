using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Portal.Core.Crawling;

/// <summary>A file the crawler could not read: recorded as failed with this reason, and the run goes on.</summary>
public sealed class UnreadableFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Text of PDF (PdfPig) and DOCX (OpenXml) files, with words broken at line ends joined again.</summary>
public static partial class FileTextExtractors
{
    /// <summary>A DOCX (a zip) may not unpack to more than this many times its size: a zip bomb stops here.</summary>
    private const int MaxCompressionRatio = 100;

    public static bool IsPdf(ReadOnlySpan<byte> bytes) => bytes.StartsWith("%PDF-"u8) || bytes[..Math.Min(bytes.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    public static bool IsZip(ReadOnlySpan<byte> bytes) => bytes.StartsWith("PK\x03\x04"u8);

    public static string Pdf(byte[] bytes)
    {
        try
        {
            using var document = PdfDocument.Open(bytes);
            var text = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                text.Append(ContentOrderTextExtractor.GetText(page)).Append('\n');
            }
            var result = TextCleanup.JoinLines(text.ToString());
            if (result.Length == 0)
            {
                throw new UnreadableFileException("в PDF нет текстового слоя (скан без распознавания?)");
            }
            return result;
        }
        catch (UnreadableFileException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new UnreadableFileException($"PDF не читается: {e.Message}", e);
        }
    }

    public static string Docx(byte[] bytes, long maxUnpackedBytes)
    {
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
            {
                var unpacked = zip.Entries.Sum(e => e.Length);
                if (unpacked > maxUnpackedBytes || unpacked > (long)bytes.Length * MaxCompressionRatio)
                {
                    throw new UnreadableFileException($"DOCX распаковывается в {unpacked} байт — похоже на zip-бомбу");
                }
            }
            using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            var body = document.MainDocumentPart?.Document?.Body ?? throw new UnreadableFileException("в DOCX нет основного текста");
            var paragraphs = new List<string>();
            foreach (var element in body.Descendants().Where(e => e is Paragraph))
            {
                var paragraph = (Paragraph)element;
                var line = new StringBuilder();
                foreach (var node in paragraph.Descendants())
                {
                    switch (node)
                    {
                        case Text t:
                            line.Append(t.Text);
                            break;
                        case TabChar:
                            line.Append(' ');
                            break;
                        case Break or CarriageReturn:
                            line.Append('\n');
                            break;
                        case SoftHyphen:
                            line.Append('\u00AD');
                            break;
                        case NoBreakHyphen:
                            line.Append('-');
                            break;
                    }
                }
                var text = TextCleanup.JoinLines(line.ToString());
                if (text.Length > 0)
                {
                    paragraphs.Add(text);
                }
            }
            if (paragraphs.Count == 0)
            {
                throw new UnreadableFileException("в DOCX нет текста");
            }
            return string.Join("\n\n", paragraphs);
        }
        catch (UnreadableFileException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new UnreadableFileException($"DOCX не читается: {e.Message}", e);
        }
    }
}

/// <summary>Text clean-up shared by every format.</summary>
public static partial class TextCleanup
{
    [GeneratedRegex(@"(\p{Ll})[\u00AD-]\s*\n\s*(\p{Ll})")]
    private static partial Regex BrokenWord();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyBreaks();

    /// <summary>
    /// Joins words hyphenated at line ends («биб-\nлиотека» → «библиотека»), drops soft hyphens,
    /// joins lines of one paragraph (a line not ending a sentence followed by a lower-case start),
    /// keeps blank lines as paragraph breaks.
    /// </summary>
    public static string JoinLines(string text)
    {
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        text = BrokenWord().Replace(text, "$1$2");
        text = text.Replace("\u00AD", "");
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).ToList();
        var result = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                if (result.Length > 0 && !EndsWithBreak(result))
                {
                    result.Append("\n\n");
                }
                continue;
            }
            if (result.Length > 0 && !EndsWithBreak(result))
            {
                var previous = lines[i - 1];
                var continues = previous.Length > 0 && !".:;!?»\")".Contains(previous[^1]) && char.IsLower(line[0]);
                result.Append(continues ? " " : "\n\n");
            }
            result.Append(line);
        }
        return ManyBreaks().Replace(result.ToString(), "\n\n").Trim();
    }

    private static bool EndsWithBreak(StringBuilder text) => text.Length > 0 && text[^1] == '\n';

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    public static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
