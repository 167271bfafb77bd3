using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Crawling;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

/// <summary>Settings under <c>Portal:Crawler</c>.</summary>
public sealed class CrawlerOptions
{
    public const string Section = "Portal:Crawler";

    /// <summary>Whether the portal crawls its configured sources on schedule. Default: true.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due sources, in seconds. Default: 30.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int PollSeconds { get; set; } = 30;
}

public static class CrawlingSetup
{
    public static IServiceCollection AddCrawlingFeature(this IServiceCollection services)
    {
        services.AddOptions<CrawlerOptions>().BindConfiguration(CrawlerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CrawlSourceService>();
        services.AddHostedService<CrawlScheduler>();
        return services;
    }
}

/// <summary>
/// Crawls the sources configured in the admin pages when their schedule (or «run now») says so,
/// one source at a time, in the background. The crawl writes documents through the database like
/// the CLI does, so the indexer picks them up; stopping the portal cancels the run cleanly and the
/// next run continues from the stored frontier.
/// </summary>
public sealed partial class CrawlScheduler(IServiceScopeFactory scopes, IOptions<CrawlerOptions> options, ILogger<CrawlScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds));
        do
        {
            try
            {
                await RunDueSourcesAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException)
            {
                // The database not migrated yet or briefly locked: try again at the next tick.
                LogSchedulerError(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunDueSourcesAsync(CancellationToken stoppingToken)
    {
        using var scope = scopes.CreateScope();
        var portal = scope.ServiceProvider.GetRequiredService<PortalOptions>();
        var due = await scope.ServiceProvider.GetRequiredService<CrawlSourceService>().DueAsync(DateTime.UtcNow, stoppingToken);
        var engine = new CrawlEngine(() => PortalDatabase.Open(portal), portal.FilesDirectory);
        foreach (var source in due)
        {
            LogStarting(source.Name, source.StartUrl);
            var summary = await engine.RunAsync(source.ToSettings(), source.RunRequested ? "admin" : "schedule", source.Id, null, stoppingToken);
            LogFinished(source.Name, summary.Run.Status, summary.Run.DocumentsNew, summary.Run.DocumentsChanged, summary.Run.Failed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Crawl of {Name} ({Url}) starting")]
    private partial void LogStarting(string name, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Crawl of {Name} finished: {Status}, {New} new, {Changed} changed, {Failed} failed")]
    private partial void LogFinished(string name, CrawlRunStatus status, int @new, int changed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Crawl scheduler could not check sources")]
    private partial void LogSchedulerError(Exception e);
}
