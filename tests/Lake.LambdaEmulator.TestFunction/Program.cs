using Lake.Lambda.Bootstrap;
using Lake.LambdaEmulator.TestFunction;

return await LambdaRuntime.RunAsync(Behaviours.HandleAsync, Behaviours.InitializeAsync);
