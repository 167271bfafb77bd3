using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Web.Infrastructure;

public static class OptionsSetup
{
    public static WebApplicationBuilder AddPortalOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PortalOptions>()
            .Bind(builder.Configuration.GetSection(PortalOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<PortalOptions>>().Value);
        return builder;
    }
}
