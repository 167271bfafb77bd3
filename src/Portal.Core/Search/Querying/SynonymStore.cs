using Portal.Core.Search.Analysis;

namespace Portal.Core.Search.Querying;

/// <summary>
/// The synonyms file: the shipped <c>content/search/synonyms.txt</c> until the head edits it, then
/// the edited copy under the data folder (so an update of the portal never overwrites an edit).
/// Parsed once, re-read when the file changes, saved atomically.
/// </summary>
public sealed class SynonymStore(string editablePath, string? defaultPath, PortalAnalyzer analyzer)
{
    public const string FileName = "synonyms.txt";
    private readonly object _lock = new();
    private SynonymDictionary _current = SynonymDictionary.Empty;
    private DateTime _loadedWriteTime = DateTime.MinValue;

    /// <summary>The file in effect: the edited copy when there is one, else the shipped default.</summary>
    public string Path => File.Exists(editablePath) || defaultPath is null ? editablePath : defaultPath;

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
            var path = Path;
            var writeTime = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
            if (writeTime == _loadedWriteTime)
            {
                return _current;
            }
            lock (_lock)
            {
                if (writeTime != _loadedWriteTime)
                {
                    _current = writeTime == DateTime.MinValue ? SynonymDictionary.Empty : SynonymDictionary.Parse(File.ReadAllText(path), analyzer);
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
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(editablePath)!);
            var temp = editablePath + ".tmp";
            File.WriteAllText(temp, text.Replace("\r\n", "\n"));
            File.Move(temp, editablePath, overwrite: true);
            _current = parsed;
            _loadedWriteTime = File.GetLastWriteTimeUtc(editablePath);
        }
        return [];
    }
}
