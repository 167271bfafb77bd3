using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Core.Configuration;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

/// <summary>Healthy when the database answers and the index folder can be written; 503 otherwise.</summary>
public sealed class PortalHealthCheck(PortalDbContext db, PortalOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        bool database;
        try
        {
            database = await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception)
        {
            database = false;
        }
        data["database"] = database ? "ok" : "unreachable";
        var index = IsWritableFolder(options.IndexDirectory);
        data["index"] = index ? "ok" : "unreachable";
        return database && index
            ? HealthCheckResult.Healthy("ok", data)
            : HealthCheckResult.Unhealthy("unhealthy", data: data);
    }

    private static bool IsWritableFolder(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, ".health-probe");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

public static class HealthEndpoint
{
    public static void MapPortalHealth(this WebApplication app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                var body = new
                {
                    status = report.Status == HealthStatus.Healthy ? "ok" : "unhealthy",
                    checks = report.Entries.SelectMany(e => e.Value.Data).ToDictionary(d => d.Key, d => d.Value),
                };
                await context.Response.WriteAsync(JsonSerializer.Serialize(body));
            },
        }).AllowAnonymous();
}
