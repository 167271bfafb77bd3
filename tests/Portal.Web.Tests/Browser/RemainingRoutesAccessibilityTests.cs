using Microsoft.Playwright;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// axe-core on the routes the feature suites do not cover themselves: administration of crawling
/// and search, the search page, login and error pages. Screenshots are kept for review.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RemainingRoutesAccessibilityTests(BrowserFixture browser)
{
    [Fact]
    public async Task Administration_search_and_account_pages_have_no_serious_accessibility_violation()
    {
        var anonymous = await browser.NewPageAsync();
        var problems = new List<string>();
        foreach (var url in new[] { "/account/login", "/search?q=%D1%81%D0%BF%D0%B8%D1%81%D0%B0%D0%BD%D0%B8%D0%B5", "/no-such-page" })
        {
            problems.AddRange(await CheckAsync(anonymous, url, "anonymous"));
        }

        var admin = await browser.NewPageAsync();
        await browser.LoginAsync(admin, PortalAppFactory.AdminEmail);
        foreach (var url in new[] { "/admin", "/admin/crawl", "/admin/crawl/edit", "/admin/search", "/admin/search/synonyms", "/account/denied" })
        {
            problems.AddRange(await CheckAsync(admin, url, "admin"));
        }

        Assert.Empty(problems);
    }

    private async Task<IEnumerable<string>> CheckAsync(IPage page, string url, string who)
    {
        var response = await page.GotoAsync(browser.BaseUrl + url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(response!.Status < 500, $"{url} answered {response.Status}");
        Assert.Equal("ru", await page.GetAttributeAsync("html", "lang"));
        var name = "route-" + who + url.Split('?')[0].Replace('/', '-').TrimEnd('-');
        await BrowserFixture.ScreenshotAsync(page, name);
        return (await BrowserFixture.SeriousAccessibilityViolationsAsync(page)).Select(v => $"{url} → {v}");
    }
}
