using Microsoft.EntityFrameworkCore;
using Portal.Core.Crawling;

namespace Portal.Core.Data;

public sealed partial class PortalDbContext
{
    public DbSet<CrawlSource> CrawlSources => Set<CrawlSource>();
    public DbSet<CrawlRun> CrawlRuns => Set<CrawlRun>();
    public DbSet<CrawlRunError> CrawlRunErrors => Set<CrawlRunError>();
    public DbSet<CrawlPage> CrawlPages => Set<CrawlPage>();
    public DbSet<DocumentAlternateUrl> DocumentAlternateUrls => Set<DocumentAlternateUrl>();
}
