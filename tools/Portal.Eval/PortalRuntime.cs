using System.Diagnostics;

namespace Portal.Eval;

/// <summary>
/// The runtime settings the portal runs with (<c>tools/run.sh</c>, the Dockerfile), so that a
/// search is measured as it runs there. The GC reads them at process start only: a measuring verb
/// started without them starts itself again with them.
/// </summary>
public static class PortalRuntime
{
    /// <summary>
    /// The smallest gen0 budget. Where the GC cannot read the processor's cache size (virtual
    /// machines such as these), it falls back to a budget so small that a search of a few hundred
    /// kilobytes of allocation triggers a collection every few queries; 32 MB took the portal's
    /// queries per second up by a fifth here (16 MB alike, 128 MB worse).
    /// </summary>
    public const string Gen0SizeVariable = "DOTNET_GCgen0size";
    public const string Gen0Size = "0x2000000";

    public static bool IsSet => Environment.GetEnvironmentVariable(Gen0SizeVariable) is not null;

    /// <summary>Runs this program again with the portal's settings and returns its exit code.</summary>
    public static async Task<int> RunAgainWithPortalSettingsAsync(string[] args)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        // Under the shared host (`dotnet Portal.Eval.dll`) the assembly is the first argument; the
        // app's own launcher (what `dotnet run` starts) needs none.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(PortalRuntime).Assembly.Location);
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment[Gen0SizeVariable] = Gen0Size;
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
