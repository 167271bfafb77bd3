using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Configuration;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Core.Tests.Content;

/// <summary>A temporary data folder with a migrated SQLite database and a content folder to seed from.</summary>
internal sealed class ContentTestSite : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "portal-content-" + Guid.NewGuid().ToString("N"));

    public ContentTestSite(string? contentDirectory = null)
    {
        ContentDirectory = contentDirectory ?? Path.Combine(_root, "content");
        Directory.CreateDirectory(ContentDirectory);
        Options = new PortalOptions { DataDirectory = Path.Combine(_root, "data") };
    }

    public string ContentDirectory { get; }
    public PortalOptions Options { get; }
    public ListLogger Log { get; } = new();

    public async Task InitialiseAsync()
    {
        await using var db = PortalDatabase.Open(Options);
        await PortalDatabase.MigrateAsync(db, Options);
    }

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(ContentDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>One start of the portal: a fresh context, every importer.</summary>
    public async Task SeedAsync()
    {
        await using var db = PortalDatabase.Open(Options);
        await new ContentSeeder(RegisteredImporters(), Log).SeedAsync(db, ContentDirectory, CancellationToken.None);
    }

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> action)
    {
        await using var db = PortalDatabase.Open(Options);
        return await action(db);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The importers exactly as the portal registers them.</summary>
    private static IEnumerable<IContentImporter> RegisteredImporters() =>
        new ServiceCollection().AddContentImporters().BuildServiceProvider().GetServices<IContentImporter>();
}

internal sealed record LogEntry(LogLevel Level, string Message);

internal sealed class ListLogger : ILogger<ContentSeeder>
{
    public List<LogEntry> Entries { get; } = [];

    public IEnumerable<string> At(LogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Message);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add(new LogEntry(logLevel, formatter(state, exception)));
        }
    }
}
