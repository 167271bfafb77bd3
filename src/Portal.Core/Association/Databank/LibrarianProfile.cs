using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Schools;

namespace Portal.Core.Association.Databank;

/// <summary>A teacher-librarian's record in the association's databank (банк данных педагогов-библиотекарей).</summary>
public sealed class LibrarianProfile
{
    public int Id { get; set; }
    /// <summary>The portal account it belongs to (the librarian edits their own); null for people without an account.</summary>
    public string? UserId { get; set; }
    public string FullName { get; set; } = "";
    public int? SchoolId { get; set; }
    public School? School { get; set; }
    public string Position { get; set; } = "";
    // Personal data: shown to the head and administrators (and to the person), never to other members.
    public string Education { get; set; } = "";
    public string QualificationCategory { get; set; } = "";
    public int? ExperienceYears { get; set; }
    public int? LibraryExperienceYears { get; set; }
    /// <summary>Courses, one per line: «2023 — Школьный информационно-библиотечный центр, 72 ч».</summary>
    public string Courses { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    /// <summary>When the person last confirmed the record is up to date (saving counts as confirming).</summary>
    public DateTime? ConfirmedAt { get; set; }
}

/// <summary>The head's call to update the databank by a deadline («до 10 октября»).</summary>
public sealed class DatabankUpdateRequest
{
    public int Id { get; set; }
    public DateTime RequestedAt { get; set; } = DateTime.UtcNow;
    public DateOnly Deadline { get; set; }
    public string Message { get; set; } = "";
    public string RequestedBy { get; set; } = "";
    public bool IsClosed { get; set; }
}

public static class QualificationCategories
{
    public static readonly IReadOnlyList<string> All = ["без категории", "соответствие занимаемой должности", "первая", "высшая"];
}

internal sealed class LibrarianProfileConfiguration : IEntityTypeConfiguration<LibrarianProfile>
{
    public void Configure(EntityTypeBuilder<LibrarianProfile> b)
    {
        b.ToTable("LibrarianProfiles");
        b.HasIndex(p => p.UserId).IsUnique();
        b.Property(p => p.FullName).HasMaxLength(200);
        b.HasOne(p => p.School).WithMany().HasForeignKey(p => p.SchoolId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DatabankUpdateRequestConfiguration : IEntityTypeConfiguration<DatabankUpdateRequest>
{
    public void Configure(EntityTypeBuilder<DatabankUpdateRequest> b) => b.ToTable("DatabankUpdateRequests");
}
