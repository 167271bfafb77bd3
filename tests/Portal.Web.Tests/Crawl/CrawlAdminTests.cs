using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Accounts;
using Portal.Core.Crawling;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Crawl;

public sealed class CrawlAdminTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task A_librarian_and_a_head_are_refused_the_crawl_pages()
    {
        foreach (var role in new[] { Roles.Librarian, Roles.Head })
        {
            var client = await app.CreateClientAsAsync(role);
            var response = await client.GetAsync("/admin/crawl");
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("denied", StringComparison.OrdinalIgnoreCase) == true, role);
        }
    }

    [Fact]
    public async Task A_bad_source_is_refused_with_russian_messages_and_the_form_keeps_what_was_typed()
    {
        var client = await app.CreateClientAsAsync(Roles.Admin);
        var token = await PortalAppFactory.GetAntiforgeryTokenAsync(client, "/admin/crawl/edit");

        var response = await client.PostAsync("/admin/crawl/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Минпросвещения",
            ["Input.StartUrl"] = "ftp://example",
            ["Input.IncludePatterns"] = "/docs/(",
            ["Input.ScheduleHours"] = "24",
            ["Input.DelayMs"] = "1000",
            ["Input.MaxPages"] = "0",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("http://", page.QuerySelector("[data-valmsg-for='Input.StartUrl']")!.TextContent);
        Assert.Contains("регулярное выражение", page.QuerySelector("[data-valmsg-for='Input.IncludePatterns']")!.TextContent);
        Assert.Contains("Предел страниц", page.QuerySelector("[data-valmsg-for='Input.MaxPages']")!.TextContent);
        Assert.Equal("Минпросвещения", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        Assert.Equal("/docs/(", page.QuerySelector("textarea[name='Input.IncludePatterns']")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_admin_adds_a_source_asks_for_a_run_and_reads_the_run_history()
    {
        var client = await app.CreateClientAsAsync(Roles.Admin);
        var token = await PortalAppFactory.GetAntiforgeryTokenAsync(client, "/admin/crawl/edit");
        var saved = await client.PostAsync("/admin/crawl/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Региональное министерство",
            ["Input.StartUrl"] = "http://127.0.0.1:9/documents/",
            ["Input.IncludePatterns"] = "/documents/\n/files/",
            ["Input.ScheduleHours"] = "0",
            ["Input.DelayMs"] = "2000",
            ["Input.MaxPages"] = "50",
            ["Input.Enabled"] = "true",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var source = await app.WithDbAsync(db => db.CrawlSources.SingleAsync(s => s.Name == "Региональное министерство"));
        Assert.Equal("/documents/\n/files/", source.IncludePatterns);
        Assert.Equal(2000, source.DelayMs);

        token = await PortalAppFactory.GetAntiforgeryTokenAsync(client, "/admin/crawl");
        var run = await client.PostAsync($"/admin/crawl?handler=Run&id={source.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.CrawlSources.Where(s => s.Id == source.Id).Select(s => s.RunRequested || s.LastRunAt != null).SingleAsync()));

        // A finished run with an error, as the crawler records it, shows in the history and in its own page.
        var runId = await app.WithDbAsync(async db =>
        {
            var r = new CrawlRun { SourceId = source.Id, StartUrl = source.StartUrl, Trigger = "schedule", Status = CrawlRunStatus.Completed, PagesFetched = 12, DocumentsNew = 3, Failed = 1, FinishedAt = DateTime.UtcNow };
            r.Errors.Add(new CrawlRunError { Url = "http://127.0.0.1:9/documents/broken.html", Reason = "HTTP 500" });
            db.CrawlRuns.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        var list = await PortalAppFactory.GetDocumentAsync(client, "/admin/crawl");
        Assert.Contains(list.QuerySelectorAll("table.crawl-runs td"), td => td.TextContent.Contains("по расписанию"));
        Assert.Contains(list.QuerySelectorAll("table.crawl-sources td"), td => td.TextContent.Contains("Региональное министерство"));
        var detail = await PortalAppFactory.GetDocumentAsync(client, $"/admin/crawl/runs/{runId}");
        Assert.Contains("broken.html", detail.QuerySelector("main, body")!.TextContent);
        Assert.Contains("HTTP 500", detail.QuerySelector("main, body")!.TextContent);
    }

    [Fact]
    public async Task Unknown_ids_give_404()
    {
        var client = await app.CreateClientAsAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/crawl/runs/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/crawl/edit/999999")).StatusCode);
    }
}
