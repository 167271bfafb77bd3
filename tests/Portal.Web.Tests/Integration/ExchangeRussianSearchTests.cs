using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Association;
using Portal.Core.Association.Exchange;
using Portal.Core.Schools;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Integration;

/// <summary>
/// The exchange fund searched through the portal's real Russian search (not a stand-in): an offer
/// saved through the service reaches the index and is found by other case forms of its words.
/// </summary>
public sealed class ExchangeRussianSearchTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task An_offer_is_found_by_a_librarians_query_in_other_case_forms()
    {
        var offerId = await WithServiceAsync(async (exchange, db) =>
        {
            var school = new School { Slug = "exchange-search-school", Name = "МБОУ Тестовая СОШ", ShortName = "Тестовая СОШ" };
            db.Schools.Add(school);
            await db.SaveChangesAsync();
            var actor = new AssociationActor("librarian", "Библиотекарь", school.Id, [Roles.Librarian]);
            return await exchange.CreateOfferAsync(school.Id, new OfferInput
            {
                Title = "Математика. 5 класс. Учебник",
                Authors = "Мерзляк А. Г., Полонский В. Б., Якир М. С.",
                Subject = "Математика",
                Grade = 5,
                Publisher = "Просвещение",
                Year = 2022,
                Copies = 12,
                Condition = "хорошее",
            }, actor, CancellationToken.None);
        });

        // Indexing is asynchronous (the outbox is drained in the background): wait for it, bounded.
        List<int> found = [];
        var ranked = false;
        for (var attempt = 0; attempt < 100 && !found.Contains(offerId); attempt++)
        {
            await Task.Delay(100);
            (found, ranked) = await WithServiceAsync(async (exchange, _) =>
            {
                var (offers, isRanked) = await exchange.SearchAsync(new OfferFilter("учебник математики 5 класс Мерзляк"), CancellationToken.None);
                return (offers.Select(o => o.Id).ToList(), isRanked);
            });
        }

        Assert.True(ranked, "the exchange fund must be searched through the portal's ranked search");
        Assert.Contains(offerId, found);
    }

    private async Task<T> WithServiceAsync<T>(Func<ExchangeService, Portal.Core.Data.PortalDbContext, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<ExchangeService>(), scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>());
    }
}
