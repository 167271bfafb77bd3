namespace Portal.Core.Search.Analysis;

/// <summary>
/// The ru_RU dictionary lacks some inflected forms of words it knows («месяцев», «отцом», «путей»).
/// For such a form this proposes lemmas by swapping a case ending and undoing a fleeting vowel
/// (отцом → отц → отец); the caller keeps only candidates the dictionary knows as lemmas.
/// </summary>
public static class UnknownFormGuesser
{
    private static readonly string[] Endings =
    [
        "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ов", "ев", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "ой", "ую", "ых", "их",
        "а", "я", "у", "ю", "е", "и", "ы", "о", "ь", "",
    ];

    private static readonly string[] LemmaEndings = ["", "ь", "а", "я", "о", "е", "й", "ий", "ый"];

    public static IEnumerable<string> Candidates(string word)
    {
        foreach (var ending in Endings)
        {
            if (!word.EndsWith(ending, StringComparison.Ordinal) || word.Length - ending.Length < 3 || (ending.Length == 0 && IsVowel(word[^1])))
            {
                continue;
            }
            var stem = word[..^ending.Length];
            foreach (var lemmaEnding in LemmaEndings)
            {
                yield return stem + lemmaEnding;
            }
            // fleeting vowel in the form: земел → земл(я), чисел → числ(о), сестер → сестр(а)
            if (stem.Length >= 4 && stem[^2] is 'е' or 'о' && !IsVowel(stem[^1]) && !IsVowel(stem[^3]))
            {
                var without = stem[..^2] + stem[^1];
                foreach (var lemmaEnding in LemmaEndings)
                {
                    yield return without + lemmaEnding;
                }
            }
            // fleeting vowel: отц → отец, конц → конец, бойц → боец, сн → сон
            if (stem.Length >= 3 && !IsVowel(stem[^1]) && !IsVowel(stem[^2]))
            {
                var head = stem[..^1];
                var last = stem[^1];
                if (head.EndsWith('й'))
                {
                    yield return head[..^1] + "е" + last;
                }
                else if (head.EndsWith('ь'))
                {
                    yield return head[..^1] + "е" + last;
                }
                else
                {
                    yield return head + "е" + last;
                    yield return head + "о" + last;
                }
            }
        }
    }

    private static bool IsVowel(char c) => "аеиоуыэюяё".Contains(c);
}
