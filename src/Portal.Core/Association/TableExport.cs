using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace Portal.Core.Association;

/// <summary>A table to hand to the head as a file: column headers and rows, in the order shown on the page.</summary>
public sealed record ExportTable(string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>CSV and XLSX files of <see cref="ExportTable"/>s, as Russian Excel opens them.</summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>UTF-8 with BOM and semicolons: what Excel with Russian regional settings opens without a wizard.</summary>
    public static byte[] ToCsv(ExportTable table)
    {
        using var buffer = new MemoryStream();
        // Escape: a cell typed as «=HYPERLINK(...)» by a member must not run as a formula in the head's Excel.
        var options = CsvWriterOptions.Default with { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            foreach (var header in table.Headers)
            {
                csv.WriteField(header);
            }
            csv.EndRecord();
            foreach (var row in table.Rows)
            {
                foreach (var value in row)
                {
                    csv.WriteField(Format(value));
                }
                csv.EndRecord();
            }
        }
        return buffer.ToArray();
    }

    /// <summary>One sheet per table; numbers stay numbers so the head can sum them.</summary>
    public static byte[] ToXlsx(params ExportTable[] tables)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var table in tables)
        {
            var rows = table.Rows.Select(row =>
            {
                var record = new Dictionary<string, object?>();
                for (var i = 0; i < table.Headers.Count; i++)
                {
                    var value = i < row.Count ? row[i] : null;
                    record[table.Headers[i]] = value is DateOnly or DateTime ? Format(value) : value;
                }
                return record;
            }).ToList();
            sheets[table.SheetName] = rows;
        }
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets);
        return buffer.ToArray();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateOnly d => Common.RussianFormat.Date(d),
        DateTime t => Common.RussianFormat.DateTime(t),
        IFormattable f => f.ToString(null, CultureInfo.GetCultureInfo("ru-RU")),
        _ => value.ToString() ?? "",
    };
}
