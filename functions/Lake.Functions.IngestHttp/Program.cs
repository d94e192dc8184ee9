using Lake.Functions.IngestHttp;
using Lake.Lambda.Bootstrap;

using var startup = new IngestHttpStartup(args);
return await LambdaRuntime.RunAsync(startup.HandleAsync, startup.InitializeAsync);
