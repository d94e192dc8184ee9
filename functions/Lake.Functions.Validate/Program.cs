using Lake.Functions.Validate;
using Lake.Lambda.Bootstrap;

using var startup = new ValidateStartup(args);
return await LambdaRuntime.RunAsync(startup.HandleAsync, startup.InitializeAsync);
