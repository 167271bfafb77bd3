using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Search;
using Portal.Core.Search.Outbox;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Search;

/// <summary>Every content kind has one source, and the portal indexes exactly the registered ones.</summary>
public sealed class SearchSourcesTests(PortalAppFactory factory) : IClassFixture<PortalAppFactory>
{
    /// <summary>The kinds <see cref="SearchKinds"/> declares.</summary>
    public static IReadOnlyList<string> DeclaredKinds { get; } = typeof(SearchKinds).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();

    [Fact]
    public void The_registry_has_one_source_per_declared_kind_and_the_portal_indexes_all_of_them()
    {
        using var registry = new ServiceCollection().AddPortalSearchSources().BuildServiceProvider();
        var registered = registry.GetServices<ISearchDocumentSource>().Select(s => s.Kind).Order().ToList();

        Assert.Equal(DeclaredKinds, registered);
        Assert.Equal(registered, factory.Services.GetServices<ISearchDocumentSource>().Select(s => s.Kind).Order());
        Assert.Equal(registered, factory.Services.GetRequiredService<SearchIndexer>().Kinds.Order());
    }
}
