using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Association.Deliveries;

/// <summary>One row of the daily form: an order line, what arrived before, what arrived on the day.</summary>
public sealed class DeliveryLineInput
{
    public int? OrderLineId { get; set; }
    public string? Title { get; set; }
    public string? Publisher { get; set; }
    public int? CopiesOrdered { get; set; }
    /// <summary>Received before the report's day; shown, not posted back as truth.</summary>
    public int ReceivedBefore { get; set; }
    public int? CopiesReceived { get; set; }
    public string? Note { get; set; }

    public bool IsNewLine => OrderLineId is null;
    public bool IsBlankNewLine => IsNewLine && string.IsNullOrWhiteSpace(Title) && CopiesOrdered is null && CopiesReceived is null;
}

public sealed class DeliveryReportInput
{
    public DateOnly Date { get; set; }
    public string? Note { get; set; }
    public List<DeliveryLineInput> Lines { get; set; } = [];
}

public enum ReportState
{
    Reported,
    ReportedLate,
    Missing,
}

public sealed record SchoolDeliveryRow(
    int SchoolId, string School, ReportState State, DateOnly? LastReport, int DaysSinceLastReport,
    int Ordered, int Received, int ReceivedOnDay)
{
    public double Percent => Ordered == 0 ? 0 : Math.Round(100.0 * Received / Ordered, 1);
    /// <summary>No report for two or more working days: the head calls the school.</summary>
    public bool IsOverdue => State == ReportState.Missing && DaysSinceLastReport >= 2;
}

public sealed record DailyPoint(DateOnly Date, int Received, int Cumulative);

public sealed record DeliveryDashboard(
    DateOnly Date, IReadOnlyList<SchoolDeliveryRow> Schools, int Ordered, int Received, int ReceivedOnDay, IReadOnlyList<DailyPoint> Series)
{
    public double Percent => Ordered == 0 ? 0 : Math.Round(100.0 * Received / Ordered, 1);
    public int ReportedCount => Schools.Count(s => s.State != ReportState.Missing);
}

/// <summary>
/// Daily monitoring of textbook deliveries: each school reports every day (also «nothing arrived»);
/// the head sees who has reported, totals and the percent delivered.
/// </summary>
public sealed class DeliveryService(PortalDbContext db, IAssociationClock clock)
{
    public const int SeriesDays = 30;

    /// <summary>
    /// The form for one school and day: every order line, with what arrived before; the day's own
    /// values when it was already reported, else empty — the lines themselves carry over from
    /// yesterday, so a librarian only types the numbers.
    /// </summary>
    public async Task<DeliveryReportInput> FormAsync(int schoolId, DateOnly date, CancellationToken ct)
    {
        var lines = await db.DeliveryOrderLines.AsNoTracking().Where(l => l.SchoolId == schoolId).OrderBy(l => l.Id)
            .Select(l => new
            {
                l.Id, l.Title, l.Publisher, l.CopiesOrdered,
                Before = l.Receipts.Where(r => r.Report!.Date < date).Sum(r => (int?)r.CopiesReceived) ?? 0,
                OnDay = l.Receipts.Where(r => r.Report!.Date == date).Select(r => new { r.CopiesReceived, r.Note }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var report = await db.DeliveryReports.AsNoTracking().FirstOrDefaultAsync(r => r.SchoolId == schoolId && r.Date == date, ct);
        return new DeliveryReportInput
        {
            Date = date,
            Note = report?.Note,
            Lines = lines
                .Where(l => l.Before < l.CopiesOrdered || l.OnDay is not null)
                .Select(l => new DeliveryLineInput
                {
                    OrderLineId = l.Id, Title = l.Title, Publisher = l.Publisher, CopiesOrdered = l.CopiesOrdered,
                    ReceivedBefore = l.Before, CopiesReceived = l.OnDay?.CopiesReceived, Note = l.OnDay?.Note,
                })
                .ToList(),
        };
    }

    public async Task<bool> HasReportAsync(int schoolId, DateOnly date, CancellationToken ct) =>
        await db.DeliveryReports.AnyAsync(r => r.SchoolId == schoolId && r.Date == date, ct);

    /// <summary>Saves (or replaces) the school's report for the day, adding any new order lines typed into it.</summary>
    public async Task<int> SubmitAsync(int schoolId, DeliveryReportInput input, AssociationActor actor, CancellationToken ct)
    {
        actor.EnsureMayChangeSchool(schoolId);
        if (!await db.Schools.AnyAsync(s => s.Id == schoolId, ct))
        {
            throw new AssociationRuleException("Школа не найдена в справочнике.");
        }
        var errors = new List<FieldError>();
        var today = clock.Today;
        if (input.Date > today)
        {
            errors.Add(new(nameof(input.Date), "Нельзя сдать отчёт за день, который ещё не наступил."));
        }
        if (input.Date < today.AddDays(-60))
        {
            errors.Add(new(nameof(input.Date), "Отчёт можно сдать или исправить не позже чем через 60 дней."));
        }
        var existing = await db.DeliveryOrderLines.Where(l => l.SchoolId == schoolId)
            .Select(l => new { Line = l, Before = l.Receipts.Where(r => r.Report!.Date != input.Date).Sum(r => (int?)r.CopiesReceived) ?? 0 })
            .ToDictionaryAsync(x => x.Line.Id, ct);
        for (var i = 0; i < input.Lines.Count; i++)
        {
            var line = input.Lines[i];
            var prefix = $"Lines[{i}].";
            if (line.IsBlankNewLine)
            {
                continue;
            }
            if (line.CopiesReceived < 0)
            {
                errors.Add(new(prefix + nameof(line.CopiesReceived), $"Строка {i + 1}: количество не может быть отрицательным."));
            }
            if (line.IsNewLine)
            {
                if (string.IsNullOrWhiteSpace(line.Title))
                {
                    errors.Add(new(prefix + nameof(line.Title), $"Строка {i + 1}: укажите название учебника."));
                }
                if (line.CopiesOrdered is null or <= 0)
                {
                    errors.Add(new(prefix + nameof(line.CopiesOrdered), $"Строка {i + 1}: укажите, сколько экземпляров заказано (больше нуля)."));
                }
                else if (line.CopiesReceived > line.CopiesOrdered)
                {
                    errors.Add(new(prefix + nameof(line.CopiesReceived), $"Строка {i + 1}: получено больше, чем заказано ({line.CopiesOrdered})."));
                }
            }
            else if (!existing.TryGetValue(line.OrderLineId!.Value, out var known))
            {
                errors.Add(new(prefix + nameof(line.CopiesReceived), $"Строка {i + 1}: строка заказа не относится к этой школе."));
            }
            else if (known.Before + (line.CopiesReceived ?? 0) > known.Line.CopiesOrdered)
            {
                errors.Add(new(prefix + nameof(line.CopiesReceived),
                    $"Строка {i + 1}: всего получено бы {known.Before + line.CopiesReceived} экз., а заказано {known.Line.CopiesOrdered}."));
            }
        }
        AssociationRuleException.ThrowIfAny(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var report = await db.DeliveryReports.Include(r => r.Receipts).FirstOrDefaultAsync(r => r.SchoolId == schoolId && r.Date == input.Date, ct);
        if (report is null)
        {
            report = new DeliveryReport { SchoolId = schoolId, Date = input.Date };
            db.DeliveryReports.Add(report);
        }
        report.SubmittedAt = clock.UtcNow;
        report.SubmittedBy = actor.Name;
        report.Note = input.Note?.Trim() ?? "";
        db.DeliveryReceipts.RemoveRange(report.Receipts);
        report.Receipts.Clear();
        foreach (var line in input.Lines.Where(l => !l.IsBlankNewLine))
        {
            var orderLine = line.IsNewLine
                ? new DeliveryOrderLine { SchoolId = schoolId, Title = line.Title!.Trim(), Publisher = line.Publisher?.Trim() ?? "", CopiesOrdered = line.CopiesOrdered!.Value, CreatedAt = clock.UtcNow }
                : existing[line.OrderLineId!.Value].Line;
            if (line.IsNewLine)
            {
                db.DeliveryOrderLines.Add(orderLine);
            }
            if ((line.CopiesReceived ?? 0) > 0 || !string.IsNullOrWhiteSpace(line.Note))
            {
                report.Receipts.Add(new DeliveryReceipt { OrderLine = orderLine, CopiesReceived = line.CopiesReceived ?? 0, Note = line.Note?.Trim() ?? "" });
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return report.Id;
    }

    public async Task<DeliveryDashboard> DashboardAsync(DateOnly date, CancellationToken ct)
    {
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.ShortName).Select(s => new { s.Id, s.ShortName }).ToListAsync(ct);
        var ordered = await db.DeliveryOrderLines.AsNoTracking().GroupBy(l => l.SchoolId)
            .Select(g => new { SchoolId = g.Key, Copies = g.Sum(l => l.CopiesOrdered) }).ToDictionaryAsync(x => x.SchoolId, x => x.Copies, ct);
        var reports = await db.DeliveryReports.AsNoTracking().Where(r => r.Date <= date)
            .Select(r => new { r.SchoolId, r.Date, r.SubmittedAt, Copies = r.Receipts.Sum(x => (int?)x.CopiesReceived) ?? 0 })
            .ToListAsync(ct);
        var rows = schools.Select(s =>
        {
            var own = reports.Where(r => r.SchoolId == s.Id).ToList();
            var onDay = own.FirstOrDefault(r => r.Date == date);
            var last = own.Count == 0 ? (DateOnly?)null : own.Max(r => r.Date);
            var state = onDay is null ? ReportState.Missing
                : clock.DistrictDate(onDay.SubmittedAt) > date ? ReportState.ReportedLate
                : ReportState.Reported;
            return new SchoolDeliveryRow(s.Id, s.ShortName, state, last, last is null ? int.MaxValue : WorkingDaysBetween(last.Value, date),
                ordered.GetValueOrDefault(s.Id), own.Sum(r => r.Copies), onDay?.Copies ?? 0);
        }).ToList();
        var from = date.AddDays(-(SeriesDays - 1));
        var before = reports.Where(r => r.Date < from).Sum(r => r.Copies);
        var daily = reports.Where(r => r.Date >= from).GroupBy(r => r.Date).ToDictionary(g => g.Key, g => g.Sum(r => r.Copies));
        var series = new List<DailyPoint>();
        var cumulative = before;
        for (var day = from; day <= date; day = day.AddDays(1))
        {
            var received = daily.GetValueOrDefault(day);
            cumulative += received;
            series.Add(new DailyPoint(day, received, cumulative));
        }
        return new DeliveryDashboard(date, rows, rows.Sum(r => r.Ordered), rows.Sum(r => r.Received), rows.Sum(r => r.ReceivedOnDay), series);
    }

    public static ExportTable ExportTable(DeliveryDashboard dashboard) => new("Мониторинг поставок",
        ["Школа", "Отчёт за " + Common.RussianFormat.Date(dashboard.Date), "Последний отчёт", "Заказано, экз.", "Получено всего, экз.", "Получено за день, экз.", "Процент поставки"],
        [.. dashboard.Schools.Select(s => (IReadOnlyList<object?>)[s.School, StateName(s.State), s.LastReport, s.Ordered, s.Received, s.ReceivedOnDay, s.Percent]),
         ["Итого по району", $"{dashboard.ReportedCount} из {dashboard.Schools.Count}", null, dashboard.Ordered, dashboard.Received, dashboard.ReceivedOnDay, dashboard.Percent]]);

    public static string StateName(ReportState state) => state switch
    {
        ReportState.Reported => "сдан",
        ReportState.ReportedLate => "сдан с опозданием",
        _ => "нет отчёта",
    };

    /// <summary>Monday to Friday between two days, the later excluded: the monitoring is not filled at weekends.</summary>
    public static int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days++;
            }
        }
        return days;
    }
}
