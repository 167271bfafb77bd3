using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Data.CompiledModel;

namespace Portal.Core.Tests.Data;

/// <summary>
/// The start-up shortcuts in <see cref="PortalDatabase"/> rest on two promises that these tests keep:
/// the migrations describe the model (Migrate's own check is switched off at run time), and the compiled
/// model in <c>Data/CompiledModel</c> is the model the configuration classes build.
/// </summary>
public sealed class ModelTests : IDisposable
{
    private readonly PortalOptions _options = new() { DataDirectory = Path.Combine(Path.GetTempPath(), "portal-model-" + Guid.NewGuid().ToString("N")) };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_options.DataDirectory))
        {
            Directory.Delete(_options.DataDirectory, recursive: true);
        }
    }

    [Fact]
    public void Migrations_describe_the_model()
    {
        using var db = PortalDatabase.Open(_options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed since the last migration: add one (see src/Portal.Core/Data/README.md).");
    }

    [Fact]
    public void Compiled_model_is_the_model_the_configuration_builds()
    {
        using var db = PortalDatabase.Open(_options);
        // The context picks the compiled model up by itself; ModelSource builds one from OnModelCreating.
        Assert.Same(PortalDbContextModel.Instance, db.Model);
        var built = db.GetService<IModelSource>().GetModel(db, db.GetService<ModelCreationDependencies>(), designTime: false);

        var expected = built.ToDebugString(MetadataDebugStringOptions.LongDefault);
        var actual = PortalDbContextModel.Instance.ToDebugString(MetadataDebugStringOptions.LongDefault);
        Assert.True(expected == actual,
            "Data/CompiledModel is stale: regenerate it (see src/Portal.Core/Data/README.md). First difference:\n" + FirstDifference(expected, actual));
    }

    [Fact]
    public async Task A_new_database_gets_every_migration_and_a_second_start_applies_none()
    {
        await using (var db = PortalDatabase.Open(_options))
        {
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
            await PortalDatabase.MigrateAsync(db, _options);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }
        await using (var db = PortalDatabase.Open(_options))
        {
            await PortalDatabase.MigrateAsync(db, _options);
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal("wal", (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()).Single());
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "(end)";
            var y = i < b.Length ? b[i] : "(end)";
            if (x != y)
            {
                return $"line {i + 1}\n  built:    {x.Trim()}\n  compiled: {y.Trim()}";
            }
        }
        return "(none)";
    }
}
