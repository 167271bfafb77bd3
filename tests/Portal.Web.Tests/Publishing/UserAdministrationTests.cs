using System.Net;
using Portal.Core.Accounts;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Publishing;

public sealed class UserAdministrationTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task The_admin_creates_a_head_changes_the_role_locks_and_resets_the_password()
    {
        var admin = await app.CreateClientAsAsync(Roles.Admin);
        var form = await PublishingData.FormAsync(admin, "/admin/users/new", new Dictionary<string, string>
        {
            ["Input.Email"] = "new.head@test.local",
            ["Input.FullName"] = "Иванова Мария Петровна",
            ["Input.Role"] = Roles.Head,
            ["Input.Password"] = "Start-password-1",
        });
        var created = await admin.PostAsync("/admin/users/new", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;

        var list = await PortalAppFactory.GetDocumentAsync(admin, "/admin/users");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("new.head@test.local"));
        Assert.Contains(Roles.Head, row.TextContent);

        var change = await PublishingData.FormAsync(admin, url, new Dictionary<string, string>
        {
            ["Input.Email"] = "new.head@test.local",
            ["Input.FullName"] = "Иванова Мария Петровна",
            ["Input.Role"] = Roles.Librarian,
        });
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(url, change)).StatusCode);
        var locked = await admin.PostAsync(url + "?handler=Lock", await PublishingData.FormAsync(admin, url, new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        var reset = await admin.PostAsync(url + "?handler=Password", await PublishingData.FormAsync(admin, url, new Dictionary<string, string> { ["NewPassword.Password"] = "Other-password-2" }));
        Assert.True(reset.StatusCode == HttpStatusCode.Redirect, (await PublishingData.ParseAsync(reset)).QuerySelector(".form-errors")?.TextContent);

        var (roles, lockedOut) = await app.WithDbAsync(async db =>
        {
            var user = db.Users.Single(u => u.Email == "new.head@test.local");
            var names = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToList();
            return await Task.FromResult((names, user.LockoutEnd > DateTimeOffset.UtcNow));
        });
        Assert.Equal([Roles.Librarian], roles);
        Assert.True(lockedOut);
    }

    [Fact]
    public async Task A_weak_password_is_explained_in_russian_and_the_form_keeps_the_name()
    {
        var admin = await app.CreateClientAsAsync(Roles.Admin);
        var form = await PublishingData.FormAsync(admin, "/admin/users/new", new Dictionary<string, string>
        {
            ["Input.Email"] = "weak@test.local",
            ["Input.FullName"] = "Петрова Анна",
            ["Input.Role"] = Roles.Librarian,
            ["Input.Password"] = "123",
        });
        var response = await admin.PostAsync("/admin/users/new", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PublishingData.ParseAsync(response);
        Assert.Contains("Пароль должен содержать", page.QuerySelector(".form-errors")?.TextContent);
        Assert.Equal("Петрова Анна", page.QuerySelector("#Input_FullName")?.GetAttribute("value"));
    }

    [Fact]
    public async Task The_admin_cannot_lock_their_own_account()
    {
        var admin = await app.CreateClientAsAsync(Roles.Admin);
        var id = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == PortalAppFactory.AdminEmail).Id));
        var response = await admin.PostAsync($"/admin/users/{id}?handler=Lock", await PublishingData.FormAsync(admin, $"/admin/users/{id}", new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Нельзя заблокировать", await response.Content.ReadAsStringAsync());
    }
}
