using Portal.Crawler;

// A thin command line over Portal.Core.Crawling: argument parsing, progress display and output only.
return await CrawlerCli.RunAsync(args);
