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
            await importer.ImportAsync(db, context, cancellationToken);
        }
    }
}
