using Portal.Core.Search.Querying;

namespace Portal.Core.Tests.Search;

public sealed class UserQueryTests
{
    [Fact]
    public void Function_words_joined_by_a_hyphen_are_not_query_words()
    {
        var query = UserQuery.Parse("кто не допускается к работе из-за судимости", SearchTestEnvironment.Analyzer());

        Assert.Equal(["допускается", "работе", "судимости"], query.Words);
    }

    [Fact]
    public void An_article_reference_is_a_requisite_not_words()
    {
        var query = UserQuery.Parse("ст. 81 ТК РФ расторжение", SearchTestEnvironment.Analyzer());

        Assert.Equal(["81"], query.Articles);
        Assert.DoesNotContain("ст", query.Words);
        Assert.Contains("тк", query.Words);
        Assert.Contains("81", query.ExactTokens);
    }

    [Fact]
    public void A_hyphenated_word_stays_a_word()
    {
        var query = UserQuery.Parse("педагог-библиотекарь", SearchTestEnvironment.Analyzer());

        Assert.Contains("педагог-библиотекарь", query.Words);
    }
}
