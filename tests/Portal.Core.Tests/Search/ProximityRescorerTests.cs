using Lucene.Net.Index;
using Lucene.Net.Search;
using Portal.Core.Search;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Querying;

namespace Portal.Core.Tests.Search;

/// <summary>The proximity score read from postings equals Lucene's own sloppy phrase score under BM25.</summary>
public sealed class ProximityRescorerTests : IDisposable
{
    private readonly SearchIndex _index = SearchIndex.InMemory(SearchTestEnvironment.Analyzer());
    private readonly RankingWeights _weights = new();

    public ProximityRescorerTests()
    {
        string[] bodies =
        [
            "Списание учебников оформляется актом комиссии.",
            "Учебников в фонде много; списание проводится раз в год по решению комиссии.",
            "Акт о списании. Комиссия рассматривает состояние учебников, затем оформляет списание учебников актом.",
            "Списание имущества учреждения. Порядок учета учебной литературы.",
            "Порядок учета документов библиотечного фонда и списание учебников и учебных пособий актом.",
            "Текст без искомых слов.",
        ];
        for (var i = 0; i < bodies.Length; i++)
        {
            _index.Upsert(new SearchDocument
            {
                Kind = SearchKinds.Document,
                Key = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Title = i % 2 == 0 ? "О списании учебников" : "Порядок учета",
                Url = "/documents/" + i,
                Body = bodies[i],
            });
        }
        _index.Refresh();
    }

    public void Dispose() => _index.Dispose();

    [Theory]
    [InlineData("списание учебников")]
    [InlineData("списание учебников актом")]
    [InlineData("порядок учета учебников комиссии")]
    public void Scores_as_lucene_scores_the_sloppy_phrases(string text)
    {
        var query = UserQuery.Parse(text, _index.Analyzer);
        using var lease = _index.Lease();
        var searcher = lease.Searcher;
        var expected = LuceneScores(searcher, query.Positions);
        var docs = Enumerable.Range(0, searcher.IndexReader.MaxDoc).ToArray();

        var actual = new ProximityRescorer(new ProximityQuery(query.Positions, _weights), searcher, new TermLookup(searcher.IndexReader)).Score(docs);

        Assert.Contains(expected.Values, score => score > 0);
        for (var doc = 0; doc < docs.Length; doc++)
        {
            Assert.Equal(expected.GetValueOrDefault(doc), actual[doc], 4);
        }
    }

    [Fact]
    public void Words_next_to_each_other_score_above_the_same_words_apart()
    {
        var query = UserQuery.Parse("списание учебников", _index.Analyzer);
        using var lease = _index.Lease();
        var scores = new ProximityRescorer(new ProximityQuery(query.Positions, _weights), lease.Searcher, new TermLookup(lease.Searcher.IndexReader))
            .Score([0, 1, 5]);

        Assert.True(scores[0] > scores[1], $"{scores[0]} > {scores[1]}");
        Assert.Equal(0f, scores[2]);
    }

    /// <summary>The proximity part as the portal built it before, from Lucene's own phrase queries.</summary>
    private Dictionary<int, float> LuceneScores(IndexSearcher searcher, IReadOnlyList<string[]> positions)
    {
        var proximity = new BooleanQuery(disableCoord: true)
        {
            { Phrase(positions, SearchFields.Body, _weights.PhraseSlop, _weights.BodyPhrase), Occur.SHOULD },
            { Phrase(positions, SearchFields.Title, _weights.PhraseSlop, _weights.TitlePhrase), Occur.SHOULD },
        };
        if (positions.Count >= 3)
        {
            for (var i = 0; i + 1 < positions.Count; i++)
            {
                proximity.Add(Phrase([positions[i], positions[i + 1]], SearchFields.Body, 2, _weights.PairPhrase), Occur.SHOULD);
            }
        }
        return searcher.Search(proximity, 100).ScoreDocs.ToDictionary(d => d.Doc, d => d.Score);
    }

    private static MultiPhraseQuery Phrase(IReadOnlyList<string[]> positions, string field, int slop, float boost)
    {
        var phrase = new MultiPhraseQuery { Slop = slop, Boost = boost };
        foreach (var alternatives in positions)
        {
            phrase.Add(alternatives.Select(t => new Term(field, t)).ToArray());
        }
        return phrase;
    }
}
