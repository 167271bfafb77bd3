using Portal.Eval;

return await EvalCommands.RunAsync(args);
