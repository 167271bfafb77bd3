using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Files;

/// <summary>An uploaded file kept under the data folder, outside wwwroot; served only through a handler.</summary>
public sealed class StoredFile
{
    public int Id { get; set; }
    /// <summary>What the file belongs to, e.g. "material:12" or "document:5"; null while unattached.</summary>
    public string? Owner { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    /// <summary>Name on disk inside the files folder (random, never the user's name).</summary>
    public string StoredName { get; set; } = "";
    public DateTime UploadedAt { get; set; } = DateTime.UtcNow;
    public string? UploadedBy { get; set; }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.HasIndex(f => f.Owner);
        b.Property(f => f.FileName).HasMaxLength(300);
    }
}
