using System.IO.Compression;

namespace Portal.Core.Files;

/// <summary>A type the portal accepts, known by its first bytes.</summary>
public sealed record FileKind(string Label, string ContentType, IReadOnlyList<string> Extensions);

/// <summary>
/// Recognises PDF, DOCX, XLSX, PNG, JPEG, GIF and WEBP by their signatures. DOCX and XLSX are ZIP
/// packages, so the ZIP signature alone is not enough: the package must hold <c>word/document.xml</c>
/// or <c>xl/workbook.xml</c>.
/// </summary>
public static class FileTypes
{
    public static readonly FileKind Pdf = new("PDF", "application/pdf", [".pdf"]);
    public static readonly FileKind Docx = new("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]);
    public static readonly FileKind Xlsx = new("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]);
    public static readonly FileKind Png = new("PNG", "image/png", [".png"]);
    public static readonly FileKind Jpeg = new("JPEG", "image/jpeg", [".jpg", ".jpeg"]);
    public static readonly FileKind Gif = new("GIF", "image/gif", [".gif"]);
    public static readonly FileKind Webp = new("WEBP", "image/webp", [".webp"]);

    public const string AllowedDescription = "PDF, DOCX, XLSX, PNG, JPEG, GIF или WEBP";

    /// <summary>The <c>accept</c> attribute for file inputs.</summary>
    public const string Accept = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp";

    private static readonly FileKind[] All = [Pdf, Docx, Xlsx, Png, Jpeg, Gif, Webp];

    /// <summary>Short name of a stored type for lists («PDF», «DOCX»).</summary>
    public static string LabelOf(string contentType) => All.FirstOrDefault(k => k.ContentType == contentType)?.Label ?? "файл";

    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>The kind by content, or null when the bytes are none of the accepted types.</summary>
    public static FileKind? Detect(Stream stream, string fileName)
    {
        var head = new byte[16];
        var start = stream.Position;
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        var h = head.AsSpan(0, read);
        if (h.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        if (h.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return Png;
        }
        if (h.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return Jpeg;
        }
        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8))
        {
            return Gif;
        }
        if (read >= 12 && h[..4].SequenceEqual("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8))
        {
            return Webp;
        }
        if (h.StartsWith("PK\x03\x04"u8))
        {
            return DetectOfficePackage(stream);
        }
        return null;
    }

    public static bool ExtensionMatches(FileKind kind, string fileName) =>
        kind.Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant());

    private static FileKind? DetectOfficePackage(Stream stream)
    {
        var start = stream.Position;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }
            return names.Contains("word/document.xml") ? Docx : names.Contains("xl/workbook.xml") ? Xlsx : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            stream.Position = start;
        }
    }
}
