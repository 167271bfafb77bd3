using Lucene.Net.Analysis.Ru;

namespace Portal.Core.Search.Analysis;

/// <summary>Russian function words (Lucene's Russian stop list, ё-folded), removed from text fields.</summary>
public static class StopWords
{
    private static readonly HashSet<string> Words = BuildSet();

    public static bool Contains(string foldedWord) => Words.Contains(foldedWord);

    private static HashSet<string> BuildSet()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in RussianAnalyzer.DefaultStopSet)
        {
            set.Add(TextNormalizer.Fold(word));
        }
        return set;
    }
}
