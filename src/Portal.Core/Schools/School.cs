using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Schools;

public sealed class School
{
    public int Id { get; set; }
    /// <summary>Stable key used by seed content (e.g. "sosh-1").</summary>
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string ShortName { get; set; } = "";
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Director { get; set; }
}

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.HasIndex(s => s.Slug).IsUnique();
        b.Property(s => s.Name).HasMaxLength(300);
        b.Property(s => s.ShortName).HasMaxLength(100);
    }
}
