using Portal.Eval;

// What is measured runs with the portal's GC settings (see PortalRuntime).
if (args is ["bench" or "eval", ..] && !PortalRuntime.IsSet)
{
    return await PortalRuntime.RunAgainWithPortalSettingsAsync(args);
}
return await EvalCommands.RunAsync(args);
