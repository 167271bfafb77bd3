using Portal.Core.Search;
using Portal.Core.Search.Analysis;

namespace Portal.Core.Tests.Search;

public sealed class AnalyzerTests
{
    private static IReadOnlyList<string> Terms(string field, string text)
    {
        using var analyzer = SearchTestEnvironment.Analyzer();
        return analyzer.Analyze(field, text).Select(t => t.Term).ToList();
    }

    [Theory]
    [InlineData("учебников", "учебник")]
    [InlineData("Учебники", "учебник")]
    [InlineData("учебнику", "учебник")]
    [InlineData("списания", "списан")]
    [InlineData("Ёлка", "елк")]
    [InlineData("елки", "елк")]
    public void Inflected_forms_share_a_term(string word, string expected) =>
        Assert.Contains(expected, Terms(SearchFields.Body, word));

    [Fact]
    public void Case_forms_of_one_noun_meet_and_another_noun_stays_apart()
    {
        var forms = new[] { "библиотека", "библиотеки", "библиотеке", "библиотекой", "библиотеках" };
        var common = forms.Select(f => Terms(SearchFields.Body, f).ToHashSet()).Aggregate((a, b) => { a.IntersectWith(b); return a; });
        Assert.NotEmpty(common);
        Assert.Empty(common.Intersect(Terms(SearchFields.Body, "библиотекарь")));
    }

    [Fact]
    public void Participle_meets_its_verb()
    {
        var participle = Terms(SearchFields.Body, "подготовленного");
        var verb = Terms(SearchFields.Body, "подготовил");
        Assert.NotEmpty(participle.Intersect(verb));
    }

    [Fact]
    public void Yo_is_folded_to_ye()
    {
        Assert.Equal(Terms(SearchFields.Body, "учёт"), Terms(SearchFields.Body, "учет"));
    }

    [Fact]
    public void Hyphenated_compound_is_indexed_whole_and_as_parts()
    {
        var terms = Terms(SearchFields.Body, "педагог-библиотекарь");
        Assert.Equal(["педагог-библиотекар", "педагог", "библиотекар"], terms);
        using var analyzer = SearchTestEnvironment.Analyzer();
        var positions = analyzer.Analyze(SearchFields.Body, "педагог-библиотекарь").Select(t => t.Position).ToList();
        Assert.Equal([0, 0, 1], positions);
    }

    [Fact]
    public void Requisites_stay_exact_tokens()
    {
        Assert.Equal(["приказ", "1077", "от", "08.10.2012", "2012"], Terms(SearchFields.Exact, "Приказ № 1077 от 08.10.2012"));
        Assert.Contains("78-фз", Terms(SearchFields.Exact, "78-ФЗ"));
        Assert.Contains("2.4.3648-20", Terms(SearchFields.Exact, "СанПиН 2.4.3648-20"));
        Assert.Contains("273-фз", Terms(SearchFields.Body, "Федеральный закон № 273-ФЗ"));
    }

    [Fact]
    public void Article_abbreviation_splits_from_its_number()
    {
        Assert.Equal(["ст", "81"], Terms(SearchFields.Exact, "ст.81"));
    }

    [Fact]
    public void Offsets_point_at_the_source_text()
    {
        using var analyzer = SearchTestEnvironment.Analyzer();
        const string text = "Списание учебников — по акту";
        foreach (var term in analyzer.Analyze(SearchFields.Body, text))
        {
            Assert.InRange(term.Start, 0, text.Length);
            Assert.InRange(term.End, term.Start, text.Length);
        }
    }

    [Fact]
    public void Random_input_never_breaks_the_analyzer()
    {
        using var analyzer = SearchTestEnvironment.Analyzer();
        var random = new Random(20261129);
        const string alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЁЯabcxyz0123456789 -.,/№«»\"'()[]{}*?~^:!\\\t\n\u0301\u00AD\u2011😀\uD800";
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 200)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }
            var text = new string(chars);
            foreach (var field in new[] { SearchFields.Body, SearchFields.Exact })
            {
                var terms = analyzer.Analyze(field, text);
                Assert.All(terms, t => Assert.False(string.IsNullOrEmpty(t.Term)));
                Assert.All(terms, t => Assert.True(t.Term.Length <= PortalTokenizer.MaxTokenLength + 1));
            }
        }
    }
}
