using Microsoft.Data.Sqlite;
using Portal.Core.Accounts;
using Portal.Core.Association;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Schools;

namespace Portal.Core.Tests.Association;

/// <summary>A migrated SQLite file in a temp folder (real relational behaviour), with two schools and three people.</summary>
public sealed class AssociationDatabase : IAsyncLifetime
{
    public PortalOptions Options { get; } = new() { DataDirectory = Path.Combine(Path.GetTempPath(), "portal-core-tests", Guid.NewGuid().ToString("N")) };
    public FixedClock Clock { get; } = new(new DateTime(2023, 10, 12, 9, 0, 0, DateTimeKind.Utc));
    public int SchoolA { get; private set; }
    public int SchoolB { get; private set; }
    public AssociationActor Head { get; private set; } = null!;
    public AssociationActor LibrarianA { get; private set; } = null!;
    public AssociationActor LibrarianB { get; private set; } = null!;

    public PortalDbContext Open() => PortalDatabase.Open(Options);

    public async Task InitializeAsync()
    {
        await using var db = Open();
        await PortalDatabase.MigrateAsync(db, Options);
        var a = new School { Slug = "sosh-a", Name = "МБОУ Школа А", ShortName = "Школа А" };
        var b = new School { Slug = "sosh-b", Name = "МБОУ Школа Б", ShortName = "Школа Б" };
        db.Schools.AddRange(a, b);
        var head = new PortalUser { Id = "head", UserName = "head", FullName = "Щербакова Е.И." };
        var libA = new PortalUser { Id = "lib-a", UserName = "lib-a", FullName = "Иванова А.А.", School = a };
        var libB = new PortalUser { Id = "lib-b", UserName = "lib-b", FullName = "Петрова Б.Б.", School = b };
        db.Users.AddRange(head, libA, libB);
        await db.SaveChangesAsync();
        SchoolA = a.Id;
        SchoolB = b.Id;
        Head = AssociationActor.For(head, [Roles.Head]);
        LibrarianA = AssociationActor.For(libA, [Roles.Librarian]);
        LibrarianB = AssociationActor.For(libB, [Roles.Librarian]);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Options.FullDataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner when a handle is still open.
        }
        return Task.CompletedTask;
    }
}

public sealed class FixedClock(DateTime utcNow) : IAssociationClock
{
    public DateTime UtcNow { get; set; } = utcNow;

    public DateOnly Today => DateOnly.FromDateTime(UtcNow);

    public DateOnly DistrictDate(DateTime utc) => DateOnly.FromDateTime(utc);
}
