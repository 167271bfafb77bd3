using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Content;

/// <summary>
/// Remembers which version of a <c>content/</c> file was last applied to which row, so a later
/// start can tell "the file changed" from "someone edited the row in the UI".
/// </summary>
public sealed class ContentSeedRecord
{
    public int Id { get; set; }
    /// <summary>Kind and slug, e.g. "material/spisanie-uchebnikov".</summary>
    public string Key { get; set; } = "";
    public string FileHash { get; set; } = "";
    /// <summary>The row's UpdatedAt right after the seed wrote it; a later value means a UI edit.</summary>
    public DateTime AppliedRowVersion { get; set; }
    public DateTime AppliedAt { get; set; } = DateTime.UtcNow;
}

internal sealed class ContentSeedRecordConfiguration : IEntityTypeConfiguration<ContentSeedRecord>
{
    public void Configure(EntityTypeBuilder<ContentSeedRecord> b) => b.HasIndex(r => r.Key).IsUnique();
}
