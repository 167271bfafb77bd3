using Portal.Core.Search.Analysis;

namespace Portal.Core.Tests.Search;

/// <summary>The dictionary is loaded once for all search tests, as the portal does.</summary>
public static class SearchTestEnvironment
{
    private static readonly Lazy<RussianMorphology> LazyMorphology = new(() =>
    {
        var directory = RussianMorphology.FindDictionaryDirectory(null)
            ?? throw new InvalidOperationException("content/dictionaries with ru_RU.aff/.dic not found above the test folder");
        return RussianMorphology.Load(directory);
    });

    public static RussianMorphology Morphology => LazyMorphology.Value;

    public static PortalAnalyzer Analyzer() => new(Morphology);
}
