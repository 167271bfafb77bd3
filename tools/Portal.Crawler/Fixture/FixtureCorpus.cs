using System.Text.Json;

namespace Portal.Crawler.Fixture;

/// <summary>A real act from the shared corpus, as the fixture site publishes it: the truth the crawl is scored against.</summary>
public sealed record FixtureAct(string Id, string Title, string DocType, string? Number, DateOnly? Date, string Body);

/// <summary>Reads acts with printed requisites from <c>../shared/corpus/regulations.jsonl</c> (never copied into the repository).</summary>
public static class FixtureCorpus
{
    /// <summary>The shared folder beside the repository: found by walking up to <c>Portal.sln</c>.</summary>
    public static string SharedDirectory(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }
        throw new InvalidOperationException("Portal.sln not found above " + (start ?? AppContext.BaseDirectory));
    }

    public static string CorpusFile(string? start = null) => Path.Combine(SharedDirectory(start), "corpus", "regulations.jsonl");

    /// <summary>Every corpus record, lazily (44 MB: read line by line).</summary>
    public static IEnumerable<JsonElement> Records(string file)
    {
        foreach (var line in File.ReadLines(file))
        {
            using var json = JsonDocument.Parse(line);
            yield return json.RootElement.Clone();
        }
    }

    /// <summary>Whole acts (not code articles) whose title prints type, date and number, with a body long enough to score.</summary>
    public static List<FixtureAct> Acts(string file, int count, int maxBodyChars = 4000)
    {
        var result = new List<FixtureAct>();
        var numbers = new HashSet<string>();
        foreach (var r in Records(file))
        {
            var type = r.GetProperty("doc_type").GetString() ?? "";
            var title = r.GetProperty("title").GetString() ?? "";
            var number = r.GetProperty("number").GetString();
            if (type.Contains("(статья)") || number is null || !title.StartsWith(type.Split(' ')[0], StringComparison.OrdinalIgnoreCase) ||
                !title.Contains(" от ") || !numbers.Add(number))
            {
                continue;
            }
            var text = r.GetProperty("text").GetString() ?? "";
            if (text.Length < 800)
            {
                continue;
            }
            var date = DateOnly.TryParse(r.GetProperty("date").GetString(), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : (DateOnly?)null;
            result.Add(new FixtureAct(r.GetProperty("id").GetString()!, title, type, number, date, Cut(text, maxBodyChars)));
            if (result.Count == count)
            {
                break;
            }
        }
        return result;
    }

    /// <summary>The first paragraphs of a text up to about <paramref name="max"/> characters, whole paragraphs only.</summary>
    private static string Cut(string text, int max)
    {
        var paragraphs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kept = new List<string>();
        var length = 0;
        foreach (var p in paragraphs)
        {
            if (length > 0 && length + p.Length > max)
            {
                break;
            }
            kept.Add(p);
            length += p.Length;
        }
        return string.Join("\n\n", kept);
    }
}
