using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Documents;
using Portal.Core.Search.Querying;
using Portal.Web.Tests.Browser;

namespace Portal.Web.Tests.Search;

[Collection(BrowserCollection.Name)]
public sealed class SearchBrowserTests(BrowserFixture browser)
{
    private async Task SeedAsync()
    {
        var engine = browser.App.Services.GetRequiredService<SearchEngine>();
        if (engine.Search(new SearchRequest { Query = "списание учебников" }).Total > 0)
        {
            // Autocomplete answers from the vocabulary, which is built in the background.
            engine.WarmUp();
            return;
        }
        await browser.App.WithDbAsync(async db =>
        {
            db.NormativeDocuments.Add(new NormativeDocument
            {
                Title = "Об утверждении Порядка учета документов, входящих в состав библиотечного фонда",
                DocType = "Приказ", Number = "1077", Date = new DateOnly(2012, 10, 8), Issuer = "Министерство культуры Российской Федерации",
                Text = "Порядок учета документов библиотечного фонда.\n\nСписание учебников и других документов оформляется актом о списании, утвержденным руководителем.",
            });
            db.NormativeDocuments.Add(new NormativeDocument
            {
                Title = "Об утверждении федерального перечня учебников", DocType = "Приказ", Number = "858", Date = new DateOnly(2022, 9, 21),
                Issuer = "Министерство просвещения Российской Федерации", Text = "Утвердить федеральный перечень учебников. Учебники, исключенные из перечня, могут использоваться в течение трех лет; их списание производится в установленном порядке.",
            });
            return await db.SaveChangesAsync();
        });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (engine.Search(new SearchRequest { Query = "списание учебников" }).Total < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        engine.WarmUp();
    }

    [Fact]
    public async Task Search_shows_layout_correction_highlights_facets_and_autocomplete()
    {
        await SeedAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/search?q=cgbcfybt");
        Assert.Contains("Показаны результаты по запросу", await page.TextContentAsync(".search-correction"));
        Assert.True(await page.Locator(".search-hit mark").CountAsync() > 0);
        Assert.True(await page.Locator(".search-facets .facet").CountAsync() > 0);
        await BrowserFixture.ScreenshotAsync(page, "search-layout-correction");
        Assert.Empty(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));

        await page.GotoAsync(browser.BaseUrl + "/search");
        await page.Locator("#search-q").PressSequentiallyAsync("федеральн", new LocatorPressSequentiallyOptions { Delay = 30 });
        var option = page.Locator(".search-suggest li[role=option]").First;
        await option.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Contains(await page.Locator(".search-suggest li").AllTextContentsAsync(), t => t.Contains("федеральн", StringComparison.OrdinalIgnoreCase));
        await BrowserFixture.ScreenshotAsync(page, "search-autocomplete");

        await page.GotoAsync(browser.BaseUrl + "/search?q=" + Uri.EscapeDataString("списанию учебника"));
        Assert.True(await page.Locator(".search-hit mark").CountAsync() >= 2);
        await BrowserFixture.ScreenshotAsync(page, "search-results");
    }
}
