using Lake.AppHost;

return await LakeHost.RunAsync(args);
