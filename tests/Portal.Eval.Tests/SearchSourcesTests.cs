using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Configuration;
using Portal.Core.Search;
using Portal.Core.Search.Outbox;

namespace Portal.Eval.Tests;

/// <summary>The reindex command rebuilds every kind the portal indexes, not a list of its own.</summary>
public sealed class SearchSourcesTests
{
    [Fact]
    public void Reindex_uses_every_registered_source()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-eval-sources-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var services = PortalDataCommands.Services(new PortalOptions { DataDirectory = folder });
            using var registry = new ServiceCollection().AddPortalSearchSources().BuildServiceProvider();

            var registered = registry.GetServices<ISearchDocumentSource>().Select(s => s.Kind).Order().ToList();
            Assert.Equal(6, registered.Count);
            Assert.Equal(registered, services.GetRequiredService<SearchIndexer>().Kinds.Order());
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
