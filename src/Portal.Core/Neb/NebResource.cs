using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Neb;

/// <summary>A resource of the National Electronic Library (НЭБ) with its access guide.</summary>
public sealed class NebResource : Search.ISearchIndexed
{
    string Search.ISearchIndexed.SearchKind => Search.SearchKinds.Neb;
    string Search.ISearchIndexed.SearchKey => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Category { get; set; } = "";
    public string Url { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Step-by-step access guide in Markdown.</summary>
    public string GuideMarkdown { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}

internal sealed class NebResourceConfiguration : IEntityTypeConfiguration<NebResource>
{
    public void Configure(EntityTypeBuilder<NebResource> b)
    {
        b.HasIndex(r => r.Slug).IsUnique();
        b.Property(r => r.Title).HasMaxLength(500);
        b.Property(r => r.Url).HasMaxLength(2000);
    }
}
