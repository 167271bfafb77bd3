using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Association;
using Portal.Core.Configuration;
using Portal.Core.Search.Analysis;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Outbox;
using Portal.Core.Search.Querying;
using Portal.Core.Search.Sources;

namespace Portal.Core.Search;

/// <summary>The portal's search as services, for the web app, the tools and the tests alike.</summary>
public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// The whole search: the Russian morphology (dictionary loaded once), the analyzer, the one owner
    /// of the index under <see cref="PortalOptions.IndexDirectory"/>, the synonyms, the engine, every
    /// content source and the indexer. Needs <see cref="PortalOptions"/> registered; reads
    /// <see cref="SearchOptions"/> when the host binds them (defaults otherwise).
    /// </summary>
    /// <param name="contentDirectory">The seed content folder (dictionaries, synonyms), when the host knows one.</param>
    public static IServiceCollection AddPortalSearch(this IServiceCollection services, Func<IServiceProvider, string?> contentDirectory)
    {
        services.AddSingleton(sp => sp.GetService<IOptions<SearchOptions>>()?.Value ?? new SearchOptions());
        services.AddSingleton(sp =>
        {
            var content = contentDirectory(sp);
            var shipped = content is null ? null : Path.Combine(content, "dictionaries");
            var directory = shipped is not null && File.Exists(Path.Combine(shipped, RussianMorphology.AffixFile))
                ? shipped
                : RussianMorphology.FindDictionaryDirectory(null);
            var morphology = RussianMorphology.Load(directory);
            if (!morphology.HasDictionary)
            {
                sp.GetService<ILogger<SearchIndex>>()?.LogWarning("Hunspell ru_RU dictionary not found: search falls back to the Snowball stemmer");
            }
            return morphology;
        });
        services.AddSingleton(sp => new PortalAnalyzer(sp.GetRequiredService<RussianMorphology>()));
        services.AddSingleton(sp => SearchIndex.Open(sp.GetRequiredService<PortalOptions>().IndexDirectory, sp.GetRequiredService<PortalAnalyzer>(),
            sp.GetRequiredService<SearchOptions>().Directory));
        services.AddSingleton(sp =>
        {
            var content = contentDirectory(sp);
            var shipped = content is null ? SynonymStore.FindDefaultFile() : Path.Combine(content, "search", SynonymStore.FileName);
            var edited = Path.Combine(sp.GetRequiredService<PortalOptions>().FullDataDirectory, "search", SynonymStore.FileName);
            return new SynonymStore(edited, shipped, sp.GetRequiredService<PortalAnalyzer>());
        });
        services.AddSingleton(sp =>
        {
            var synonyms = sp.GetRequiredService<SynonymStore>();
            return new SearchEngine(sp.GetRequiredService<SearchIndex>(), () => synonyms.Current, options: sp.GetRequiredService<SearchOptions>());
        });
        services.AddSingleton<IContentSearch>(sp => sp.GetRequiredService<SearchEngine>());
        services.AddPortalSearchSources();
        services.AddSingleton<SearchIndexer>();
        return services;
    }

    /// <summary>
    /// Every content kind in the main search, one source each: the only list of them, used by the
    /// portal's indexer and its rebuild and by every tool (a test holds each host to it).
    /// </summary>
    public static IServiceCollection AddPortalSearchSources(this IServiceCollection services)
    {
        services.AddSingleton<ISearchDocumentSource, NormativeDocumentSearchSource>();
        services.AddSingleton<ISearchDocumentSource, MaterialSearchSource>();
        services.AddSingleton<ISearchDocumentSource, NebResourceSearchSource>();
        services.AddSingleton<ISearchDocumentSource, ProtocolSearchSource>();
        services.AddSingleton<ISearchDocumentSource, PlanSearchSource>();
        services.AddSingleton<ISearchDocumentSource, ExchangeSearchSource>();
        return services;
    }
}
