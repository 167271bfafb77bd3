namespace Portal.Web.Infrastructure;

/// <summary>
/// <c>dotnet Portal.Web.dll healthcheck [url]</c>: asks a running portal's <c>/health</c> and exits 0
/// only on 200, so a container needs no curl or wget for its HEALTHCHECK.
/// </summary>
public static class HealthProbe
{
    public const string Command = "healthcheck";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : "http://127.0.0.1:8080/health";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
