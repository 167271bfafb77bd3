using System.Net;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests;

public sealed class SmokeTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Home_page_is_russian_and_has_a_search_box()
    {
        var page = await PortalAppFactory.GetDocumentAsync(app.CreateAnonymousClient(), "/");
        Assert.Equal("ru", page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("form[action='/search'] input[name=q]"));
    }

    [Fact]
    public async Task Health_reports_database_and_index()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"database\":\"ok\"", body);
        Assert.Contains("\"index\":\"ok\"", body);
    }

    [Fact]
    public async Task Unknown_page_gives_a_russian_404()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Страница не найдена", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Security_headers_forbid_inline_script_and_framing()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Login_without_antiforgery_token_is_refused()
    {
        var response = await app.CreateAnonymousClient().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = PortalAppFactory.AdminEmail,
            ["Input.Password"] = PortalAppFactory.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task First_administrator_comes_from_configuration_and_can_log_in()
    {
        var client = await app.CreateClientAsAsync(Portal.Core.Accounts.Roles.Admin);
        var page = await PortalAppFactory.GetDocumentAsync(client, "/");
        Assert.Contains(PortalAppFactory.AdminEmail, page.QuerySelector(".user-name")?.TextContent);
    }
}
