using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Portal.Core.Content;

/// <summary>
/// A file in <c>content/</c> that cannot be used: bad YAML, a missing or invalid field. The message
/// names the file and line in Russian with the English gist, so whoever edits the file can fix it
/// from the start log alone.
/// </summary>
public sealed class ContentFileException(string file, int? line, string message, Exception? inner = null)
    : Exception(line is { } l ? $"{file}, строка {l} (line {l}): {message}" : $"{file}: {message}", inner)
{
    public string File { get; } = file;
    public int? Line { get; } = line;
}

/// <summary>
/// YAML read from a content file: typed deserialisation plus the line of each top-level key, so
/// a field-level problem ("date is not YYYY-MM-DD") points at the right line.
/// </summary>
public sealed class ContentYaml
{
    // Field names in files are snake_case (doc_type, source_url); unknown keys are errors, so a typo
    // in a field name is reported instead of silently dropping the value.
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private readonly string _yaml;
    private readonly int _lineOffset;
    private readonly Dictionary<string, int> _keyLines = new(StringComparer.Ordinal);
    private YamlMappingNode? _root;

    private ContentYaml(string yaml, string file, int lineOffset)
    {
        _yaml = yaml;
        File = file;
        _lineOffset = lineOffset;
    }

    /// <summary>Path shown in messages, relative to the content folder's parent ("content/documents/273-fz.md").</summary>
    public string File { get; }

    /// <summary>Parses YAML whose first line is line <paramref name="lineOffset"/> + 1 of the file.</summary>
    public static ContentYaml Parse(string yaml, string file, int lineOffset = 0)
    {
        var result = new ContentYaml(yaml, file, lineOffset);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw result.YamlError(ex);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ContentFileException(file, lineOffset + 1,
                "ожидается набор полей «ключ: значение» / expected a YAML mapping of fields");
        }
        result._root = root;
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>())
        {
            if (key.Value is { } name)
            {
                result._keyLines[name] = (int)key.Start.Line + lineOffset;
            }
        }
        return result;
    }

    public T Deserialize<T>()
    {
        try
        {
            return Deserializer.Deserialize<T>(_yaml);
        }
        catch (YamlException ex)
        {
            throw YamlError(ex);
        }
    }

    /// <summary>File line of a top-level key, or of the block's first line when the key is absent.</summary>
    public int LineOf(string key) => _keyLines.TryGetValue(key, out var line) ? line : _lineOffset + 1;

    /// <summary>File lines where the items of a top-level list start, in order (for errors about one item).</summary>
    public IReadOnlyList<int> ItemLines(string key) =>
        _root is not null && _root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode list
            ? list.Children.Select(item => (int)item.Start.Line + _lineOffset).ToList()
            : [];

    /// <summary>An error about one field, placed at that field's line.</summary>
    public ContentFileException FieldError(string key, string message) => new(File, LineOf(key), $"поле «{key}»: {message}");

    /// <summary>The value of a required field, or an error naming it.</summary>
    public string Required(string key, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw FieldError(key, "обязательное поле не заполнено / required field is missing")
            : value.Trim();

    /// <summary>A date written as YYYY-MM-DD.</summary>
    public DateOnly? Date(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : throw FieldError(key, $"дата «{value}» должна быть в виде ГГГГ-ММ-ДД / date must be YYYY-MM-DD");
    }

    /// <summary>Tags written as a YAML list (<c>[списание, учёт фонда]</c>) or as one comma-separated line.</summary>
    public string Tags(string key, object? value) => value switch
    {
        null => "",
        string line => Materials.MaterialTags.Normalise(line),
        IEnumerable<object> list when list.All(t => t is string) => Materials.MaterialTags.Normalise(string.Join(',', list)),
        _ => throw FieldError(key, "ожидается список тегов / expected a list of tags"),
    };

    /// <summary>An absolute http(s) address.</summary>
    public string? Url(string key, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Required(key, value) : null;
        }
        var trimmed = value.Trim();
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? trimmed
            : throw FieldError(key, $"«{value}» — не адрес http(s) / not an http(s) URL");
    }

    private ContentFileException YamlError(YamlException ex)
    {
        // YamlDotNet wraps the real cause ("Property 'x' not found") in an outer "Exception during deserialization".
        var cause = ex.InnerException is YamlException inner ? inner : ex;
        var line = (int)cause.Start.Line + _lineOffset;
        var detail = cause.Message;
        var marker = detail.IndexOf("): ", StringComparison.Ordinal);
        if (marker >= 0 && detail.StartsWith('('))
        {
            detail = detail[(marker + 3)..];
        }
        return new ContentFileException(File, line, $"ошибка в YAML / invalid YAML: {detail}", ex);
    }
}

/// <summary>A Markdown file with a YAML header between two <c>---</c> lines.</summary>
public sealed record FrontMatterFile(ContentYaml Header, string Body);

/// <summary>Splits a content file into its YAML front matter and its Markdown body.</summary>
public static class FrontMatterReader
{
    private const string Fence = "---";

    public static FrontMatterFile ReadFile(string path, string displayPath) =>
        Parse(System.IO.File.ReadAllText(path, Encoding.UTF8), displayPath);

    public static FrontMatterFile Parse(string text, string displayPath)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').TrimStart('\uFEFF').Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != Fence)
        {
            throw new ContentFileException(displayPath, 1,
                "файл должен начинаться со строки --- и блока полей YAML / the file must start with a --- line and a YAML header");
        }
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == Fence);
        if (close < 0)
        {
            throw new ContentFileException(displayPath, 1,
                "нет закрывающей строки --- после полей YAML / the YAML header is not closed by a --- line");
        }
        var yaml = string.Join('\n', lines[1..close]);
        // The header's first line is line 2 of the file.
        var header = ContentYaml.Parse(yaml, displayPath, lineOffset: 1);
        var body = string.Join('\n', lines[(close + 1)..]).Trim('\n').TrimEnd();
        return new FrontMatterFile(header, body);
    }
}
