using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Startup;

/// <summary>
/// Starts the portal twice on one data folder, as a server restart does: the second start takes the
/// short paths (no migration to apply, roles and administrator found by two queries, content files
/// unchanged) and must still leave the same accounts and serve the seeded content.
/// </summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "portal-restart-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Already gone, or a file still held by a background service: the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task A_restart_keeps_the_first_administrator_creates_no_other_and_serves_the_content()
    {
        Assert.Equal(["first@test.local"], await StartAsync("first@test.local", AdministratorsAsync));

        using var restarted = new RestartFactory(_dataDirectory, "second@test.local");
        Assert.Equal(["first@test.local"], await AdministratorsAsync(restarted));
        Assert.Equal(Roles.All.Order(), (await restarted.WithDbAsync(db => db.Roles.Select(r => r.Name!).ToListAsync())).Order());
        var home = await PortalAppFactory.GetDocumentAsync(restarted.CreateAnonymousClient(), "/");
        Assert.NotEmpty(home.QuerySelectorAll(".latest-list a[href^='/materials/']"));
        Assert.NotEmpty(home.QuerySelectorAll(".latest-list a[href^='/documents/']"));
    }

    [Fact]
    public async Task An_administrator_configured_after_a_start_without_one_is_created_on_the_next_start()
    {
        Assert.Empty(await StartAsync(null, AdministratorsAsync));
        Assert.Equal(Roles.All.Count, await StartAsync(null, f => f.WithDbAsync(db => db.Roles.CountAsync())));

        Assert.Equal(["late@test.local"], await StartAsync("late@test.local", AdministratorsAsync));
    }

    private async Task<T> StartAsync<T>(string? adminEmail, Func<PortalAppFactory, Task<T>> inspect)
    {
        using var factory = new RestartFactory(_dataDirectory, adminEmail);
        return await inspect(factory);
    }

    private static async Task<List<string>> AdministratorsAsync(PortalAppFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return (await users.GetUsersInRoleAsync(Roles.Admin)).Select(u => u.Email!).Order().ToList();
    }

    /// <summary>The portal on a given data folder, with or without a first administrator configured.</summary>
    private sealed class RestartFactory(string dataDirectory, string? adminEmail) : PortalAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Portal:DataDirectory", dataDirectory),
            new("Portal:Admin:Email", adminEmail ?? ""),
            new("Portal:Admin:Password", adminEmail is null ? "" : Password),
        ];
    }
}
