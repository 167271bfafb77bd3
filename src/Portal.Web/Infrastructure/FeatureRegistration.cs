using Portal.Core.Content;

namespace Portal.Web.Infrastructure;

/// <summary>The table of contents of the portal's features: one line each to register and to map.</summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ContentSeeder>();
        services.AddContentImporters();
        services.AddPublishingFeature();
        services.AddSearchFeature(configuration);
        services.AddAssociationFeature();
        services.AddCrawlingFeature();
        return services;
    }

    public static WebApplication MapFeatureEndpoints(this WebApplication app)
    {
        app.MapPublishingEndpoints();
        app.MapSearchEndpoints();
        return app;
    }
}
