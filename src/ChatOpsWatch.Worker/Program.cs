using ChatOpsWatch.Worker.Cli;

return await CommandLine.RunAsync(args);
