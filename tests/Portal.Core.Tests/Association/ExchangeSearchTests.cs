using Portal.Core.Association.Exchange;
using Portal.Core.Search;

namespace Portal.Core.Tests.Association;

public sealed class ExchangeSearchTests : IAsyncLifetime
{
    private readonly AssociationDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    /// <summary>Stands in for the portal's Russian search: answers with fixed keys, and records what it was asked.</summary>
    private sealed class RecordingSearch(params string[] keys) : IContentSearch
    {
        public List<(string Query, string Kind)> Calls { get; } = [];

        public Task<IReadOnlyList<ContentSearchHit>> SearchKindAsync(string query, string kind, int maxHits, CancellationToken cancellationToken)
        {
            Calls.Add((query, kind));
            return Task.FromResult<IReadOnlyList<ContentSearchHit>>(keys.Select((k, i) => new ContentSearchHit(kind, k, 10 - i, null)).ToList());
        }
    }

    [Fact]
    public async Task With_the_portal_search_the_fund_lists_its_hits_best_first_and_drops_what_is_gone()
    {
        await using var db = _db.Open();
        var plain = new ExchangeService(db, _db.Clock);
        OfferInput Offer(string title) => new() { Title = title, Subject = "Математика", Year = 2020, Copies = 2 };
        var first = await plain.CreateOfferAsync(_db.SchoolA, Offer("Алгебра. 7 класс"), _db.LibrarianA, default);
        var second = await plain.CreateOfferAsync(_db.SchoolA, Offer("Математика. 5 класс"), _db.LibrarianA, default);
        var withdrawn = await plain.CreateOfferAsync(_db.SchoolA, Offer("Математика. 6 класс"), _db.LibrarianA, default);
        await plain.WithdrawOfferAsync(withdrawn, _db.LibrarianA, default);

        var search = new RecordingSearch(second.ToString(), withdrawn.ToString(), first.ToString(), "not-a-number");
        var (offers, ranked) = await new ExchangeService(db, _db.Clock, search).SearchAsync(new OfferFilter("учебник математики 5 класс Мерзляк"), default);

        Assert.True(ranked);
        Assert.Equal([second, first], offers.Select(o => o.Id));
        Assert.Equal(("учебник математики 5 класс Мерзляк", SearchKinds.Exchange), Assert.Single(search.Calls));
    }
}
