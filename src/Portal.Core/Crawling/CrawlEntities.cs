using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Crawling;

/// <summary>A site section configured by the admin and crawled on its schedule by the portal.</summary>
public sealed class CrawlSource
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string StartUrl { get; set; } = "";
    /// <summary>Regular expressions, one per line; a URL is followed only when it matches one (empty: all of the host).</summary>
    public string IncludePatterns { get; set; } = "";
    /// <summary>Regular expressions, one per line; a matching URL is never followed.</summary>
    public string ExcludePatterns { get; set; } = "";
    /// <summary>Hours between scheduled runs; 0 means manual runs only.</summary>
    public int ScheduleHours { get; set; } = 24;
    /// <summary>Pause between two requests to the host, in milliseconds (robots.txt Crawl-delay wins when longer).</summary>
    public int DelayMs { get; set; } = 1000;
    public int MaxPages { get; set; } = 500;
    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LastRunAt { get; set; }
    /// <summary>Set by the admin's «Запустить сейчас»; the background service picks it up.</summary>
    public bool RunRequested { get; set; }

    public IReadOnlyList<string> IncludeList => SplitLines(IncludePatterns);
    public IReadOnlyList<string> ExcludeList => SplitLines(ExcludePatterns);

    internal static IReadOnlyList<string> SplitLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool IsDue(DateTime nowUtc) =>
        Enabled && (RunRequested || (ScheduleHours > 0 && (LastRunAt is null || LastRunAt.Value.AddHours(ScheduleHours) <= nowUtc)));
}

public enum CrawlRunStatus
{
    Running = 0,
    Completed = 1,
    /// <summary>Stopped by the user or by shutdown; what was stored stays, the next run continues.</summary>
    Cancelled = 2,
    /// <summary>Could not run at all (bad start URL, host unreachable for robots and start page).</summary>
    Failed = 3,
}

/// <summary>One crawl run: its counters and errors, shown in the admin's run history.</summary>
public sealed class CrawlRun
{
    public int Id { get; set; }
    public int? SourceId { get; set; }
    public CrawlSource? Source { get; set; }
    public string StartUrl { get; set; } = "";
    /// <summary>«cli», «schedule», «admin».</summary>
    public string Trigger { get; set; } = "";
    public DateTime StartedAt { get; set; } = DateTime.UtcNow;
    public DateTime? FinishedAt { get; set; }
    public CrawlRunStatus Status { get; set; }
    public int PagesFetched { get; set; }
    public int NotModified { get; set; }
    public int DocumentsNew { get; set; }
    public int DocumentsChanged { get; set; }
    public int DocumentsUnchanged { get; set; }
    public int Duplicates { get; set; }
    public int Failed { get; set; }
    public int SkippedByRobots { get; set; }
    public string? Message { get; set; }
    public List<CrawlRunError> Errors { get; set; } = [];
}

public sealed class CrawlRunError
{
    public int Id { get; set; }
    public int RunId { get; set; }
    public string Url { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime At { get; set; } = DateTime.UtcNow;
}

public enum CrawlPageState
{
    /// <summary>Discovered, not fetched yet: the frontier that survives a killed run.</summary>
    Queued = 0,
    Fetched = 1,
    Failed = 2,
    /// <summary>404/410 on the last fetch.</summary>
    Gone = 3,
}

/// <summary>What a fetched URL turned out to be.</summary>
public enum CrawlPageKind
{
    Unknown = 0,
    /// <summary>Listing, menu or card page: followed for links, not stored as a document.</summary>
    Hub = 1,
    Document = 2,
    Sitemap = 3,
    Feed = 4,
    /// <summary>Same text as a document already stored under another URL.</summary>
    Duplicate = 5,
}

/// <summary>Per-URL fetch state: validators for conditional GET, the text hash, outlinks to replay on a 304.</summary>
public sealed class CrawlPage
{
    public int Id { get; set; }
    /// <summary>Scheme + host + port the URL belongs to; a run loads the state of its host.</summary>
    public string Host { get; set; } = "";
    public string Url { get; set; } = "";
    public CrawlPageState State { get; set; }
    public CrawlPageKind Kind { get; set; }
    public int? HttpStatus { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public string? ContentHash { get; set; }
    public int? DocumentId { get; set; }
    /// <summary>Links found on the page, one per line, so a 304 still feeds the frontier.</summary>
    public string? Outlinks { get; set; }
    /// <summary>Requisites title carried from a card page to the file it links.</summary>
    public string? HintTitle { get; set; }
    public int Depth { get; set; }
    public DateTime? LastFetchedAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>Another URL by which a stored document was reached (print version, redirect, card page, mirror).</summary>
public sealed class DocumentAlternateUrl
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public string Url { get; set; } = "";
    /// <summary>«redirect», «duplicate», «card».</summary>
    public string Reason { get; set; } = "";
    public DateTime FirstSeenAt { get; set; } = DateTime.UtcNow;
}

internal sealed class CrawlSourceConfiguration : IEntityTypeConfiguration<CrawlSource>
{
    public void Configure(EntityTypeBuilder<CrawlSource> b)
    {
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.StartUrl).HasMaxLength(2000);
    }
}

internal sealed class CrawlRunConfiguration : IEntityTypeConfiguration<CrawlRun>
{
    public void Configure(EntityTypeBuilder<CrawlRun> b)
    {
        b.HasIndex(r => r.StartedAt);
        b.HasOne(r => r.Source).WithMany().HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(r => r.Errors).WithOne().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CrawlPageConfiguration : IEntityTypeConfiguration<CrawlPage>
{
    public void Configure(EntityTypeBuilder<CrawlPage> b)
    {
        b.HasIndex(p => p.Url).IsUnique();
        b.HasIndex(p => new { p.Host, p.State });
        b.HasIndex(p => p.DocumentId);
        b.HasOne<Documents.NormativeDocument>().WithMany().HasForeignKey(p => p.DocumentId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DocumentAlternateUrlConfiguration : IEntityTypeConfiguration<DocumentAlternateUrl>
{
    public void Configure(EntityTypeBuilder<DocumentAlternateUrl> b)
    {
        b.HasIndex(a => a.Url).IsUnique();
        b.HasIndex(a => a.DocumentId);
        b.HasOne<Documents.NormativeDocument>().WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Lookups the crawler makes for every stored page (is this URL or this text already a document?):
/// without these indexes each one scans the documents table, and a crawl slows down as it grows.
/// </summary>
internal sealed class NormativeDocumentCrawlIndexes : IEntityTypeConfiguration<Documents.NormativeDocument>
{
    public void Configure(EntityTypeBuilder<Documents.NormativeDocument> b)
    {
        b.HasIndex(d => d.SourceUrl);
        b.HasIndex(d => d.ContentHash);
    }
}

/// <summary>Russian names for the admin pages.</summary>
public static class CrawlRunNames
{
    public static string Trigger(string trigger) => trigger switch
    {
        "cli" => "командная строка",
        "schedule" => "по расписанию",
        "admin" => "вручную",
        _ => trigger,
    };
}
