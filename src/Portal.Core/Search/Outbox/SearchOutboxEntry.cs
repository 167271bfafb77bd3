using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Search.Outbox;

/// <summary>
/// Work for the portal's indexer, written in the same transaction as the change it describes, by
/// whichever process made it. <see cref="Key"/> null is a reconcile marker: an entity of
/// <see cref="Kind"/> was added and its key was not yet known when the marker was written (see
/// <see cref="SearchOutboxInterceptor"/>).
/// </summary>
public sealed class SearchOutboxEntry
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string? Key { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

internal sealed class SearchOutboxEntryConfiguration : IEntityTypeConfiguration<SearchOutboxEntry>
{
    public void Configure(EntityTypeBuilder<SearchOutboxEntry> b)
    {
        b.ToTable("SearchOutbox");
        b.Property(e => e.Kind).HasMaxLength(50);
        b.Property(e => e.Key).HasMaxLength(200);
    }
}
