using Portal.Core.Search.Analysis;

namespace Portal.Core.Search.Querying;

/// <summary>
/// Abbreviations and synonyms of the field («ФПУ = федеральный перечень учебников»), applied at
/// query time so that editing the file needs no reindex. Format: one group per line, variants
/// separated by «=» or «,»; «#» starts a comment. «a, b => c» is one-way: a query saying «a» or «b»
/// also finds «c», a query saying «c» is left alone — for everyday words a law spells one way
/// («развод => расторжение брака»): the law's own term must not pull in every text with the
/// everyday word.
/// </summary>
public sealed class SynonymDictionary
{
    /// <summary>Each group: its variants, each variant as analysed terms (one alternative set per position).</summary>
    private readonly List<Group> _groups;

    private SynonymDictionary(List<Group> groups, IReadOnlyList<string> errors)
    {
        _groups = groups;
        Errors = errors;
    }

    public static SynonymDictionary Empty { get; } = new([], []);

    /// <summary>Lines that could not be read (fewer than two variants), with their numbers, for the editor.</summary>
    public IReadOnlyList<string> Errors { get; }

    public int GroupCount => _groups.Count;

    public static SynonymDictionary Parse(string text, PortalAnalyzer analyzer)
    {
        var groups = new List<Group>();
        var errors = new List<string>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            var hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash].Trim();
            }
            if (line.Length == 0)
            {
                continue;
            }
            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            var errorsBefore = errors.Count;
            if (arrow >= 0)
            {
                var from = line.IndexOf("=>", arrow + 2, StringComparison.Ordinal) < 0 ? Variants(analyzer, line[..arrow], lineNumber, errors) : [];
                var to = from.Count > 0 ? Variants(analyzer, line[(arrow + 2)..], lineNumber, errors) : [];
                if (from.Count == 0 || to.Count == 0 || from.All(v => v.QueryPositions.Count == 0))
                {
                    // One message a line: the variant's own (function words only) says more.
                    if (errors.Count == errorsBefore)
                    {
                        errors.Add($"Строка {lineNumber}: в правиле «=>» нужны слова слева и справа, например «развод => расторжение брака».");
                    }
                    continue;
                }
                groups.Add(new Group(from, to));
                continue;
            }
            var variants = Variants(analyzer, line, lineNumber, errors);
            if (variants.Count < 2)
            {
                if (errors.Count == errorsBefore)
                {
                    errors.Add($"Строка {lineNumber}: нужно не меньше двух вариантов через «=» или запятую.");
                }
                continue;
            }
            groups.Add(new Group(variants, variants));
        }
        return new SynonymDictionary(groups, errors);
    }

    /// <summary>
    /// The variants of one side of a line. A variant is matched against a query as the query is
    /// read (function words dropped: «выезд за границу» is «выезд границу» to the query) and
    /// searched as a phrase with its function words («разрешение на временное проживание»). A
    /// variant of function words only would find every text: it is reported and left out.
    /// </summary>
    private static List<Variant> Variants(PortalAnalyzer analyzer, string text, int lineNumber, List<string> errors)
    {
        var variants = new List<Variant>();
        foreach (var part in text.Split(['=', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var positions = Positions(analyzer, part);
            if (positions.Count == 0)
            {
                continue;
            }
            var queryPositions = UserQuery.Parse(part, analyzer).Positions.ToList();
            if (queryPositions.Count == 0 && !TextNormalizer.HasDigit(part))
            {
                errors.Add($"Строка {lineNumber}: «{part}» — только служебные слова («и», «на», «за»…), по ним не ищут.");
                continue;
            }
            variants.Add(new Variant(part, positions, queryPositions));
        }
        return variants;
    }

    private static List<string[]> Positions(PortalAnalyzer analyzer, string text) =>
        analyzer.Analyze(SearchFields.Body, text)
            .GroupBy(t => t.Position)
            .OrderBy(g => g.Key)
            .Select(g => g.Select(t => t.Term).Distinct().ToArray())
            .ToList();

    /// <summary>
    /// For a query (its content positions, each a set of alternative terms): every span that spells
    /// a variant, with the other variants of its group.
    /// </summary>
    public IEnumerable<SynonymMatch> Match(IReadOnlyList<string[]> query)
    {
        foreach (var group in _groups)
        {
            // A number («273-ФЗ») is no word of a query: such a variant is only ever searched for.
            foreach (var variant in group.From.Where(v => v.QueryPositions.Count > 0))
            {
                var length = variant.QueryPositions.Count;
                for (var start = 0; start + length <= query.Count; start++)
                {
                    if (Spells(query, start, variant))
                    {
                        var others = group.To.Where(v => !v.Text.Equals(variant.Text, StringComparison.OrdinalIgnoreCase)).Select(v => v.Positions).ToList();
                        if (others.Count > 0)
                        {
                            yield return new SynonymMatch(start, length, others);
                        }
                    }
                }
            }
        }
    }

    private static bool Spells(IReadOnlyList<string[]> query, int start, Variant variant)
    {
        for (var i = 0; i < variant.QueryPositions.Count; i++)
        {
            if (!variant.QueryPositions[i].Any(query[start + i].Contains))
            {
                return false;
            }
        }
        return true;
    }

    /// <param name="Positions">Every word's terms, function words included: what is searched.</param>
    /// <param name="QueryPositions">The terms of the words a query keeps: what is matched in a query.</param>
    private sealed record Variant(string Text, List<string[]> Positions, List<string[]> QueryPositions);

    /// <summary>Variants a query may say, and the variants it then also finds (the same list for a two-way group).</summary>
    private sealed record Group(List<Variant> From, List<Variant> To);
}

/// <summary>A query span [Start, Start+Length) that is one variant; the other variants as term positions.</summary>
public sealed record SynonymMatch(int Start, int Length, IReadOnlyList<List<string[]>> Alternatives);
