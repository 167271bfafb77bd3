using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content.Importers;

namespace Portal.Core.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>The importers of <c>content/</c> (schools, documents, materials, NEB); stateless, so singletons.</summary>
    public static IServiceCollection AddContentImporters(this IServiceCollection services)
    {
        services.AddSingleton<IContentImporter, SchoolsImporter>();
        services.AddSingleton<IContentImporter, DocumentsImporter>();
        services.AddSingleton<IContentImporter, MaterialsImporter>();
        services.AddSingleton<IContentImporter, NebImporter>();
        return services;
    }
}
