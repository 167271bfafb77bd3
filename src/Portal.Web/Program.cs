using Portal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalOptions();
builder.Services.AddPortalData();
builder.Services.AddPortalIdentity();
builder.Services.AddPortalWeb(builder.Configuration);
builder.Services.AddPortalFeatures();

var app = builder.Build();

await app.InitialisePortalAsync();

app.UsePortalPipeline();
app.MapPortalEndpoints();

app.Run();

/// <summary>Entry point type, public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
