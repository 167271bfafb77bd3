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

    /// <summary>
    /// When the index refused this item (or its source failed on it): the row stays, out of the
    /// indexer's way, with <see cref="Error"/>, until an administrator retries it; everything else
    /// goes on being indexed.
    /// </summary>
    public DateTime? SetAsideAt { get; set; }

    public string? Error { get; set; }

    /// <summary>How many times indexing this item failed.</summary>
    public int Attempts { get; set; }

    public const int MaxErrorLength = 2000;
}

internal sealed class SearchOutboxEntryConfiguration : IEntityTypeConfiguration<SearchOutboxEntry>
{
    public void Configure(EntityTypeBuilder<SearchOutboxEntry> b)
    {
        b.ToTable("SearchOutbox");
        b.Property(e => e.Kind).HasMaxLength(50);
        b.Property(e => e.Key).HasMaxLength(200);
        b.Property(e => e.Error).HasMaxLength(SearchOutboxEntry.MaxErrorLength);
        b.HasIndex(e => e.SetAsideAt);
    }
}
