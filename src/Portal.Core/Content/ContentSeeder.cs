using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Core.Content;

/// <summary>Runs every registered <see cref="IContentImporter"/> in order.</summary>
public sealed class ContentSeeder(IEnumerable<IContentImporter> importers, ILogger<ContentSeeder> logger)
{
    public async Task SeedAsync(PortalDbContext db, string contentDirectory, CancellationToken cancellationToken)
    {
        var context = new ContentSeedContext(contentDirectory, logger);
        foreach (var importer in importers.OrderBy(i => i.Order))
        {
            try
            {
                await importer.ImportAsync(db, context, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Seed content is a convenience: a fault in one importer is logged and must never stop the portal.
                db.ChangeTracker.Clear();
                logger.LogError(ex, "content: импорт {Importer} прерван / importer failed", importer.GetType().Name);
            }
        }
    }
}
