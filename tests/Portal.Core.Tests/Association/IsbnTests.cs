using Portal.Core.Association.Exchange;

namespace Portal.Core.Tests.Association;

public sealed class IsbnTests
{
    [Theory]
    [InlineData("978-5-09-087604-9")]
    [InlineData("9785090876049")]
    [InlineData("ISBN 978-5-09-087604-9")]
    [InlineData("5-09-002006-X")]
    [InlineData("0-306-40615-2")]
    public void Valid_isbns_pass(string isbn) => Assert.Null(Isbn.Check(isbn));

    [Theory]
    [InlineData("978-5-09-087604-5", "Неверная контрольная цифра ISBN-13.")]
    [InlineData("0-306-40615-3", "Неверная контрольная цифра ISBN-10.")]
    [InlineData("978-5-09-08", "ISBN должен содержать 10 или 13 цифр")]
    [InlineData("97A-5-09-087604-9", "ISBN может содержать только цифры")]
    [InlineData("X-306-40615-2", "Неверная контрольная цифра ISBN-10.")]
    public void Invalid_isbns_are_explained(string isbn, string expected) => Assert.StartsWith(expected, Isbn.Check(isbn));

    [Fact]
    public void Normalised_isbn_keeps_only_digits_and_final_x() => Assert.Equal("509002006X", Isbn.Normalise("5-09-002006-x"));
}
