using System.Net;
using Portal.Core.Accounts;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Publishing;

public sealed class PublishingRouteTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Every_reading_route_answers_for_an_anonymous_reader()
    {
        var document = await PublishingData.AddDocumentAsync(app, "Документ для маршрутов", "Старый текст.", "Новый текст.");
        var material = await PublishingData.AddMaterialAsync(app, "routes-material");
        await PublishingData.AddNebAsync(app, "routes-neb");
        var client = app.CreateAnonymousClient();
        string[] urls =
        [
            "/", "/documents", $"/documents/{document.Id}", $"/documents/{document.Id}/diff?from=1&to=2",
            "/documents?type=Приказ&year=2012&status=InForce&sort=Title&page=1", "/documents?year=abc&page=-5",
            "/materials", "/materials?category=Учёт фонда", "/materials?tag=списание", $"/materials/{material.Slug}", "/neb",
        ];
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_write_route_answers_for_the_head_and_admin_pages_for_the_admin()
    {
        var document = await PublishingData.AddDocumentAsync(app, "Документ для редактора");
        var material = await PublishingData.AddMaterialAsync(app, "head-routes");
        var neb = await PublishingData.AddNebAsync(app, "head-neb");
        var head = await app.CreateClientAsAsync(Roles.Head);
        foreach (var url in new[] { "/documents/new", $"/documents/{document.Id}/edit", "/materials/new", $"/materials/{material.Slug}/edit", $"/materials/{material.Slug}/history", "/neb/new", $"/neb/{neb.Id}/edit" })
        {
            var response = await head.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        }
        var admin = await app.CreateClientAsAsync(Roles.Admin);
        var librarian = await app.EnsureUserAsync("someone@test.local", Roles.Librarian);
        foreach (var url in new[] { "/admin", "/admin/users", "/admin/users/new", $"/admin/users/{librarian.Id}" })
        {
            var response = await admin.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/documents/999999")]
    [InlineData("/documents/999999/diff?from=1&to=2")]
    [InlineData("/materials/no-such-material")]
    [InlineData("/files/999999")]
    public async Task Unknown_ids_give_the_russian_404(string url)
    {
        var response = await app.CreateAnonymousClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Страница не найдена", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_draft_and_its_attachment_do_not_exist_for_readers_but_do_for_the_head()
    {
        var draft = await PublishingData.AddMaterialAsync(app, "secret-draft", published: false);
        var fileId = await app.WithDbAsync(async db =>
        {
            var file = new Portal.Core.Files.StoredFile { Owner = $"material:{draft.Id}", FileName = "a.pdf", ContentType = "application/pdf", StoredName = "missing", Size = 1 };
            db.StoredFiles.Add(file);
            await db.SaveChangesAsync();
            return file.Id;
        });
        var anonymous = app.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/materials/secret-draft")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/files/{fileId}")).StatusCode);
        var listing = await PortalAppFactory.GetDocumentAsync(anonymous, "/materials");
        Assert.DoesNotContain(listing.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/materials/secret-draft");

        var head = await app.CreateClientAsAsync(Roles.Head);
        var page = await PortalAppFactory.GetDocumentAsync(head, "/materials/secret-draft");
        Assert.Contains("Черновик", page.QuerySelector(".notice.warning")?.TextContent);
    }

    [Fact]
    public async Task Document_list_filters_by_status_and_pages()
    {
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 25; i++)
            {
                db.NormativeDocuments.Add(new Portal.Core.Documents.NormativeDocument
                {
                    Title = $"Письмо о фонде {i:00}",
                    DocType = "Письмо-фильтр",
                    Date = new DateOnly(2001, 1, 1).AddDays(i),
                    Status = i % 5 == 0 ? Portal.Core.Documents.DocumentStatus.Repealed : Portal.Core.Documents.DocumentStatus.InForce,
                });
            }
            return await db.SaveChangesAsync();
        });
        var client = app.CreateAnonymousClient();
        var repealed = await PortalAppFactory.GetDocumentAsync(client, "/documents?type=Письмо-фильтр&status=Repealed");
        Assert.Equal("Найдено документов: 5", repealed.QuerySelector("#list-heading")?.TextContent.Trim());
        Assert.Equal(5, repealed.QuerySelectorAll(".doc-item").Length);
        Assert.All(repealed.QuerySelectorAll(".doc-item .badge"), b => Assert.Equal("утратил силу", b.TextContent.Trim()));

        var second = await PortalAppFactory.GetDocumentAsync(client, "/documents?type=Письмо-фильтр&sort=DateAsc&page=2");
        var titles = second.QuerySelectorAll(".doc-item h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(5, titles.Count);
        Assert.Equal("Письмо о фонде 20", titles[0]);
        Assert.NotNull(second.QuerySelector(".pager [aria-current=page]"));
    }
}
