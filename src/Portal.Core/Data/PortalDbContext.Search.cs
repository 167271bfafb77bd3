using Microsoft.EntityFrameworkCore;
using Portal.Core.Search.Outbox;

namespace Portal.Core.Data;

public sealed partial class PortalDbContext
{
    public DbSet<SearchOutboxEntry> SearchOutbox => Set<SearchOutboxEntry>();

    /// <summary>
    /// Every context, in every process (the portal, the crawler, tools), records search work in the
    /// outbox; only the portal's indexer reads it and writes the index.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(SearchOutboxInterceptor.Instance);
}
