using Microsoft.EntityFrameworkCore;
using Portal.Core.Association;
using Portal.Core.Association.Exchange;

namespace Portal.Core.Tests.Association;

public sealed class ExchangeServiceTests : IAsyncLifetime
{
    private readonly AssociationDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private static OfferInput Offer(int copies = 5) => new()
    {
        Title = "Математика. 5 класс", Authors = "Мерзляк А.Г., Полонский В.Б.", Subject = "Математика", Grade = 5,
        Publisher = "Просвещение", Year = 2021, Isbn = "978-5-09-087604-9", Copies = copies, Condition = "хорошее",
    };

    private async Task<int> CreateOfferAsync(int copies)
    {
        await using var db = _db.Open();
        return await new ExchangeService(db, _db.Clock).CreateOfferAsync(_db.SchoolA, Offer(copies), _db.LibrarianA, default);
    }

    [Fact]
    public async Task Two_simultaneous_requests_cannot_both_take_the_last_copies()
    {
        var offerId = await CreateOfferAsync(3);
        // Two schools' requests in two contexts (two connections), started together.
        var head2 = _db.Head with { SchoolId = _db.SchoolB };
        async Task<bool> RequestAsync(AssociationActor actor)
        {
            await using var db = _db.Open();
            try
            {
                await new ExchangeService(db, _db.Clock).RequestAsync(offerId, _db.SchoolB, 3, null, actor, default);
                return true;
            }
            catch (AssociationRuleException)
            {
                return false;
            }
        }
        var results = await Task.WhenAll(Task.Run(() => RequestAsync(_db.LibrarianB)), Task.Run(() => RequestAsync(head2)));

        Assert.Equal(1, results.Count(r => r));
        await using var check = _db.Open();
        Assert.Equal(0, (await check.ExchangeOffers.SingleAsync(o => o.Id == offerId)).CopiesAvailable);
        Assert.Equal(1, await check.ExchangeRequests.CountAsync(r => r.OfferId == offerId));
    }

    [Fact]
    public async Task Many_parallel_requests_never_reserve_more_than_offered()
    {
        var offerId = await CreateOfferAsync(5);
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var db = _db.Open();
            try
            {
                await new ExchangeService(db, _db.Clock).RequestAsync(offerId, _db.SchoolB, 2, null, _db.LibrarianB, default);
                return 2;
            }
            catch (AssociationRuleException)
            {
                return 0;
            }
        }));
        var taken = (await Task.WhenAll(tasks)).Sum();

        Assert.Equal(4, taken);
        await using var check = _db.Open();
        Assert.Equal(1, (await check.ExchangeOffers.SingleAsync(o => o.Id == offerId)).CopiesAvailable);
        Assert.Equal(4, await check.ExchangeRequests.Where(r => r.OfferId == offerId).SumAsync(r => r.CopiesRequested));
    }

    [Fact]
    public async Task Request_above_availability_is_refused_in_russian()
    {
        var offerId = await CreateOfferAsync(2);
        await using var db = _db.Open();
        var service = new ExchangeService(db, _db.Clock);
        var error = await Assert.ThrowsAsync<AssociationRuleException>(() => service.RequestAsync(offerId, _db.SchoolB, 3, null, _db.LibrarianB, default));
        Assert.Contains("Доступно только 2 экз.", error.Message);
        Assert.Equal("Copies", error.Errors.Single().Field);
    }

    [Fact]
    public async Task A_librarian_cannot_request_for_another_school_or_from_their_own()
    {
        var offerId = await CreateOfferAsync(2);
        await using var db = _db.Open();
        var service = new ExchangeService(db, _db.Clock);
        await Assert.ThrowsAsync<AssociationRuleException>(() => service.RequestAsync(offerId, _db.SchoolB, 1, null, _db.LibrarianA, default));
        var own = await Assert.ThrowsAsync<AssociationRuleException>(() => service.RequestAsync(offerId, _db.SchoolA, 1, null, _db.LibrarianA, default));
        Assert.Contains("своей же школы", own.Message);
    }

    [Fact]
    public async Task Partial_acceptance_returns_the_rest_and_both_sides_see_the_history()
    {
        var offerId = await CreateOfferAsync(10);
        await using var db = _db.Open();
        var service = new ExchangeService(db, _db.Clock);
        var requestId = await service.RequestAsync(offerId, _db.SchoolB, 6, "Для 5 «Б»", _db.LibrarianB, default);
        Assert.Equal(4, (await service.GetOfferAsync(offerId, default))!.CopiesAvailable);

        // Only the offering school decides.
        await Assert.ThrowsAsync<AssociationRuleException>(() => service.DecideAsync(requestId, 6, null, _db.LibrarianB, default));
        await service.DecideAsync(requestId, 4, "Два экземпляра с повреждениями", _db.LibrarianA, default);

        Assert.Equal(6, (await service.GetOfferAsync(offerId, default))!.CopiesAvailable);
        var (incoming, _) = await service.RequestsForSchoolAsync(_db.SchoolA, default);
        var (_, outgoing) = await service.RequestsForSchoolAsync(_db.SchoolB, default);
        var seen = Assert.Single(outgoing).Request;
        Assert.Equal(Assert.Single(incoming).Request.Id, seen.Id);
        Assert.Equal(ExchangeRequestStatus.PartlyAccepted, seen.Status);
        Assert.Equal(4, seen.CopiesAccepted);
        Assert.Equal([ExchangeRequestStatus.Pending, ExchangeRequestStatus.PartlyAccepted], seen.History.Select(h => h.Status));

        var again = await Assert.ThrowsAsync<AssociationRuleException>(() => service.DecideAsync(requestId, 0, null, _db.LibrarianA, default));
        Assert.Contains("уже принято решение", again.Message);
    }

    [Fact]
    public async Task Decline_returns_every_copy_and_summary_counts_transfers()
    {
        var offerId = await CreateOfferAsync(4);
        await using var db = _db.Open();
        var service = new ExchangeService(db, _db.Clock);
        var declined = await service.RequestAsync(offerId, _db.SchoolB, 3, null, _db.LibrarianB, default);
        await service.DecideAsync(declined, 0, null, _db.LibrarianA, default);
        var accepted = await service.RequestAsync(offerId, _db.SchoolB, 2, null, _db.LibrarianB, default);
        await service.DecideAsync(accepted, 2, null, _db.Head, default);

        var summary = await service.SummaryAsync(default);
        var school = Assert.Single(summary.BySchool);
        Assert.Equal(("Школа А", 4, 2, 5, 2), (school.Name, school.CopiesOffered, school.CopiesAvailable, school.CopiesRequested, school.CopiesTransferred));
        Assert.Equal("Математика", Assert.Single(summary.BySubject).Name);
        var csv = System.Text.Encoding.UTF8.GetString(TableExport.ToCsv(ExchangeService.SummaryTables(summary)[0]));
        Assert.Contains("Школа А;1;4;2;5;2", csv);
    }

    [Fact]
    public async Task Offer_rules_are_checked_with_russian_messages()
    {
        await using var db = _db.Open();
        var service = new ExchangeService(db, _db.Clock);
        var bad = Offer(0);
        bad.Year = 1975;
        bad.Isbn = "978-5-09-087604-5";
        bad.Grade = 12;
        var error = await Assert.ThrowsAsync<AssociationRuleException>(() => service.CreateOfferAsync(_db.SchoolA, bad, _db.LibrarianA, default));
        Assert.Equal(["Grade", "Year", "Isbn", "Copies"], error.Errors.Select(e => e.Field));
        Assert.Contains(error.Errors, e => e.Message == "Неверная контрольная цифра ISBN-13.");
        Assert.Contains(error.Errors, e => e.Message == "Количество экземпляров должно быть больше нуля.");
        Assert.False(await db.ExchangeOffers.AnyAsync());
    }

    [Fact]
    public async Task Fallback_search_finds_an_offer_by_word_forms()
    {
        await CreateOfferAsync(3);
        await using var db = _db.Open();
        var (offers, ranked) = await new ExchangeService(db, _db.Clock).SearchAsync(new OfferFilter("математики 5 класс Мерзляка"), default);
        Assert.False(ranked);
        Assert.Single(offers);
        var (none, _) = await new ExchangeService(db, _db.Clock).SearchAsync(new OfferFilter("физика"), default);
        Assert.Empty(none);
    }
}
