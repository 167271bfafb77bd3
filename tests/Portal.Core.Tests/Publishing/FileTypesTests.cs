using System.IO.Compression;
using Portal.Core.Files;

namespace Portal.Core.Tests.Publishing;

public sealed class FileTypesTests
{
    private static MemoryStream Bytes(params byte[] head)
    {
        var bytes = new byte[64];
        head.CopyTo(bytes, 0);
        return new MemoryStream(bytes);
    }

    private static MemoryStream Zip(params string[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Known_signatures_are_recognised()
    {
        Assert.Same(FileTypes.Pdf, FileTypes.Detect(Bytes("%PDF-1.7"u8.ToArray()), "a.pdf"));
        Assert.Same(FileTypes.Png, FileTypes.Detect(Bytes(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A), "a.png"));
        Assert.Same(FileTypes.Jpeg, FileTypes.Detect(Bytes(0xFF, 0xD8, 0xFF, 0xE0), "a.jpg"));
        Assert.Same(FileTypes.Gif, FileTypes.Detect(Bytes("GIF89a"u8.ToArray()), "a.gif"));
        Assert.Same(FileTypes.Webp, FileTypes.Detect(Bytes("RIFF\0\0\0\0WEBPVP8 "u8.ToArray()), "a.webp"));
        Assert.Same(FileTypes.Docx, FileTypes.Detect(Zip("[Content_Types].xml", "word/document.xml"), "a.docx"));
        Assert.Same(FileTypes.Xlsx, FileTypes.Detect(Zip("[Content_Types].xml", "xl/workbook.xml"), "a.xlsx"));
    }

    [Fact]
    public void A_program_or_a_plain_zip_is_not_accepted_whatever_its_name()
    {
        Assert.Null(FileTypes.Detect(Bytes("MZ"u8.ToArray()), "prikaz.pdf"));
        Assert.Null(FileTypes.Detect(Bytes("<html><script>"u8.ToArray()), "page.docx"));
        Assert.Null(FileTypes.Detect(Zip("evil.exe"), "report.docx"));
        Assert.Null(FileTypes.Detect(Bytes("PK\x03\x04garbage"u8.ToArray()), "broken.xlsx"));
    }

    [Fact]
    public void Detection_leaves_the_stream_where_it_was()
    {
        var stream = Zip("[Content_Types].xml", "word/document.xml");
        FileTypes.Detect(stream, "a.docx");
        Assert.Equal(0, stream.Position);
    }

    [Theory]
    [InlineData("a.PDF", true)]
    [InlineData("a.pdf.exe", false)]
    [InlineData("a.docx", false)]
    public void Extension_must_match_the_content(string name, bool matches) =>
        Assert.Equal(matches, FileTypes.ExtensionMatches(FileTypes.Pdf, name));
}
