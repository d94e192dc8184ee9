using Microsoft.Extensions.Options;

namespace Lake.LambdaEmulator.Functions;

/// <summary>The configured functions by name.</summary>
public sealed class FunctionRegistry
{
    private readonly Dictionary<string, FunctionRuntime> _functions;

    public FunctionRegistry(IOptions<LambdaEmulatorOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Lake.LambdaEmulator.Functions");
        _functions = options.Value.Functions.ToDictionary(
            f => f.Key, f => new FunctionRuntime(f.Key, f.Value, logger), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<FunctionRuntime> All => _functions.Values;

    /// <summary>Finds a function by name or ARN (<c>arn:aws:lambda:region:account:function:name[:qualifier]</c>).</summary>
    public FunctionRuntime? Find(string nameOrArn)
    {
        var name = nameOrArn;
        if (nameOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            var parts = nameOrArn.Split(':');
            name = parts.Length >= 7 ? parts[6] : nameOrArn;
        }

        return _functions.GetValueOrDefault(name);
    }

    /// <summary>The ARN Lambda would give the function in this region and account.</summary>
    public static string ArnOf(string name, string region, string accountId) => $"arn:aws:lambda:{region}:{accountId}:function:{name}";
}
