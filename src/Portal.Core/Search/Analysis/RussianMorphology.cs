using System.Collections.Concurrent;
using Lucene.Net.Analysis.Hunspell;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

namespace Portal.Core.Search.Analysis;

/// <summary>
/// Word → index terms for Russian: Hunspell ru_RU lemmas (dictionary morphology), each reduced by
/// the Snowball Russian stemmer so that forms the dictionary lemmatises differently (participles,
/// short forms) still meet; words the dictionary does not know go through Snowball alone.
/// Loaded once per process (the dictionary takes a second and ~50 MB); results are cached per
/// word because the Hunspell path is several times slower than Snowball.
/// </summary>
public sealed class RussianMorphology
{
    public const string AffixFile = "ru_RU.aff";
    public const string DictionaryFile = "ru_RU.dic";
    private const int MaxCachedWords = 500_000;

    private readonly Dictionary? _dictionary;
    private readonly ConcurrentDictionary<string, string[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _cacheBySpan;
    private readonly ThreadLocal<HunspellProbe?> _hunspell;
    private readonly ThreadLocal<RussianStemmer> _snowball = new(() => new RussianStemmer());

    /// <summary>
    /// Snowball stems that two or more dictionary lemmas share («дан» ← данный, дать, дань): for
    /// these the lemma itself is the term, so stemming never merges words the dictionary keeps apart.
    /// </summary>
    private readonly HashSet<string> _ambiguousStems;

    /// <summary>
    /// Entries without affix flags: the dictionary lists some irregular forms as bare words
    /// («месяцев», «отцом», «путей»), which Hunspell then returns as their own lemma.
    /// </summary>
    private readonly HashSet<string> _bareEntries;

    /// <summary>Dictionary entries that carry affix flags: lemmas. Candidate lemmas are checked here, not through the slower stemmer.</summary>
    private readonly HashSet<string> _lemmas;
    private readonly Lazy<Dictionary<string, HashSet<char>>> _irregularInitials;

    private RussianMorphology(Dictionary? dictionary, IReadOnlyCollection<string> lemmas, HashSet<string> bareEntries)
    {
        _dictionary = dictionary;
        _cacheBySpan = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        _bareEntries = bareEntries;
        _lemmas = new HashSet<string>(lemmas, StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        _ambiguousStems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lemma in lemmas)
        {
            var stem = Snowball(lemma);
            if (owners.TryGetValue(stem, out var owner))
            {
                if (owner != lemma)
                {
                    _ambiguousStems.Add(stem);
                }
            }
            else
            {
                owners[stem] = lemma;
            }
        }
        _hunspell = new ThreadLocal<HunspellProbe?>(() => _dictionary is null ? null : new HunspellProbe(_dictionary));
        _irregularInitials = new Lazy<Dictionary<string, HashSet<char>>>(BuildIrregularInitials);
    }

    /// <summary>True when the Hunspell dictionary was found and loaded (else Snowball only).</summary>
    public bool HasDictionary => _dictionary is not null;

    public int CachedWords => _cache.Count;

    /// <summary>Loads the dictionary from a folder holding ru_RU.aff and ru_RU.dic; null folder or missing files → Snowball only.</summary>
    public static RussianMorphology Load(string? dictionaryDirectory)
    {
        if (dictionaryDirectory is null)
        {
            return new RussianMorphology(null, [], []);
        }
        var aff = Path.Combine(dictionaryDirectory, AffixFile);
        var dic = Path.Combine(dictionaryDirectory, DictionaryFile);
        if (!File.Exists(aff) || !File.Exists(dic))
        {
            return new RussianMorphology(null, [], []);
        }
        // ё is folded to е everywhere in the portal, so the dictionary is folded the same way in memory
        // (the files on disk stay as distributed).
        using var affStream = FoldedStream(aff);
        using var dicStream = FoldedStream(dic);
        var bare = new HashSet<string>(StringComparer.Ordinal);
        var lemmas = ReadLemmas(dicStream, bare);
        dicStream.Position = 0;
        return new RussianMorphology(new Dictionary(affStream, dicStream), lemmas, bare);
    }

    /// <summary>The lemma column of a .dic file (the first line is the entry count; flags follow a slash).</summary>
    private static List<string> ReadLemmas(Stream dic, HashSet<string> bareEntries)
    {
        var lemmas = new List<string>(150_000);
        using var reader = new StreamReader(dic, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        reader.ReadLine();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var slash = line.IndexOf('/');
            var word = (slash < 0 ? line : line[..slash]).Trim();
            if (word.Length > 0 && char.IsLower(word[0]))
            {
                if (slash < 0)
                {
                    bareEntries.Add(word);
                }
                else
                {
                    lemmas.Add(word);
                }
            }
        }
        return lemmas;
    }

    private static MemoryStream FoldedStream(string path)
    {
        var text = File.ReadAllText(path, System.Text.Encoding.UTF8).Replace('ё', 'е').Replace('Ё', 'Е');
        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Looks for the dictionary folder: the configured one, else <c>content/dictionaries</c> up from the app or working folder.</summary>
    public static string? FindDictionaryDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, AffixFile)) ? Path.GetFullPath(configured) : null;
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "content", "dictionaries");
                if (File.Exists(Path.Combine(candidate, AffixFile)))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>Index terms of one lower-cased, ё-folded word of letters.</summary>
    public string[] Terms(string word)
    {
        if (_cache.TryGetValue(word, out var cached))
        {
            return cached;
        }
        var terms = Compute(word);
        if (_cache.Count < MaxCachedWords)
        {
            _cache.TryAdd(word, terms);
        }
        return terms;
    }

    /// <summary>Terms of a folded word given as characters: a cached word costs no string.</summary>
    public string[] Terms(ReadOnlySpan<char> word) =>
        _cacheBySpan.TryGetValue(word, out var cached) ? cached : Terms(word.ToString());

    /// <summary>
    /// The first letters of the irregular forms that have this term («л» of «люди» for «человек»):
    /// the only words whose terms may start with another letter than the word. Built once.
    /// </summary>
    public IReadOnlyCollection<char> IrregularInitials(string term) =>
        _irregularInitials.Value.TryGetValue(term, out var initials) ? initials : [];

    private Dictionary<string, HashSet<char>> BuildIrregularInitials()
    {
        var table = new Dictionary<string, HashSet<char>>(StringComparer.Ordinal);
        foreach (var form in IrregularForms.Forms)
        {
            foreach (var term in Terms(form))
            {
                if (term.Length > 0 && term[0] != form[0])
                {
                    (table.TryGetValue(term, out var initials) ? initials : table[term] = []).Add(form[0]);
                }
            }
        }
        return table;
    }

    /// <summary>The Hunspell lemmas alone (ё-folded), for diagnostics and spelling suggestions.</summary>
    public IReadOnlyList<string> Lemmas(string word) => _hunspell.Value?.Stems(word) ?? [];

    public bool IsKnownWord(string word) => Lemmas(word).Count > 0;

    private string[] Compute(string word)
    {
        if (!ContainsCyrillic(word))
        {
            return [word];
        }
        if (IrregularForms.LemmaOf(word) is { } irregular)
        {
            return [LemmaTerm(irregular)];
        }
        var onlyProperNames = false;
        var lemmas = _hunspell.Value?.Stems(word, out onlyProperNames) ?? [];
        if (onlyProperNames || (lemmas.Count == 1 && lemmas[0] == word && _bareEntries.Contains(word)))
        {
            if (GuessLemma(word) is { } guess)
            {
                lemmas = onlyProperNames ? [guess, .. lemmas] : [guess];
            }
        }
        if (lemmas.Count == 0)
        {
            var surface = Snowball(word);
            if (GuessLemma(word) is { } guess)
            {
                var term = LemmaTerm(guess);
                return term == surface ? [term] : [term, surface];
            }
            return [surface];
        }
        var result = new List<string>(lemmas.Count + 1);
        foreach (var lemma in lemmas)
        {
            Add(result, LemmaTerm(lemma));
            foreach (var verb in ParticipleLemmas.Candidates(lemma))
            {
                if (IsOwnLemma(verb))
                {
                    Add(result, LemmaTerm(verb));
                    break;
                }
            }
        }
        return [.. result];
    }

    /// <summary>
    /// A lemma's Snowball stem where no other dictionary lemma shares it, else the lemma itself. A
    /// dictionary lemma ending in a hard consonant is a masculine noun with no ending at all: what
    /// Snowball cuts off is part of the word, taken for an ending («подъем» → «подъ», «журнал» →
    /// «журна»), so such a lemma is its own term. An entry listed without inflection rules may be an
    /// inflected form itself («писем», «самом»): its stem stays unless the cut leaves a stub shorter
    /// than a syllable («заем» → «за», «наем» → «на», the prepositions).
    /// </summary>
    private string LemmaTerm(string lemma)
    {
        var stem = Snowball(lemma);
        if (stem.Length < lemma.Length && EndsInHardConsonant(lemma) && (_lemmas.Contains(lemma) || stem.Length < 3))
        {
            return lemma;
        }
        return _ambiguousStems.Contains(stem) ? lemma : stem;
    }

    private static bool EndsInHardConsonant(string word) =>
        word.Length > 0 && TextNormalizer.IsCyrillic(word[^1]) && "аеиоуыэюяйь".IndexOf(word[^1]) < 0;

    private static void Add(List<string> terms, string term)
    {
        if (!terms.Contains(term))
        {
            terms.Add(term);
        }
    }

    private string? GuessLemma(string word) => UnknownFormGuesser.Candidates(word).FirstOrDefault(IsInflectedLemma);

    private bool IsInflectedLemma(string word) => _lemmas.Contains(word);

    private static bool ContainsCyrillic(string word)
    {
        foreach (var c in word)
        {
            if (TextNormalizer.IsCyrillic(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The dictionary has the word as an entry of its own (a lemma, or an irregular form listed bare).</summary>
    private bool IsOwnLemma(string word) => _lemmas.Contains(word) || _bareEntries.Contains(word);

    /// <summary>
    /// The Snowball stem; a word of three letters or fewer is kept whole. Snowball cuts them to a
    /// letter or two («ОО» → «о», «ЗАО» → «за»), and the result is a preposition that is in every
    /// text: the abbreviations librarians type would find everything. A known short word is
    /// lemmatised by the dictionary before it gets here.
    /// </summary>
    public string Snowball(string word)
    {
        if (word.Length <= 3)
        {
            return word;
        }
        var stemmer = _snowball.Value!;
        stemmer.SetCurrent(word);
        stemmer.Stem();
        var stem = stemmer.Current;
        return stem.Length == 0 ? word : stem;
    }

    /// <summary>
    /// Lucene.Net's Hunspell <c>Stemmer</c> is internal; <see cref="HunspellStemFilter"/> passes an unknown
    /// word through unchanged, which cannot be told apart from a word that is its own lemma. So the
    /// stemmer is called directly (one instance per thread: it keeps scratch buffers).
    /// </summary>
    private sealed class HunspellProbe
    {
        private static readonly Type StemmerType =
            typeof(HunspellStemFilter).Assembly.GetType("Lucene.Net.Analysis.Hunspell.Stemmer", throwOnError: true)!;

        private readonly Func<string, IList<CharsRef>> _stem;

        public HunspellProbe(Dictionary dictionary)
        {
            var stemmer = Activator.CreateInstance(StemmerType, dictionary)!;
            var method = StemmerType.GetMethod("Stem", [typeof(string)])!;
            _stem = method.CreateDelegate<Func<string, IList<CharsRef>>>(stemmer);
        }

        /// <summary>
        /// Lemmas of a lower-case word. The stemmer also matches capitalised entries (surnames such as
        /// «Месяцев», «Сыновей»): those count only when no common-noun lemma exists, and are
        /// reported separately so that a guessed common lemma can win over a surname.
        /// </summary>
        public IReadOnlyList<string> Stems(string word) => Stems(word, out _);

        public IReadOnlyList<string> Stems(string word, out bool onlyProperNames)
        {
            var common = new List<string>(2);
            var proper = new List<string>(1);
            foreach (var stem in _stem(word))
            {
                var text = stem.ToString();
                var target = text.Length > 0 && char.IsUpper(text[0]) ? proper : common;
                var folded = TextNormalizer.Fold(text);
                if (!target.Contains(folded))
                {
                    target.Add(folded);
                }
            }
            onlyProperNames = common.Count == 0 && proper.Count > 0;
            return common.Count > 0 ? common : proper;
        }
    }
}
