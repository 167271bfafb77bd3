using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Core.Content;

/// <summary>
/// Upserts one part of <c>content/</c> into the database at start. Each feature that ships seed
/// content registers one; <see cref="ContentSeeder"/> runs them in <see cref="Order"/>.
/// </summary>
public interface IContentImporter
{
    /// <summary>Lower runs first: schools (0) before anything that references them.</summary>
    int Order { get; }

    Task ImportAsync(PortalDbContext db, ContentSeedContext context, CancellationToken cancellationToken);
}

/// <summary>What an importer needs: where the content is, and the record of what was applied before.</summary>
public sealed class ContentSeedContext(string contentDirectory, ILogger logger)
{
    public string ContentDirectory { get; } = contentDirectory;
    public ILogger Logger { get; } = logger;
}
