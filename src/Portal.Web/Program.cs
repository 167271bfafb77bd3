using Portal.Web.Infrastructure;

if (args is [HealthProbe.Command, ..])
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalOptions();
builder.Services.AddPortalData();
builder.Services.AddPortalIdentity();
builder.Services.AddPortalWeb(builder.Configuration);
builder.Services.AddPortalFeatures(builder.Configuration);

var app = builder.Build();

await app.InitialisePortalAsync();

app.UsePortalPipeline();
app.MapPortalEndpoints();

await app.RunAsync();
return 0;

/// <summary>Entry point type, public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
