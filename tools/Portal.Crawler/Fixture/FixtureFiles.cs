using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Portal.Crawler.Fixture;

/// <summary>PDF and DOCX files made on the fly from a text, as a ministry site would publish them.</summary>
public static class FixtureFiles
{
    private const string FontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private const int CharsPerLine = 85;
    private const int LinesPerPage = 60;

    /// <summary>
    /// A PDF of the text in DejaVu Sans (Cyrillic needs an embedded TrueType font), lines wrapped at
    /// a fixed width and long words hyphenated at line ends, as typeset acts are.
    /// </summary>
    public static byte[] Pdf(string text)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(FontPath));
        var lines = Wrap(text);
        for (var start = 0; start < lines.Count; start += LinesPerPage)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            var y = 800.0;
            foreach (var line in lines.Skip(start).Take(LinesPerPage))
            {
                if (line.Length > 0)
                {
                    page.AddText(line, 9, new PdfPoint(40, y), font);
                }
                y -= 12.5;
            }
        }
        return builder.Build();
    }

    private static List<string> Wrap(string text)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split("\n\n"))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length + 1 + word.Length <= CharsPerLine)
                {
                    line.Append(line.Length > 0 ? " " : "").Append(word);
                    continue;
                }
                var room = CharsPerLine - line.Length - 2;
                if (word.Length >= 8 && room >= 4 && word.Take(room).All(char.IsLower) && char.IsLower(word[room]))
                {
                    // Hyphenate: the crawler must join «библио-» + «тека» again.
                    line.Append(line.Length > 0 ? " " : "").Append(word[..room]).Append('-');
                    lines.Add(line.ToString());
                    line.Clear().Append(word[room..]);
                    continue;
                }
                lines.Add(line.ToString());
                line.Clear().Append(word);
            }
            lines.Add(line.ToString());
            lines.Add("");
        }
        return lines;
    }

    /// <summary>A DOCX with one Word paragraph per text paragraph; one long paragraph carries a soft hyphen.</summary>
    public static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var paragraph in text.Split("\n\n"))
            {
                var run = new Run();
                var words = paragraph.Split(' ');
                var hyphenAt = Array.FindIndex(words, w => w.Length > 10 && w.All(char.IsLower));
                if (hyphenAt >= 0)
                {
                    // Word splits the run text around a soft hyphen the author typed.
                    var w = words[hyphenAt];
                    run.Append(new Text(string.Join(' ', words[..hyphenAt]) + (hyphenAt > 0 ? " " : "") + w[..5]) { Space = SpaceProcessingModeValues.Preserve });
                    run.Append(new SoftHyphen());
                    run.Append(new Text(w[5..] + (hyphenAt + 1 < words.Length ? " " + string.Join(' ', words[(hyphenAt + 1)..]) : "")) { Space = SpaceProcessingModeValues.Preserve });
                }
                else
                {
                    run.Append(new Text(paragraph) { Space = SpaceProcessingModeValues.Preserve });
                }
                body.Append(new Paragraph(run));
            }
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>A DOCX-named zip whose document part unpacks to <paramref name="unpackedBytes"/>: a zip bomb.</summary>
    public static byte[] ZipBomb(int unpackedBytes)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)' ');
            for (var written = 0; written < unpackedBytes; written += block.Length)
            {
                entry.Write(block, 0, Math.Min(block.Length, unpackedBytes - written));
            }
        }
        return stream.ToArray();
    }

    /// <summary>gzip of many spaces: small on the wire, huge once decompressed.</summary>
    public static byte[] GzipBomb(int unpackedBytes)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, true))
        {
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)' ');
            for (var written = 0; written < unpackedBytes; written += block.Length)
            {
                gzip.Write(block, 0, Math.Min(block.Length, unpackedBytes - written));
            }
        }
        return stream.ToArray();
    }
}
