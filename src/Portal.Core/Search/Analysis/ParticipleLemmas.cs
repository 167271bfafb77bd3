namespace Portal.Core.Search.Analysis;

/// <summary>
/// Hunspell ru_RU lemmatises a participle to its own adjective-like lemma («подготовленный»,
/// «существующий»), while the verb's other forms lemmatise to the infinitive («подготовить»).
/// These rules propose the infinitive a participle lemma comes from; a candidate counts only when
/// the dictionary knows it as a lemma, so the rules never invent words.
/// </summary>
public static class ParticipleLemmas
{
    private static readonly (string Ending, string[] Replacements)[] Rules =
    [
        // past active: существовавший → существовать, подготовивший → подготовить
        ("вший", ["ть"]),
        // приведший → привести, умерший → умереть, погибший → погибнуть
        ("едший", ["ести"]),
        ("ший", ["ти", "еть", "нуть"]),
        // present active: читающий → читать, существующий → существовать, находящий → находить
        ("ующий", ["овать", "евать", "уть"]),
        ("юющий", ["евать"]),
        ("ающий", ["ать"]),
        ("яющий", ["ять"]),
        ("еющий", ["еть"]),
        ("ющий", ["ть", "ить"]),
        ("ящий", ["ить", "еть", "ять"]),
        ("ащий", ["ать", "ить", "еть"]),
        ("ущий", ["ти", "ть"]),
        // present passive: изучаемый → изучать, видимый → видеть
        ("аемый", ["ать"]),
        ("яемый", ["ять"]),
        ("уемый", ["овать"]),
        ("емый", ["ть"]),
        ("имый", ["ить", "еть"]),
        // past passive: написанный → написать, подготовленный → подготовить, открытый → открыть
        ("анный", ["ать"]),
        ("янный", ["ять"]),
        ("ованный", ["овать"]),
        ("енный", ["ить", "еть", "ти", "сти"]),
        ("ынный", ["ыть"]),
        ("тый", ["ть"]),
    ];

    /// <summary>Consonant alternations before -енный (подготовленный ← подготовить, обеспеченный ← обеспечить).</summary>
    private static readonly (string From, string[] To)[] Alternations =
    [
        ("вл", ["в"]), ("бл", ["б"]), ("пл", ["п"]), ("мл", ["м"]), ("фл", ["ф"]),
        ("ж", ["з", "д"]), ("жд", ["д"]), ("ч", ["т", "к"]), ("щ", ["ст", "ск", "т"]), ("ш", ["с", "х"]),
        ("д", ["с"]), ("т", ["с"]),
    ];

    /// <summary>Candidate infinitives (not yet checked against the dictionary) for a participle lemma.</summary>
    public static IEnumerable<string> Candidates(string lemma)
    {
        var reflexive = lemma.EndsWith("ся", StringComparison.Ordinal);
        var core = reflexive ? lemma[..^2] : lemma;
        foreach (var (ending, replacements) in Rules)
        {
            if (!core.EndsWith(ending, StringComparison.Ordinal) || core.Length <= ending.Length + 2)
            {
                continue;
            }
            var stem = core[..^ending.Length];
            foreach (var replacement in replacements)
            {
                yield return Reflexive(stem + replacement, reflexive);
                if (ending == "енный")
                {
                    foreach (var (from, tos) in Alternations)
                    {
                        if (stem.EndsWith(from, StringComparison.Ordinal))
                        {
                            foreach (var to in tos)
                            {
                                yield return Reflexive(stem[..^from.Length] + to + replacement, reflexive);
                            }
                        }
                    }
                }
            }
        }
    }

    private static string Reflexive(string infinitive, bool reflexive) =>
        !reflexive ? infinitive : infinitive.EndsWith('ь') || infinitive.EndsWith('и') ? infinitive + "ся" : infinitive + "ся";
}
