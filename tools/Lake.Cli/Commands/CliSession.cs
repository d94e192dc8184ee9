using System.CommandLine;
using Lake.Cli.Api;
using Lake.Cli.Connection;
using Lake.Cli.Uploads;
using Spectre.Console;

namespace Lake.Cli.Commands;

/// <summary>
/// One invocation's world: where the lake is, the terminal (stdout for results, stderr for errors), the HTTP clients;
/// and the one place errors become messages and exit codes.
/// </summary>
internal sealed class CliSession : IDisposable
{
    /// <summary>The lake refused or a file did not make it.</summary>
    public const int Failed = 1;

    /// <summary>The command line named something that is not there (a file, a dataset, a format).</summary>
    public const int Usage = 2;

    /// <summary>The lake is not running, or where it is is unknown.</summary>
    public const int Unreachable = 3;

    public const int Interrupted = 130;

    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) }) { Timeout = TimeSpan.FromMinutes(10) };
    private readonly Lazy<LakeConnection> _connection;

    public CliSession(ParseResult parse, ConnectionOptions options)
    {
        _connection = new(() => options.Resolve(parse, Environment.GetEnvironmentVariable));
        Out = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            // No terminal to fit: keep table rows whole for whoever reads the output.
            Out.Profile.Width = 240;
        }

        Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        if (System.Console.IsErrorRedirected)
        {
            Error.Profile.Width = 1000;
        }
    }

    public IAnsiConsole Out { get; }

    public IAnsiConsole Error { get; }

    public LakeConnection Connection => _connection.Value;

    public IngestClient Ingest() => new(new LakeApiClient(_http, Connection.IngestApi), _http);

    public QueryClient Query() => new(new LakeApiClient(_http, Connection.Query));

    public ConsoleClient LakeConsole() => new(new LakeApiClient(_http, Connection.Console));

    /// <summary>Runs a command's work, turning the errors a user can act on into one line on stderr and an exit code.</summary>
    public async Task<int> RunAsync(Func<Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail("interrupted", Interrupted);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            return Fail($"the lake did not answer within {_http.Timeout.TotalMinutes:0} minutes", Failed);
        }
        catch (LakeNotRunningException e)
        {
            return Fail(e.Message, Unreachable);
        }
        catch (LakeConfigurationException e)
        {
            return Fail(e.Message, Unreachable);
        }
        catch (LakeApiException e)
        {
            return Fail(e.Message, Failed);
        }
        catch (Exception e) when (e is UsageException or FileSelectionException)
        {
            return Fail(e.Message, Usage);
        }
        catch (HttpRequestException e)
        {
            return Fail(e.Message, Failed);
        }
    }

    private int Fail(string message, int exitCode)
    {
        Error.MarkupLineInterpolated($"[red]lake:[/] {message}");
        return exitCode;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>How each command runs: in a <see cref="CliSession"/> of its own, errors turned into messages and exit codes.</summary>
internal static class LakeCommandExtensions
{
    public static Command WithLakeAction(this Command command, ConnectionOptions connection, Func<CliSession, ParseResult, CancellationToken, Task<int>> work)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = new CliSession(parse, connection);
            return await session.RunAsync(() => work(session, parse, cancellationToken), cancellationToken);
        });
        return command;
    }
}
