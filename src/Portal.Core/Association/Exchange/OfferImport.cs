using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace Portal.Core.Association.Exchange;

/// <summary>One row of an imported file: its number as the user sees it in Excel, what was read, what is wrong.</summary>
public sealed record OfferImportRow(int RowNumber, OfferInput Offer, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

public sealed record OfferImportPreview(IReadOnlyList<OfferImportRow> Rows, IReadOnlyList<string> FileErrors)
{
    public int ValidCount => Rows.Count(r => r.IsValid);
    public int InvalidCount => Rows.Count(r => !r.IsValid);
    public bool CanImport => FileErrors.Count == 0 && ValidCount > 0;
}

/// <summary>
/// Reads surplus textbooks from CSV (UTF-8 or Windows-1251, «;» «,» or tab) or XLSX. Columns are
/// found by their Russian (or English) header, in any order; every row is checked with the same
/// rules as the form, so the preview shows each row's errors before anything is saved.
/// </summary>
public static class OfferImport
{
    public const int MaxRows = 2000;

    /// <summary>Header synonyms, compared lower-case without spaces, «ё» as «е».</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["название"] = nameof(OfferInput.Title), ["наименование"] = nameof(OfferInput.Title), ["учебник"] = nameof(OfferInput.Title), ["title"] = nameof(OfferInput.Title),
        ["автор"] = nameof(OfferInput.Authors), ["авторы"] = nameof(OfferInput.Authors), ["authors"] = nameof(OfferInput.Authors),
        ["предмет"] = nameof(OfferInput.Subject), ["subject"] = nameof(OfferInput.Subject),
        ["класс"] = nameof(OfferInput.Grade), ["grade"] = nameof(OfferInput.Grade),
        ["издательство"] = nameof(OfferInput.Publisher), ["publisher"] = nameof(OfferInput.Publisher),
        ["год"] = nameof(OfferInput.Year), ["годиздания"] = nameof(OfferInput.Year), ["year"] = nameof(OfferInput.Year),
        ["isbn"] = nameof(OfferInput.Isbn),
        ["фпу"] = nameof(OfferInput.FpuNumber), ["номерфпу"] = nameof(OfferInput.FpuNumber), ["№фпу"] = nameof(OfferInput.FpuNumber), ["fpu"] = nameof(OfferInput.FpuNumber),
        ["количество"] = nameof(OfferInput.Copies), ["кол-во"] = nameof(OfferInput.Copies), ["экземпляров"] = nameof(OfferInput.Copies), ["copies"] = nameof(OfferInput.Copies),
        ["состояние"] = nameof(OfferInput.Condition), ["condition"] = nameof(OfferInput.Condition),
    };

    /// <summary>The header line of the template offered for download.</summary>
    public static readonly IReadOnlyList<string> TemplateHeaders =
        ["Название", "Авторы", "Предмет", "Класс", "Издательство", "Год", "ISBN", "ФПУ", "Количество", "Состояние"];

    public static OfferImportPreview Read(Stream file, string fileName, int currentYear)
    {
        List<Dictionary<string, string?>> records;
        try
        {
            records = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(file) : ReadCsv(file);
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException or IOException or InvalidOperationException or FormatException or ArgumentException)
        {
            return new([], ["Файл не удалось прочитать: сохраните его как CSV (разделитель «;») или XLSX."]);
        }
        if (records.Count == 0)
        {
            return new([], ["В файле нет строк с данными."]);
        }
        var headers = records[0].Keys.ToList();
        var mapped = headers.Select(h => (Header: h, Field: Columns.GetValueOrDefault(Key(h)))).Where(h => h.Field is not null).ToList();
        var missing = new[] { nameof(OfferInput.Title), nameof(OfferInput.Subject), nameof(OfferInput.Year), nameof(OfferInput.Copies) }
            .Where(f => mapped.All(m => m.Field != f))
            .Select(f => TemplateHeaders[Array.IndexOf(FieldOrder, f)])
            .ToList();
        if (missing.Count > 0)
        {
            return new([], [$"В первой строке файла нет столбцов: {string.Join(", ", missing.Select(m => "«" + m + "»"))}. Скачайте шаблон и заполните его."]);
        }
        if (records.Count > MaxRows)
        {
            return new([], [$"В файле {records.Count} строк; за один раз можно загрузить не больше {MaxRows}."]);
        }
        var rows = new List<OfferImportRow>();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var input = new OfferInput();
            var errors = new List<string>();
            foreach (var (header, field) in mapped)
            {
                var value = record.GetValueOrDefault(header)?.Trim();
                switch (field)
                {
                    case nameof(OfferInput.Title): input.Title = value; break;
                    case nameof(OfferInput.Authors): input.Authors = value; break;
                    case nameof(OfferInput.Subject): input.Subject = value; break;
                    case nameof(OfferInput.Publisher): input.Publisher = value; break;
                    case nameof(OfferInput.Isbn): input.Isbn = value; break;
                    case nameof(OfferInput.FpuNumber): input.FpuNumber = value; break;
                    case nameof(OfferInput.Condition): input.Condition = value; break;
                    case nameof(OfferInput.Grade): input.Grade = ParseInt(value, "Класс", errors); break;
                    case nameof(OfferInput.Year): input.Year = ParseInt(value, "Год", errors); break;
                    case nameof(OfferInput.Copies): input.Copies = ParseInt(value, "Количество", errors); break;
                }
            }
            var parseFailed = errors.ToHashSet();
            errors.AddRange(input.Validate(currentYear)
                .Where(e => !(parseFailed.Count > 0 && IsEmptyBecauseUnparsed(e, input)))
                .Select(e => e.Message));
            // Row 1 is the header, so the first record is row 2, as Excel numbers it.
            rows.Add(new OfferImportRow(i + 2, input, errors));
        }
        return new(rows, rows.Count == 0 ? ["В файле нет строк с данными."] : []);
    }

    private static readonly string[] FieldOrder =
        [nameof(OfferInput.Title), nameof(OfferInput.Authors), nameof(OfferInput.Subject), nameof(OfferInput.Grade), nameof(OfferInput.Publisher),
         nameof(OfferInput.Year), nameof(OfferInput.Isbn), nameof(OfferInput.FpuNumber), nameof(OfferInput.Copies), nameof(OfferInput.Condition)];

    /// <summary>A number that could not be read is reported once («Год: «две тысячи» — не число»), not again as «укажите год».</summary>
    private static bool IsEmptyBecauseUnparsed(FieldError error, OfferInput input) => error.Field switch
    {
        nameof(OfferInput.Year) => input.Year is null,
        nameof(OfferInput.Copies) => input.Copies is null,
        _ => false,
    };

    private static int? ParseInt(string? value, string column, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Replace(" ", "").Replace("\u00a0", "");
        if (text.EndsWith(",0", StringComparison.Ordinal) || text.EndsWith(".0", StringComparison.Ordinal))
        {
            text = text[..^2];
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        errors.Add($"{column}: «{value}» — не целое число.");
        return null;
    }

    private static string Key(string header) =>
        new string(header.ToLowerInvariant().Replace('ё', 'е').Where(c => !char.IsWhiteSpace(c) && c != '.').ToArray());

    private static List<Dictionary<string, string?>> ReadXlsx(Stream file)
    {
        var result = new List<Dictionary<string, string?>>();
        foreach (IDictionary<string, object?> row in file.Query(useHeaderRow: true))
        {
            result.Add(row.Where(kv => !string.IsNullOrWhiteSpace(kv.Key))
                .ToDictionary(kv => kv.Key.Trim(), kv => kv.Value switch
                {
                    null => null,
                    double d => d.ToString(CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v.ToString(),
                }));
        }
        return result;
    }

    private static List<Dictionary<string, string?>> ReadCsv(Stream file)
    {
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        var text = Decode(buffer.ToArray());
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { TrimWhitespace = true });
        var headers = csv.Headers.Select(h => h.Trim()).ToArray();
        var result = new List<Dictionary<string, string?>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                if (headers[i].Length > 0 && !row.ContainsKey(headers[i]))
                {
                    row[headers[i]] = i < csv.FieldCount ? csv.GetString(i) : null;
                }
            }
            result.Add(row);
        }
        return result;
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8, else Windows-1251 (what Russian Excel writes by default).</summary>
    private static string Decode(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1251).GetString(bytes);
        }
    }

    /// <summary>The template file: headers and one example row the librarian overwrites.</summary>
    public static byte[] TemplateCsv() => TableExport.ToCsv(new ExportTable("Обменный фонд", TemplateHeaders,
        [["Математика. 5 класс. Часть 1", "Мерзляк А.Г., Полонский В.Б., Якир М.С.", "Математика", 5, "Просвещение", 2022, "978-5-09-087604-9", "1.1.2.4.1.1.1", 10, "хорошее"]]));
}
