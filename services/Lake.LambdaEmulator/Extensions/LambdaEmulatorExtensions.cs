using Amazon.SQS;
using Lake.LambdaEmulator.Apis;
using Lake.LambdaEmulator.EventSources;
using Lake.LambdaEmulator.Functions;
using Lake.ServiceDefaults;

namespace Lake.LambdaEmulator;

public static class LambdaEmulatorExtensions
{
    public static IHostApplicationBuilder AddLambdaEmulator(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();

        // A function process's Runtime API calls are its plumbing (a poll for the next invocation waits up to the
        // long-poll limit); the invocation is traced by the function and by the Invoke API or event source that made it.
        builder.ExcludeRequestsFromTracing(context => context.Request.Path.StartsWithSegments("/runtime-api"));
        builder.Services.AddOptions<LambdaEmulatorOptions>()
            .BindConfiguration(LambdaEmulatorOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                foreach (var (name, function) in options.Functions)
                {
                    function.Environment = FunctionEnvironment.Read(configuration.GetSection($"{LambdaEmulatorOptions.SectionName}:Functions:{name}:Environment"));
                }
            })
            .Validate(o => o.Functions.Values.All(f => !string.IsNullOrWhiteSpace(f.Command)), "Every LambdaEmulator:Functions:<name>:Command must be set.")
            .Validate(o => o.Functions.Values.All(f => f.TimeoutSeconds is >= 1 and <= 900), "LambdaEmulator:Functions:<name>:TimeoutSeconds must be 1-900.")
            .Validate(o => o.Functions.Values.All(f => f.Concurrency is >= 1 and <= 64), "LambdaEmulator:Functions:<name>:Concurrency must be 1-64.")
            .Validate(o => o.Functions.Values.SelectMany(f => f.EventSourceMappings).All(m => m.BatchSize is >= 1 and <= 10000 && !string.IsNullOrEmpty(m.QueueName)),
                "Every event source mapping needs a QueueName and a BatchSize of 1-10000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<FunctionRegistry>();
        builder.Services.AddAWSService<IAmazonSQS>();
        builder.Services.AddSingleton(sp => new Lazy<IAmazonSQS>(sp.GetRequiredService<IAmazonSQS>));
        builder.Services.AddHostedService<FunctionHost>();
        builder.Services.AddHostedService<EventSourceMappingHost>();
        return builder;
    }

    public static WebApplication MapLambdaEmulator(this WebApplication app)
    {
        app.MapRuntimeApi();
        app.MapInvokeApi();
        app.MapDefaultEndpoints();
        return app;
    }
}
