using Lake.AppHost;

// The resource graph is LakeGraph.cs; this reads the settings, runs it and stops it.
return await AppHostCommand.RunAsync(args);
