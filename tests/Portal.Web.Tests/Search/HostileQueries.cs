using System.Text;

namespace Portal.Web.Tests.Search;

/// <summary>
/// Queries nobody should type and somebody will: regular expressions, nested groups, wildcards and
/// fuzzy marks everywhere, every operator of the advanced syntax, thousand-character strings,
/// control characters and broken surrogates, mixed with the words of real searches so that the
/// wildcards have terms to expand. Deterministic for a seed.
/// </summary>
public static class HostileQueries
{
    private static readonly string[] Words =
    [
        "учебник", "списание", "фонд", "библиотека", "приказ", "порядок", "учет", "акт", "договор", "работник",
        "статья", "кодекс", "федеральный", "закон", "образование", "ребенок", "право", "срок", "а", "в", "и", "о",
    ];

    private static readonly string[] Operators =
    [
        "AND", "OR", "NOT", "&&", "||", "!", "+", "-", "^", "^1e30", "^-5", "~", "~2", "~0.1", "~999999", ":", "\\", "\"", "(", ")",
        "[", "]", "{", "}", "TO", "*", "?", "/", "*:*", "title:", "body:", "kind:", "текст:", "заголовок:", "[* TO *]", "{а TO я}",
    ];

    private static readonly string[] Regexes =
    [
        "/.*а.{30}/", "/(a|aa)*b/", "/[а-я]+(ов|ев){1,100}/", "/.*.*.*.*.*.*.*.*.*.*x/", "/((((((((((a))))))))))*/", "/[^а]{1,1000}/",
        "/@&~(а)/", "/<1-1000000>/", "/.{0,100}.{0,100}.{0,100}/",
    ];

    public static IEnumerable<string> Generate(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return (i % 10) switch
            {
                0 => Regexes[random.Next(Regexes.Length)] + (random.Next(2) == 0 ? " " + Word(random) : ""),
                1 => Nested(random),
                2 => Join(random, () => Wildcarded(random)),
                3 => Join(random, () => Word(random) + "~" + random.Next(-2, 5)),
                4 => Long(random),
                5 => Join(random, () => random.Next(2) == 0 ? Operators[random.Next(Operators.Length)] : Word(random)),
                6 => Controls(random),
                7 => Join(random, () => Word(random)) + " " + Operators[random.Next(Operators.Length)] + Wildcarded(random),
                8 => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(3) switch { 0 => "*", 1 => "?", _ => Word(random)[..1] })),
                _ => RandomChars(random, random.Next(1, 80)),
            };
        }
    }

    private static string Word(Random random) => Words[random.Next(Words.Length)];

    private static string Join(Random random, Func<string> part) => string.Join(' ', Enumerable.Range(0, random.Next(1, 12)).Select(_ => part()));

    /// <summary>A word with * and ? at random places, the first letter kept half the time.</summary>
    private static string Wildcarded(Random random)
    {
        var word = new StringBuilder(Word(random));
        for (var k = random.Next(1, 5); k > 0; k--)
        {
            word.Insert(random.Next(random.Next(2) == 0 ? 1 : 0, word.Length + 1), random.Next(2) == 0 ? '*' : '?');
        }
        return word.ToString();
    }

    private static string Nested(Random random)
    {
        var depth = random.Next(1, 60);
        var inner = Word(random);
        for (var d = 0; d < depth; d++)
        {
            inner = random.Next(3) switch
            {
                0 => "(" + inner + ")",
                1 => "(" + inner + " OR " + Wildcarded(random) + ")",
                _ => "(" + Word(random) + " AND (" + inner + " NOT " + Word(random) + "))",
            };
        }
        return inner;
    }

    private static string Long(Random random) => random.Next(5) switch
    {
        0 => new string('а', 1000 + random.Next(2000)),
        1 => string.Join(' ', Enumerable.Range(0, 300).Select(_ => Word(random))),
        2 => new string('*', 1000),
        3 => new string('(', 1000),
        _ => string.Join(' ', Enumerable.Range(0, 200).Select(_ => Wildcarded(random))),
    };

    private static string Controls(Random random)
    {
        char[] odd = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\ud800', '\udc00', '\ufffd', '\u200b', '\u202e', '\ufeff', '\n', '\t'];
        return string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => random.Next(2) == 0 ? odd[random.Next(odd.Length)].ToString() : Word(random)));
    }

    private static string RandomChars(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(0x20, 0x500);
        }
        return new string(chars);
    }
}
