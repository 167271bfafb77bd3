using Lucene.Net.Index;
using Lucene.Net.Search;
using Portal.Core.Search.Analysis;

namespace Portal.Core.Search.Querying;

/// <summary>
/// A query in two parts: <see cref="Match"/> decides which documents match and scores them;
/// <see cref="Proximity"/> (the query's words near each other) only adds to the score of the best
/// matches (<see cref="RankingWeights.RescoreDepth"/>). Sloppy phrases read positions for every
/// document holding all the words, the dearest part of a query over long legal texts; run over the
/// top hits alone they cost a fraction and give the same order at the top.
/// </summary>
public sealed record RankedQuery(Query Match, ProximityQuery? Proximity)
{
    /// <summary>The index entries of the query's terms, looked up once on the reader the query was built for.</summary>
    internal TermLookup? Terms { get; init; }
}

/// <summary>
/// Turns a <see cref="UserQuery"/> into Lucene queries: every content word matches in any field
/// (title above requisites above headings above body, best field counts most), requisites match
/// exactly, the words near each other count extra (phrase proximity), and synonyms stand in for
/// the words they replace. Never parses user syntax, so no input can make it throw.
/// </summary>
public sealed class SearchQueryBuilder(RankingWeights weights)
{
    public RankingWeights Weights { get; } = weights;

    /// <param name="reader">The index searched, to tell common words from rare ones; without it every word may start a match.</param>
    public RankedQuery Build(UserQuery query, SynonymDictionary synonyms, PortalAnalyzer analyzer, IndexReader? reader = null)
    {
        var terms = reader is null ? null : new TermLookup(reader);
        var match = BuildMatch(query, synonyms, analyzer, terms is null ? _ => true : RareIn(terms, reader!.NumDocs), terms);
        return new(match, query.Positions.Count < 2 ? null : new ProximityQuery(query.Positions, Weights)) { Terms = terms };
    }

    /// <summary>
    /// A word with a term that is in the index but in at most <see cref="RankingWeights.CommonWordShare"/>
    /// of the documents. In a small index no word is common: there is nothing to save. A word the
    /// index lacks (a typo) is not rare: it must not be the only way in.
    /// </summary>
    private Func<string[], bool> RareIn(TermLookup terms, int documents)
    {
        var cutoff = Math.Max(Weights.CommonWordShare * documents, MinCommonDocuments);
        return position => position.Any(t => terms.DocFreq(new Term(SearchFields.Body, t)) is var frequency && frequency > 0 && frequency <= cutoff);
    }

    private const int MinCommonDocuments = 500;

    /// <summary>
    /// The words, synonyms, requisites and article references of a query. A document must match one
    /// of its rarer parts (see <paramref name="isRare"/>: a rare word, a synonym with a rare word, a
    /// requisite) before its common words («российский», «федерация», «право») are scored. Alone such
    /// a word ranks nothing (low idf, one word of several), but matching it walks nearly every
    /// document in four fields; gated, it is looked up only in the documents the rare parts found.
    /// A query of common words only is left ungated.
    /// </summary>
    /// <param name="terms">The index's entries for the query's terms, looked up once for all clauses, on the reader the query runs on; null to let each clause look its own up.</param>
    private Query BuildMatch(UserQuery query, SynonymDictionary synonyms, PortalAnalyzer analyzer, Func<string[], bool> isRare, TermLookup? terms)
    {
        var root = new BooleanQuery(disableCoord: true);
        var gate = new BooleanQuery(disableCoord: true);
        var positions = query.Positions;
        var rare = positions.Select(isRare).ToArray();
        // Each position of the query is one clause of a coordinated query (see PortalSimilarity): a
        // document that has more of the query's words ranks above one that has a single word in a
        // heavier field. A synonym stands in for the words it replaces: a text that says «иностранный
        // гражданин» covers the position of «мигрант» as the word itself would.
        var slots = new List<Query>[positions.Count];
        for (var i = 0; i < positions.Count; i++)
        {
            var word = WordClause(positions[i], terms);
            slots[i] = [word];
            if (rare[i])
            {
                gate.Add(word, Occur.SHOULD);
            }
        }
        var synonymMatches = synonyms.Match(positions).ToList();
        foreach (var match in synonymMatches)
        {
            foreach (var alternative in match.Alternatives)
            {
                var anyRare = alternative.Any(isRare);
                // A phrase of common words only («российская федерация») is in nearly every text: in
                // the body it ranks nothing and costs a position check per document; titles keep it.
                var clause = alternative.Count == 1
                    ? WordClause(alternative[0], terms)
                    : anyRare
                        ? Either(Phrase(alternative, SearchFields.Body, 1, 1f)!, Phrase(alternative, SearchFields.Title, 1, Weights.Title)!)
                        : Phrase(alternative, SearchFields.Title, 1, Weights.Title);
                if (clause is null)
                {
                    continue;
                }
                // A synonym of several query words counts once in all: a share in each position.
                clause.Boost = Weights.Synonym / match.Length;
                for (var i = match.Start; i < match.Start + match.Length; i++)
                {
                    slots[i].Add(clause);
                }
                if (anyRare)
                {
                    gate.Add(clause, Occur.SHOULD);
                }
            }
        }
        var words = new BooleanQuery(disableCoord: false);
        foreach (var slot in slots)
        {
            if (slot.Count == 1)
            {
                words.Add(slot[0], Occur.SHOULD);
                continue;
            }
            var either = new BooleanQuery(disableCoord: true);
            foreach (var clause in slot)
            {
                either.Add(clause, Occur.SHOULD);
            }
            words.Add(either, Occur.SHOULD);
        }
        if (positions.Count > 0)
        {
            root.Add(words, Occur.SHOULD);
        }
        foreach (var token in query.ExactTokens)
        {
            var exact = new DisjunctionMaxQuery(0.1f)
            {
                Boosted(TermQuery(new Term(SearchFields.Exact, token), terms), Weights.Exact),
                Boosted(TermQuery(new Term(SearchFields.TitleExact, token), terms), Weights.TitleExact),
                Boosted(TermQuery(new Term(SearchFields.Body, token), terms), Weights.Body),
            };
            root.Add(exact, Occur.SHOULD);
            gate.Add(exact, Occur.SHOULD);
        }
        var articleTerms = analyzer.Morphology.Terms("статья");
        var codes = NamedCodes(synonymMatches, analyzer);
        foreach (var article in query.Articles)
        {
            var phrase = new MultiPhraseQuery { Slop = 0 };
            phrase.Add(articleTerms.Select(t => new Term(SearchFields.Title, t)).ToArray());
            phrase.Add(new Term(SearchFields.Title, article));
            Query reference = phrase;
            if (codes.Count > 0)
            {
                // «ст. 81 ТК»: article 81 of the Labour Code, not article 81 of every code.
                var code = new DisjunctionMaxQuery(0f);
                foreach (var name in codes)
                {
                    code.Add(Phrase(name, SearchFields.Title, 0, 1f)!);
                }
                reference = new BooleanQuery { { phrase, Occur.MUST }, { code, Occur.MUST } };
            }
            reference.Boost = Weights.ArticleReference;
            root.Add(reference, Occur.SHOULD);
            gate.Add(reference, Occur.SHOULD);
        }
        if (positions.Count < 2 || rare.All(r => r) || !rare.Any(r => r))
        {
            return root;
        }
        return new BooleanQuery(disableCoord: true)
        {
            { new ConstantScoreQuery(gate) { Boost = 0f }, Occur.MUST },
            { root, Occur.SHOULD },
        };
    }

    /// <summary>Codes the query names by abbreviation («ТК», «ГК РФ»): the synonym alternatives that are a code's name.</summary>
    private static List<List<string[]>> NamedCodes(IEnumerable<SynonymMatch> synonymMatches, PortalAnalyzer analyzer)
    {
        var codeTerm = analyzer.Morphology.Terms("кодекс");
        return synonymMatches
            .SelectMany(m => m.Alternatives)
            .Where(a => a.Count > 1 && a.Any(position => position.Intersect(codeTerm).Any()))
            .ToList();
    }

    private Query WordClause(string[] alternatives, TermLookup? terms)
    {
        var fields = new DisjunctionMaxQuery(Weights.FieldTieBreaker)
        {
            Field(alternatives, SearchFields.Title, Weights.Title, terms),
            Field(alternatives, SearchFields.Requisites, Weights.Requisites, terms),
            Field(alternatives, SearchFields.Headings, Weights.Headings, terms),
            Field(alternatives, SearchFields.Body, Weights.Body, terms),
        };
        return fields;
    }

    private static Query Field(string[] alternatives, string field, float boost, TermLookup? terms)
    {
        if (alternatives.Length == 1)
        {
            return Boosted(TermQuery(new Term(field, alternatives[0]), terms), boost);
        }
        var any = new BooleanQuery(disableCoord: true);
        foreach (var term in alternatives)
        {
            any.Add(TermQuery(new Term(field, term), terms), Occur.SHOULD);
        }
        any.Boost = boost;
        return any;
    }

    private static TermQuery TermQuery(Term term, TermLookup? terms) =>
        terms is null ? new TermQuery(term) : new TermQuery(term, terms.Context(term));

    private static Query? Phrase(IReadOnlyList<string[]> positions, string field, int slop, float boost)
    {
        if (positions.Count == 0)
        {
            return null;
        }
        var phrase = new MultiPhraseQuery { Slop = slop, Boost = boost };
        foreach (var alternatives in positions)
        {
            phrase.Add(alternatives.Select(t => new Term(field, t)).ToArray());
        }
        return phrase;
    }

    private static Query Either(Query a, Query b) => new DisjunctionMaxQuery(0f) { a, b };

    private static Query Boosted(Query query, float boost)
    {
        query.Boost = boost;
        return query;
    }
}

/// <summary>Ranking weights; defaults tuned on the development query set for the reasons given per field.</summary>
public sealed record RankingWeights
{
    public float Title { get; init; } = 4.0f;
    public float Requisites { get; init; } = 3.0f;
    /// <summary>Chapter and section names say what an article is about: close behind the title.</summary>
    public float Headings { get; init; } = 2.5f;
    public float Body { get; init; } = 1.0f;
    /// <summary>Share of the non-best fields' scores added to the best field's (DisMax tie-breaker).</summary>
    public float FieldTieBreaker { get; init; } = 0.5f;
    public float Exact { get; init; } = 6.0f;
    public float TitleExact { get; init; } = 4.0f;
    public float ArticleReference { get; init; } = 8.0f;
    public float TitlePhrase { get; init; } = 3.0f;
    public float BodyPhrase { get; init; } = 1.5f;
    /// <summary>Proximity of neighbouring word pairs in queries of three words and more: a long query rarely has all its words near each other, its pairs often are.</summary>
    public float PairPhrase { get; init; } = 0.5f;
    public int PhraseSlop { get; init; } = 4;
    public float Synonym { get; init; } = 0.8f;
    /// <summary>
    /// Share of the documents above which a word is common: it scores, but cannot start a match alone
    /// (see <see cref="SearchQueryBuilder"/>). 0.03–0.07 rank alike on the development queries, no
    /// better or worse than no gate; on our own judged set no gate ranks 0.01 higher (nDCG@10). Kept
    /// for speed: the gate cut the slowest queries threefold.
    /// </summary>
    public float CommonWordShare { get; init; } = 0.05f;
    /// <summary>How many of the best matches get the proximity score added (see <see cref="RankedQuery"/>).</summary>
    public int RescoreDepth { get; init; } = 50;
}
