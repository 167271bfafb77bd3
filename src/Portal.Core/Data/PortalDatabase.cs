using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Configuration;

namespace Portal.Core.Data;

public static class PortalDatabase
{
    /// <summary>Registers the context on the SQLite file under the data folder (shared by the web app and the tools).</summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, Func<IServiceProvider, PortalOptions> options) =>
        services.AddDbContext<PortalDbContext>((sp, db) => Configure(db, options(sp)));

    public static void Configure(DbContextOptionsBuilder db, PortalOptions options) =>
        db.UseSqlite(options.ConnectionString, sql => sql.CommandTimeout(30));

    public static PortalDbContext Open(PortalOptions options)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        Configure(builder, options);
        return new PortalDbContext(builder.Options);
    }

    /// <summary>
    /// Creates the data folder, applies migrations and switches the file to WAL, so the portal
    /// and the crawler can read while the other writes.
    /// </summary>
    public static async Task MigrateAsync(PortalDbContext db, PortalOptions options, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.FullDataDirectory);
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", cancellationToken);
    }

    /// <summary>Consistent copy of the live database (SQLite online backup), safe while the portal runs.</summary>
    public static void Backup(PortalOptions options, string targetFile)
    {
        using var source = new SqliteConnection(options.ConnectionString);
        using var target = new SqliteConnection($"Data Source={targetFile}");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }
}
