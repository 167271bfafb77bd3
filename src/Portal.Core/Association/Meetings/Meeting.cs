using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Search;

namespace Portal.Core.Association.Meetings;

/// <summary>A meeting of the association and its protocol (протокол заседания РМО).</summary>
public sealed class Meeting : ISearchIndexed
{
    string ISearchIndexed.SearchKind => SearchKinds.Protocol;
    string ISearchIndexed.SearchKey => Id.ToString(CultureInfo.InvariantCulture);

    public int Id { get; set; }
    /// <summary>Stable key of seeded protocols ("2023-09-08"); null for protocols entered in the portal.</summary>
    public string? SeedKey { get; set; }
    /// <summary>Protocol number within the academic year («Протокол № 1»).</summary>
    public int Number { get; set; }
    public DateOnly Date { get; set; }
    public string Place { get; set; } = "";
    public string HeadName { get; set; } = "";
    public string SecretaryName { get; set; } = "";
    public int AttendanceCount { get; set; }
    /// <summary>Who attended, as written («педагоги-библиотекари школ района» or a list of names).</summary>
    public string Attendees { get; set; } = "";
    public bool IsDraft { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public List<AgendaItem> Items { get; set; } = [];

    public string Title => $"Протокол № {Number} заседания РМО от {Common.RussianFormat.Date(Date)}";
}

/// <summary>One question of the agenda with what was heard, the vote and the decision.</summary>
public sealed class AgendaItem : ISearchIndexed
{
    string ISearchIndexed.SearchKind => SearchKinds.Protocol;
    string ISearchIndexed.SearchKey => MeetingId.ToString(CultureInfo.InvariantCulture);

    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Who was heard («Щербакова Е.И., руководитель РМО»).</summary>
    public string Speakers { get; set; } = "";
    public string Summary { get; set; } = "";
    public int? VotesFor { get; set; }
    public int? VotesAgainst { get; set; }
    public int? VotesAbstained { get; set; }
    public string Decision { get; set; } = "";

    public List<Assignment> Assignments { get; set; } = [];

    public bool HasVote => VotesFor is not null || VotesAgainst is not null || VotesAbstained is not null;
}

/// <summary>An assignment given by a decision: what, who, by when; closed by the head.</summary>
public sealed class Assignment
{
    public int Id { get; set; }
    public int AgendaItemId { get; set; }
    public AgendaItem? AgendaItem { get; set; }
    public string Text { get; set; } = "";
    /// <summary>Who, as written in the protocol («все педагоги-библиотекари», «Иванова А.А.»).</summary>
    public string Assignee { get; set; } = "";
    /// <summary>The portal user it belongs to, when one person is named; null means everyone.</summary>
    public string? AssigneeUserId { get; set; }
    public DateOnly? Deadline { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? ClosingNote { get; set; }

    public bool IsOpen => ClosedAt is null;

    public bool IsOverdue(DateOnly today) => IsOpen && Deadline is { } d && d < today;
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("Meetings");
        b.HasIndex(m => m.SeedKey).IsUnique();
        b.HasIndex(m => m.Date);
        b.Property(m => m.Place).HasMaxLength(500);
        b.Property(m => m.HeadName).HasMaxLength(200);
        b.Property(m => m.SecretaryName).HasMaxLength(200);
        b.Ignore(m => m.Title);
        b.HasMany(m => m.Items).WithOne(i => i.Meeting!).HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.ToTable("MeetingAgendaItems");
        b.HasIndex(i => new { i.MeetingId, i.Position });
        b.Ignore(i => i.HasVote);
        b.HasMany(i => i.Assignments).WithOne(a => a.AgendaItem!).HasForeignKey(a => a.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        b.ToTable("MeetingAssignments");
        b.HasIndex(a => new { a.ClosedAt, a.Deadline });
        b.HasIndex(a => a.AssigneeUserId);
        b.Ignore(a => a.IsOpen);
    }
}
