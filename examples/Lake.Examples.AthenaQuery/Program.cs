using System.Runtime.InteropServices;
using Lake.Aws;
using Lake.Aws.Athena;
using Lake.Examples.AthenaQuery;

// Usage: Lake.Examples.AthenaQuery "<SQL>" [database]; prints the result as CSV (NULL as an empty field).
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: Lake.Examples.AthenaQuery \"<SQL>\" [database]");
    return 2;
}

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

using var athena = new AthenaClient();
var query = new AthenaQuery(athena, Environment.GetEnvironmentVariable("Lake__AthenaWorkGroup"));
try
{
    foreach (var row in await query.RunAsync(args[0], args.Length > 1 ? args[1] : null, stop.Token))
    {
        Console.WriteLine(string.Join(',', row.Select(Csv)));
    }

    return 0;
}
catch (AthenaQueryFailedException failure)
{
    Console.Error.WriteLine(failure.Message);
    return 1;
}
catch (AwsServiceException error)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped; the query was stopped on the server too.");
    return 130;
}

static string Csv(string? value) =>
    value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
