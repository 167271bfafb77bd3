using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Configuration;

namespace Portal.Core.Data;

public static class PortalDatabase
{
    /// <summary>Registers the context on the SQLite file under the data folder (shared by the web app and the tools).</summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, Func<IServiceProvider, PortalOptions> options) =>
        services.AddDbContext<PortalDbContext>((sp, db) => Configure(db, options(sp)));

    public static void Configure(DbContextOptionsBuilder db, PortalOptions options) =>
        db.UseSqlite(options.ConnectionString, sql => sql.CommandTimeout(30))
            // Migrate() would otherwise build the model twice more (from the snapshot and at design time) and
            // diff them on every start, about a second on a small server; a test asserts there are no pending
            // model changes instead (tests/Portal.Core.Tests/Data/ModelTests.cs).
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

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
        // The usual start finds nothing to apply: one query on the history table instead of Migrate's
        // lock table, history check and migration pipeline.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
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
