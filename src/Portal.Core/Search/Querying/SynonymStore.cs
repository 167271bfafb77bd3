using Portal.Core.Search.Analysis;

namespace Portal.Core.Search.Querying;

/// <summary>
/// The editable synonyms file (<c>content/search/synonyms.txt</c>, or a copy under the data folder
/// once the head edits it): parsed once, re-read when the file changes, saved atomically.
/// </summary>
public sealed class SynonymStore(string path, PortalAnalyzer analyzer)
{
    public const string FileName = "synonyms.txt";
    private readonly object _lock = new();
    private SynonymDictionary _current = SynonymDictionary.Empty;
    private DateTime _loadedWriteTime = DateTime.MinValue;

    public string Path { get; } = path;

    /// <summary>Looks for <c>content/search/synonyms.txt</c> up from the app and the working folder.</summary>
    public static string? FindDefaultFile()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "content", "search", FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    public SynonymDictionary Current
    {
        get
        {
            var writeTime = File.Exists(Path) ? File.GetLastWriteTimeUtc(Path) : DateTime.MinValue;
            if (writeTime == _loadedWriteTime)
            {
                return _current;
            }
            lock (_lock)
            {
                if (writeTime != _loadedWriteTime)
                {
                    _current = writeTime == DateTime.MinValue ? SynonymDictionary.Empty : SynonymDictionary.Parse(File.ReadAllText(Path), analyzer);
                    _loadedWriteTime = writeTime;
                }
                return _current;
            }
        }
    }

    public string ReadText() => File.Exists(Path) ? File.ReadAllText(Path) : "";

    /// <summary>Validates and saves; returns the problems found (nothing is saved when there are any).</summary>
    public IReadOnlyList<string> Save(string text)
    {
        var parsed = SynonymDictionary.Parse(text, analyzer);
        if (parsed.Errors.Count > 0)
        {
            return parsed.Errors;
        }
        lock (_lock)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temp = Path + ".tmp";
            File.WriteAllText(temp, text.Replace("\r\n", "\n"));
            File.Move(temp, Path, overwrite: true);
            _current = parsed;
            _loadedWriteTime = File.GetLastWriteTimeUtc(Path);
        }
        return [];
    }
}
