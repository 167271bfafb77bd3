using System.Text;

namespace Portal.Core.Search.Analysis;

/// <summary>Case folding and ё→е folding, the same at index and at query time (Lucene's analyzers do not fold ё).</summary>
public static class TextNormalizer
{
    public static string Fold(string word)
    {
        var clean = true;
        foreach (var c in word)
        {
            if (FoldChar(c) != c)
            {
                clean = false;
                break;
            }
        }
        if (clean)
        {
            return word;
        }
        var sb = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            sb.Append(FoldChar(c));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Lower case with ё as е. Russian and Latin letters are folded here: the general
    /// <see cref="char.ToLowerInvariant"/> goes through ICU for every non-ASCII letter, which was a
    /// tenth of the indexing time.
    /// </summary>
    public static char FoldChar(char c) => c switch
    {
        >= 'а' and <= 'я' => c,
        >= 'А' and <= 'Я' => (char)(c + ('а' - 'А')),
        'ё' or 'Ё' => 'е',
        >= 'a' and <= 'z' => c,
        >= 'A' and <= 'Z' => (char)(c + ('a' - 'A')),
        < '\u0080' => c,
        _ => char.ToLowerInvariant(c),
    };

    public static bool IsCyrillic(char c) => c is >= 'а' and <= 'я' or 'ё' or >= 'А' and <= 'Я' or 'Ё';

    public static bool HasDigit(string s) => HasDigit(s.AsSpan());

    public static bool HasDigit(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }
        return false;
    }
}
