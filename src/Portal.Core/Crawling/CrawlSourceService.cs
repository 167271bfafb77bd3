using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Crawling;

/// <summary>What the admin types for a source; validated here so every caller gets the same Russian messages.</summary>
public sealed record CrawlSourceInput
{
    public string Name { get; init; } = "";
    public string StartUrl { get; init; } = "";
    public string? IncludePatterns { get; init; }
    public string? ExcludePatterns { get; init; }
    public int ScheduleHours { get; init; } = 24;
    public int DelayMs { get; init; } = 1000;
    public int MaxPages { get; init; } = 500;
    public bool Enabled { get; init; } = true;

    public static CrawlSourceInput From(CrawlSource s) => new()
    {
        Name = s.Name, StartUrl = s.StartUrl, IncludePatterns = s.IncludePatterns, ExcludePatterns = s.ExcludePatterns,
        ScheduleHours = s.ScheduleHours, DelayMs = s.DelayMs, MaxPages = s.MaxPages, Enabled = s.Enabled,
    };
}

/// <summary>A source with its latest run, for the admin list.</summary>
public sealed record CrawlSourceRow(CrawlSource Source, CrawlRun? LastRun);

/// <summary>Sources and run history for the admin pages and the scheduler.</summary>
public sealed class CrawlSourceService(PortalDbContext db)
{
    public const int RunsPerPage = 25;

    /// <summary>Field name → message; empty when the input is valid.</summary>
    public static Dictionary<string, string> Validate(CrawlSourceInput input)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200)
        {
            errors[nameof(input.Name)] = "Укажите название источника (до 200 символов).";
        }
        if (!Uri.TryCreate(input.StartUrl?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || input.StartUrl!.Length > 2000)
        {
            errors[nameof(input.StartUrl)] = "Укажите адрес страницы, начиная с http:// или https://.";
        }
        foreach (var (field, text) in new[] { (nameof(input.IncludePatterns), input.IncludePatterns), (nameof(input.ExcludePatterns), input.ExcludePatterns) })
        {
            foreach (var pattern in CrawlSource.SplitLines(text ?? ""))
            {
                if (UrlScope.Validate(pattern) is { } problem)
                {
                    errors[field] = $"Неверное регулярное выражение «{pattern}»: {problem}";
                    break;
                }
            }
        }
        if (input.ScheduleHours is < 0 or > 24 * 366)
        {
            errors[nameof(input.ScheduleHours)] = "Период — от 0 (только вручную) до 8784 часов.";
        }
        if (input.DelayMs is < 0 or > 600_000)
        {
            errors[nameof(input.DelayMs)] = "Пауза — от 0 до 600 000 мс.";
        }
        if (input.MaxPages is < 1 or > 100_000)
        {
            errors[nameof(input.MaxPages)] = "Предел страниц — от 1 до 100 000.";
        }
        return errors;
    }

    public async Task<IReadOnlyList<CrawlSourceRow>> ListAsync(CancellationToken cancellationToken)
    {
        var sources = await db.CrawlSources.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var ids = sources.Select(s => (int?)s.Id).ToList();
        var lastRuns = await db.CrawlRuns.AsNoTracking().Where(r => ids.Contains(r.SourceId))
            .GroupBy(r => r.SourceId).Select(g => g.OrderByDescending(r => r.Id).First()).ToListAsync(cancellationToken);
        return sources.Select(s => new CrawlSourceRow(s, lastRuns.FirstOrDefault(r => r.SourceId == s.Id))).ToList();
    }

    public Task<CrawlSource?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.CrawlSources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>Creates (id null) or updates a source; null when the id is unknown.</summary>
    public async Task<CrawlSource?> SaveAsync(int? id, CrawlSourceInput input, CancellationToken cancellationToken)
    {
        var source = id is null ? db.CrawlSources.Add(new CrawlSource()).Entity : await db.CrawlSources.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null)
        {
            return null;
        }
        source.Name = input.Name.Trim();
        source.StartUrl = input.StartUrl.Trim();
        source.IncludePatterns = string.Join('\n', CrawlSource.SplitLines(input.IncludePatterns ?? ""));
        source.ExcludePatterns = string.Join('\n', CrawlSource.SplitLines(input.ExcludePatterns ?? ""));
        source.ScheduleHours = input.ScheduleHours;
        source.DelayMs = input.DelayMs;
        source.MaxPages = input.MaxPages;
        source.Enabled = input.Enabled;
        await db.SaveChangesAsync(cancellationToken);
        return source;
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken) =>
        await db.CrawlSources.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>Asks the portal's scheduler to crawl the source at its next check (within a minute).</summary>
    public async Task<bool> RequestRunAsync(int id, CancellationToken cancellationToken) =>
        await db.CrawlSources.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.RunRequested, true), cancellationToken) > 0;

    public async Task<(IReadOnlyList<CrawlRun> Runs, int Total)> RunsAsync(int page, CancellationToken cancellationToken)
    {
        var total = await db.CrawlRuns.CountAsync(cancellationToken);
        var runs = await db.CrawlRuns.AsNoTracking().Include(r => r.Source).OrderByDescending(r => r.Id)
            .Skip((Math.Max(page, 1) - 1) * RunsPerPage).Take(RunsPerPage).ToListAsync(cancellationToken);
        return (runs, total);
    }

    public Task<CrawlRun?> RunWithErrorsAsync(int id, CancellationToken cancellationToken) =>
        db.CrawlRuns.AsNoTracking().Include(r => r.Source).Include(r => r.Errors.OrderBy(e => e.Id)).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>Enabled sources whose schedule (or a «run now») says they are due.</summary>
    public async Task<IReadOnlyList<CrawlSource>> DueAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var enabled = await db.CrawlSources.AsNoTracking().Where(s => s.Enabled).ToListAsync(cancellationToken);
        return enabled.Where(s => s.IsDue(nowUtc)).ToList();
    }
}
