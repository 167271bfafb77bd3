using Microsoft.EntityFrameworkCore;
using Portal.Core.Configuration;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

public static class DataSetup
{
    public static IServiceCollection AddPortalData(this IServiceCollection services)
    {
        services.AddPortalDatabase(sp => sp.GetRequiredService<PortalOptions>());
        return services;
    }

    /// <summary>Migrates the database, creates roles and the first administrator, and loads <c>content/</c>.</summary>
    public static async Task InitialisePortalAsync(this WebApplication app)
    {
        // One line in the log that says how long a start took (tools/measure-start.sh measures from outside).
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Portal started: listening {Elapsed:F0} ms after the process started",
            (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds));
        using var scope = app.Services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<PortalOptions>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Directory.CreateDirectory(options.FilesDirectory);
        await PortalDatabase.MigrateAsync(db, options);
        await IdentitySetup.EnsureRolesAndAdminAsync(scope.ServiceProvider);
        if (options.SeedContent)
        {
            var seeder = scope.ServiceProvider.GetService<ContentSeeder>();
            var contentDirectory = ContentLocator.Find(options.ContentDirectory, app.Environment.ContentRootPath);
            if (seeder is not null && contentDirectory is not null)
            {
                await seeder.SeedAsync(db, contentDirectory, CancellationToken.None);
            }
        }
    }
}

/// <summary>Finds <c>content/</c>: the configured folder, else beside the app, else up the tree (a repository checkout).</summary>
public static class ContentLocator
{
    public static string? Find(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
