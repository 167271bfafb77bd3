using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Materials;

/// <summary>A methodological material written by the head in Markdown.</summary>
public sealed class Material : Search.ISearchIndexed
{
    string Search.ISearchIndexed.SearchKind => Search.SearchKinds.Material;
    string Search.ISearchIndexed.SearchKey => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Category { get; set; } = "";
    /// <summary>Comma-separated tags as typed; normalised by <see cref="MaterialTags"/>.</summary>
    public string Tags { get; set; } = "";
    public string Summary { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public bool IsPublished { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public string? AuthorName { get; set; }
    public int RevisionCount { get; set; }

    public List<MaterialRevision> Revisions { get; set; } = [];
}

/// <summary>Every save of a material, so any two can be compared.</summary>
public sealed class MaterialRevision
{
    public int Id { get; set; }
    public int MaterialId { get; set; }
    public Material? Material { get; set; }
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public string? Comment { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

public static class MaterialTags
{
    public static IReadOnlyList<string> Parse(string? tags) =>
        (tags ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static string Normalise(string? tags) => string.Join(", ", Parse(tags));
}

internal sealed class MaterialConfiguration : IEntityTypeConfiguration<Material>
{
    public void Configure(EntityTypeBuilder<Material> b)
    {
        b.HasIndex(m => m.Slug).IsUnique();
        b.HasIndex(m => new { m.IsPublished, m.PublishedAt });
        b.Property(m => m.Title).HasMaxLength(500);
        b.Property(m => m.Slug).HasMaxLength(200);
        b.HasMany(m => m.Revisions).WithOne(r => r.Material!).HasForeignKey(r => r.MaterialId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MaterialRevisionConfiguration : IEntityTypeConfiguration<MaterialRevision>
{
    public void Configure(EntityTypeBuilder<MaterialRevision> b) =>
        b.HasIndex(r => new { r.MaterialId, r.Number }).IsUnique();
}
