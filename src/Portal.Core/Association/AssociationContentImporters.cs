using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Association.Meetings;
using Portal.Core.Association.Plans;
using Portal.Core.Content;
using Portal.Core.Data;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Portal.Core.Association;

/// <summary>
/// Applies one YAML file per row, keyed by file name. A row is written when it is new, or when
/// the file changed and nobody edited the row in the portal since the last seed (its UpdatedAt is
/// still the one recorded in <see cref="ContentSeedRecord"/>); a UI edit always wins.
/// </summary>
public abstract class YamlRowImporter<TFile, TRow>(string folder, string kind) : IContentImporter
    where TFile : class
    where TRow : class
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    public int Order => 50;

    protected abstract Task<TRow?> FindAsync(PortalDbContext db, string key, CancellationToken ct);

    /// <summary>Creates the row (when <paramref name="row"/> is null) or overwrites it from the file; returns it.</summary>
    protected abstract Task<TRow> ApplyAsync(PortalDbContext db, string key, TFile file, TRow? row, DateTime now, CancellationToken ct);

    protected abstract DateTime UpdatedAt(TRow row);

    public async Task ImportAsync(PortalDbContext db, ContentSeedContext context, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(context.ContentDirectory, folder);
        if (!Directory.Exists(directory))
        {
            return;
        }
        foreach (var path in Directory.EnumerateFiles(directory, "*.yml").Order(StringComparer.Ordinal))
        {
            var key = Path.GetFileNameWithoutExtension(path);
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            var seedKey = $"{kind}/{key}";
            var record = await db.ContentSeedRecords.FirstOrDefaultAsync(r => r.Key == seedKey, cancellationToken);
            if (record?.FileHash == hash)
            {
                continue;
            }
            var row = await FindAsync(db, key, cancellationToken);
            if (row is not null && (record is null || UpdatedAt(row) != record.AppliedRowVersion))
            {
                context.Logger.LogInformation("Content {Key} changed, but the row was edited in the portal; the edit is kept.", seedKey);
                continue;
            }
            TFile? file;
            try
            {
                file = Yaml.Deserialize<TFile>(text);
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                context.Logger.LogError("Content {Path} is not valid YAML: {Message}", path, e.Message);
                continue;
            }
            if (file is null)
            {
                continue;
            }
            var now = DateTime.UtcNow;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            row = await ApplyAsync(db, key, file, row, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            record ??= db.ContentSeedRecords.Add(new ContentSeedRecord { Key = seedKey }).Entity;
            record.FileHash = hash;
            record.AppliedRowVersion = UpdatedAt(row);
            record.AppliedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    protected static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

/// <summary><c>content/meetings/&lt;date&gt;.yml</c>: protocols of past meetings.</summary>
public sealed class MeetingContentImporter() : YamlRowImporter<MeetingContentImporter.MeetingFile, Meeting>("meetings", "meeting")
{
    public sealed class MeetingFile
    {
        public int Number { get; set; }
        public string? Date { get; set; }
        public string Place { get; set; } = "";
        public string Head { get; set; } = "";
        public string Secretary { get; set; } = "";
        public int AttendanceCount { get; set; }
        public string Attendees { get; set; } = "";
        public List<ItemFile> Items { get; set; } = [];
    }

    public sealed class ItemFile
    {
        public string Title { get; set; } = "";
        public string Speakers { get; set; } = "";
        public string Summary { get; set; } = "";
        public int? VotesFor { get; set; }
        public int? VotesAgainst { get; set; }
        public int? VotesAbstained { get; set; }
        public string Decision { get; set; } = "";
        public List<AssignmentFile> Assignments { get; set; } = [];
    }

    public sealed class AssignmentFile
    {
        public string Text { get; set; } = "";
        public string Assignee { get; set; } = "";
        public string? Deadline { get; set; }
    }

    protected override Task<Meeting?> FindAsync(PortalDbContext db, string key, CancellationToken ct) =>
        db.Meetings.AsSplitQuery().Include(m => m.Items).ThenInclude(i => i.Assignments).FirstOrDefaultAsync(m => m.SeedKey == key, ct);

    protected override DateTime UpdatedAt(Meeting row) => row.UpdatedAt;

    protected override Task<Meeting> ApplyAsync(PortalDbContext db, string key, MeetingFile file, Meeting? row, DateTime now, CancellationToken ct)
    {
        if (row is null)
        {
            row = new Meeting { SeedKey = key, CreatedAt = now };
            db.Meetings.Add(row);
        }
        row.Number = file.Number;
        row.Date = ParseDate(file.Date) ?? ParseDate(key) ?? DateOnly.FromDateTime(now);
        row.Place = file.Place;
        row.HeadName = file.Head;
        row.SecretaryName = file.Secretary;
        row.AttendanceCount = file.AttendanceCount;
        row.Attendees = file.Attendees;
        row.IsDraft = false;
        row.UpdatedAt = now;
        // Seeded protocols are replaced as a whole: items carry no state of their own except
        // closed assignments, which keep their closing when the same text is seeded again.
        var closed = row.Items.SelectMany(i => i.Assignments).Where(a => a.ClosedAt is not null).ToDictionary(a => a.Text, a => a, StringComparer.Ordinal);
        db.AgendaItems.RemoveRange(row.Items);
        row.Items = file.Items.Select((item, index) => new AgendaItem
        {
            Position = index + 1,
            Title = item.Title,
            Speakers = item.Speakers,
            Summary = item.Summary,
            VotesFor = item.VotesFor,
            VotesAgainst = item.VotesAgainst,
            VotesAbstained = item.VotesAbstained,
            Decision = item.Decision,
            Assignments = item.Assignments.Select(a => new Assignment
            {
                Text = a.Text,
                Assignee = a.Assignee,
                Deadline = ParseDate(a.Deadline),
                ClosedAt = closed.GetValueOrDefault(a.Text)?.ClosedAt,
                ClosedBy = closed.GetValueOrDefault(a.Text)?.ClosedBy,
            }).ToList(),
        }).ToList();
        return Task.FromResult(row);
    }
}

/// <summary><c>content/plan/&lt;academic year&gt;.yml</c>: the work plan with its methodical theme.</summary>
public sealed class PlanContentImporter() : YamlRowImporter<PlanContentImporter.PlanFile, WorkPlan>("plan", "plan")
{
    public sealed class PlanFile
    {
        public string MethodicalTheme { get; set; } = "";
        public string ThemeGoal { get; set; } = "";
        public string ImplementationSteps { get; set; } = "";
        public List<EventFile> Events { get; set; } = [];
    }

    public sealed class EventFile
    {
        public int Month { get; set; }
        public string Title { get; set; } = "";
        public string Form { get; set; } = "";
        public string Responsible { get; set; } = "";
        public string? Status { get; set; }
    }

    protected override Task<WorkPlan?> FindAsync(PortalDbContext db, string key, CancellationToken ct) =>
        db.WorkPlans.Include(p => p.Events).FirstOrDefaultAsync(p => p.AcademicYear == key, ct);

    protected override DateTime UpdatedAt(WorkPlan row) => row.UpdatedAt;

    protected override Task<WorkPlan> ApplyAsync(PortalDbContext db, string key, PlanFile file, WorkPlan? row, DateTime now, CancellationToken ct)
    {
        if (row is null)
        {
            row = new WorkPlan { AcademicYear = key };
            db.WorkPlans.Add(row);
        }
        row.MethodicalTheme = file.MethodicalTheme.Trim();
        row.ThemeGoal = file.ThemeGoal.Trim();
        row.ImplementationSteps = file.ImplementationSteps.Trim();
        row.UpdatedAt = now;
        db.PlanEvents.RemoveRange(row.Events);
        row.Events = file.Events
            .Where(e => e.Month is >= 1 and <= 12)
            .Select((e, i) => new PlanEvent
            {
                Month = e.Month,
                Position = i + 1,
                Title = e.Title,
                Form = e.Form,
                Responsible = e.Responsible,
                Status = PlanMonths.TryParseStatus(e.Status, out var status) ? status : PlanEventStatus.Planned,
            })
            .ToList();
        return Task.FromResult(row);
    }
}
