using Lucene.Net.Index;
using Lucene.Net.Search;
using Portal.Core.Search.Analysis;
using Portal.Core.Search.Indexing;

namespace Portal.Core.Search.Querying;

/// <summary>
/// Words and titles of the index as people write them, for autocomplete and «Возможно, вы имели в
/// виду» (Lucene.Net.Suggest is not available; the index holds stems, not words). Built from the
/// titles, headings and body beginnings of one searcher generation; rebuilt when the index changes.
/// </summary>
public sealed class SearchVocabulary
{
    private readonly string[] _words;
    private readonly int[] _frequencies;
    private readonly TitleEntry[] _titles;

    private SearchVocabulary(string[] words, int[] frequencies, TitleEntry[] titles)
    {
        _words = words;
        _frequencies = frequencies;
        _titles = titles;
    }

    public static SearchVocabulary Empty { get; } = new([], [], []);

    public int WordCount => _words.Length;

    public static SearchVocabulary Build(IndexSearcher searcher)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var titles = new List<TitleEntry>();
        var reader = searcher.IndexReader;
        var live = MultiFields.GetLiveDocs(reader);
        var fields = new HashSet<string> { SearchFields.Headings };
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is not null && !live.Get(doc))
            {
                continue;
            }
            var shown = LuceneDocuments.ReadDisplay(reader, doc, snippetDoc: doc);
            CountWords(counts, shown.Title);
            CountWords(counts, reader.Document(doc, fields).Get(SearchFields.Headings) ?? "");
            CountWords(counts, shown.SnippetSource);
            if (shown.Title.Length > 0)
            {
                titles.Add(new TitleEntry(shown.Title, TextNormalizer.Fold(shown.Title), shown.Url));
            }
        }
        var words = counts.Keys.Order(StringComparer.Ordinal).ToArray();
        return new SearchVocabulary(words, words.Select(w => counts[w]).ToArray(), [.. titles]);
    }

    private static void CountWords(Dictionary<string, int> counts, string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && (TextNormalizer.IsCyrillic(text[i]) || text[i] == '-' && start >= 0);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                var word = TextNormalizer.Fold(text[start..i].Trim('-'));
                if (word.Length >= 3)
                {
                    counts[word] = counts.GetValueOrDefault(word) + 1;
                }
                start = -1;
            }
        }
    }

    public bool Contains(string foldedWord) => Array.BinarySearch(_words, foldedWord, StringComparer.Ordinal) >= 0;

    /// <summary>Frequent words starting with a prefix, most frequent first.</summary>
    public IEnumerable<string> WordsStartingWith(string prefix, int max)
    {
        if (prefix.Length == 0)
        {
            return [];
        }
        var i = Array.BinarySearch(_words, prefix, StringComparer.Ordinal);
        if (i < 0)
        {
            i = ~i;
        }
        var matches = new List<(string Word, int Frequency)>();
        for (; i < _words.Length && _words[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            matches.Add((_words[i], _frequencies[i]));
        }
        return matches.OrderByDescending(m => m.Frequency).ThenBy(m => m.Word.Length).Take(max).Select(m => m.Word);
    }

    /// <summary>Titles whose words start with every typed word (the last one may be partial).</summary>
    public IEnumerable<(string Title, string Url)> TitlesMatching(IReadOnlyList<string> foldedWords, int max)
    {
        if (foldedWords.Count == 0)
        {
            return [];
        }
        var found = new List<(TitleEntry Entry, bool Starts)>();
        foreach (var entry in _titles)
        {
            if (foldedWords.All(w => HasWordStartingWith(entry.Folded, w)))
            {
                found.Add((entry, entry.Folded.StartsWith(foldedWords[0], StringComparison.Ordinal)));
                if (found.Count > 500)
                {
                    break;
                }
            }
        }
        return found.OrderByDescending(f => f.Starts).ThenBy(f => f.Entry.Title.Length).Take(max).Select(f => (f.Entry.Title, f.Entry.Url));
    }

    private static bool HasWordStartingWith(string text, string prefix)
    {
        var index = 0;
        while ((index = text.IndexOf(prefix, index, StringComparison.Ordinal)) >= 0)
        {
            if (index == 0 || !char.IsLetterOrDigit(text[index - 1]))
            {
                return true;
            }
            index++;
        }
        return false;
    }

    /// <summary>The closest frequent word within a small edit distance, for an unknown query word.</summary>
    public string? Correct(string word)
    {
        if (word.Length < 4)
        {
            return null;
        }
        var maxDistance = word.Length <= 5 ? 1 : 2;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        for (var i = 0; i < _words.Length; i++)
        {
            var candidate = _words[i];
            if (Math.Abs(candidate.Length - word.Length) > maxDistance || candidate[0] != word[0] && candidate[^1] != word[^1])
            {
                continue;
            }
            var distance = EditDistance.Damerau(word, candidate, maxDistance);
            if (distance <= maxDistance && (distance < bestDistance || distance == bestDistance && _frequencies[i] > bestFrequency))
            {
                best = candidate;
                bestDistance = distance;
                bestFrequency = _frequencies[i];
            }
        }
        return bestDistance == 0 ? null : best;
    }

    private sealed record TitleEntry(string Title, string Folded, string Url);
}

public static class EditDistance
{
    /// <summary>Optimal string alignment distance, giving up (returns max+1) once it exceeds <paramref name="max"/>.</summary>
    public static int Damerau(string a, string b, int max)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                }
                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
        }
        return d[a.Length, b.Length];
    }
}
