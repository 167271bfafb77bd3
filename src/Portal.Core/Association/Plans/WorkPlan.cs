using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Search;

namespace Portal.Core.Association.Plans;

/// <summary>The association's work plan for one academic year, with its methodical theme.</summary>
public sealed class WorkPlan : ISearchIndexed
{
    string ISearchIndexed.SearchKind => SearchKinds.Plan;
    string ISearchIndexed.SearchKey => AcademicYear;

    public int Id { get; set; }
    /// <summary>«2023-2024»: the stable key of the plan.</summary>
    public string AcademicYear { get; set; } = "";
    public string MethodicalTheme { get; set; } = "";
    /// <summary>Goal and tasks of the theme, Markdown-free plain paragraphs.</summary>
    public string ThemeGoal { get; set; } = "";
    /// <summary>Steps of the theme's implementation plan, one per line.</summary>
    public string ImplementationSteps { get; set; } = "";
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public List<PlanEvent> Events { get; set; } = [];

    /// <summary>The first calendar year of the academic year (September).</summary>
    public int StartYear => int.TryParse(AcademicYear.AsSpan(0, Math.Min(4, AcademicYear.Length)), out var y) ? y : 0;
}

public enum PlanEventStatus
{
    Planned = 0,
    Done = 1,
    Moved = 2,
    Cancelled = 3,
}

/// <summary>One event of the plan: month, what, who is responsible, how it went.</summary>
public sealed class PlanEvent : ISearchIndexed
{
    string ISearchIndexed.SearchKind => SearchKinds.Plan;
    string ISearchIndexed.SearchKey => WorkPlan?.AcademicYear ?? "";

    public int Id { get; set; }
    public int WorkPlanId { get; set; }
    public WorkPlan? WorkPlan { get; set; }
    /// <summary>Calendar month 1..12; September–December belong to the plan's first year.</summary>
    public int Month { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Form of work («заседание РМО», «семинар», «консультация»).</summary>
    public string Form { get; set; } = "";
    public string Responsible { get; set; } = "";
    public PlanEventStatus Status { get; set; }
}

public static class PlanMonths
{
    /// <summary>Months of an academic year in order: September to August.</summary>
    public static readonly IReadOnlyList<int> AcademicOrder = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8];

    public static string Name(int month) => Common.RussianFormat.Culture.DateTimeFormat.GetMonthName(month) is { Length: > 0 } n
        ? char.ToUpper(n[0], Common.RussianFormat.Culture) + n[1..]
        : month.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static int YearOf(int startYear, int month) => month >= 9 ? startYear : startYear + 1;

    public static string StatusName(PlanEventStatus status) => status switch
    {
        PlanEventStatus.Done => "выполнено",
        PlanEventStatus.Moved => "перенесено",
        PlanEventStatus.Cancelled => "отменено",
        _ => "запланировано",
    };

    public static bool TryParseStatus(string? text, out PlanEventStatus status)
    {
        status = (text ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "planned" or "запланировано" => PlanEventStatus.Planned,
            "done" or "выполнено" => PlanEventStatus.Done,
            "moved" or "перенесено" => PlanEventStatus.Moved,
            "cancelled" or "отменено" => PlanEventStatus.Cancelled,
            _ => (PlanEventStatus)(-1),
        };
        return (int)status >= 0;
    }
}

internal sealed class WorkPlanConfiguration : IEntityTypeConfiguration<WorkPlan>
{
    public void Configure(EntityTypeBuilder<WorkPlan> b)
    {
        b.ToTable("WorkPlans");
        b.HasIndex(p => p.AcademicYear).IsUnique();
        b.Property(p => p.AcademicYear).HasMaxLength(20);
        b.Ignore(p => p.StartYear);
        b.HasMany(p => p.Events).WithOne(e => e.WorkPlan!).HasForeignKey(e => e.WorkPlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanEventConfiguration : IEntityTypeConfiguration<PlanEvent>
{
    public void Configure(EntityTypeBuilder<PlanEvent> b)
    {
        b.ToTable("WorkPlanEvents");
        b.HasIndex(e => new { e.WorkPlanId, e.Month, e.Position });
        b.Property(e => e.Status).HasConversion<int>();
    }
}
