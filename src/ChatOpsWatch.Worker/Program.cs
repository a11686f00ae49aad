using ChatOpsWatch.Worker.Cli;
using ChatOpsWatch.Worker.Hosting;

NativeHeap.LimitArenas();
return await CommandLine.RunAsync(args);
