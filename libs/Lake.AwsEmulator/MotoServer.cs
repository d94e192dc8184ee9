using System.ComponentModel;
using System.Diagnostics;
using Lake.Processes;

namespace Lake.AwsEmulator;

/// <summary>
/// A running <c>moto_server</c>: S3, SQS, SNS, Glue and DynamoDB on one loopback endpoint.
/// Disposing stops it and every process it started.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    /// <summary>The command that installs the emulator, for error messages.</summary>
    public const string InstallHint = "pip install \"moto[server]\"";

    private readonly Process _process;
    private readonly StartupLog _log;
    private int _disposed;

    private MotoServer(Process process, Uri endpoint, StartupLog log)
    {
        _process = process;
        _log = log;
        Endpoint = endpoint;
    }

    /// <summary>The emulator's base URL, e.g. <c>http://127.0.0.1:41234</c>, for <c>AWS_ENDPOINT_URL</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The operating-system process id (the emulator's root process).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Starts the emulator and returns once it answers HTTP.</summary>
    /// <exception cref="AwsEmulatorException">It is not installed, exited early or did not answer in time.</exception>
    public static async Task<MotoServer> StartAsync(MotoServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MotoServerOptions();
        var executable = ExecutableLocator.Find(options.Executable)
            ?? throw new AwsEmulatorException($"'{options.Executable}' was not found on PATH: install the AWS emulator with `{InstallHint}`.");

        // Otherwise the readiness probe would be answered by whatever already listens there.
        if (options.Port != 0 && !FreePort.IsFree(options.Host, options.Port))
        {
            throw new AwsEmulatorException($"Port {options.Port} on {options.Host} is already in use: stop what listens there or let the emulator pick a free port.");
        }

        // A port picked free can be taken before moto binds it; one more try covers that race.
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port != 0 ? options.Port : FreePort.Pick();
            var server = Launch(executable, options, port);
            try
            {
                await server.WaitUntilAnsweringAsync(options.StartupTimeout, cancellationToken);
                return server;
            }
            catch (AwsEmulatorException) when (attempt == 1 && options.Port == 0 && server._log.Contains("Address already in use"))
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    private static MotoServer Launch(string executable, MotoServerOptions options, int port)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-H");
        start.ArgumentList.Add(options.Host);
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (options.StateFile is { } state)
        {
            start.ArgumentList.Add("--state");
            start.ArgumentList.Add(state);
        }

        foreach (var argument in options.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StartupLog(options.Log);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => log.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new AwsEmulatorException($"'{executable}' could not be started ({ex.Message}): reinstall it with `{InstallHint}`.", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new MotoServer(process, new Uri($"http://{options.Host}:{port}"), log);
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new AwsEmulatorException(
                    $"moto_server exited with code {_process.ExitCode} before answering: {_log.Tail()}");
            }

            try
            {
                // Any answer will do: lake_moto.py's readiness path answers 200 without touching a backend, a bare
                // moto_server 404 (/moto-api/data.json would serialise every restored backend on each probe).
                using var response = await http.GetAsync(new Uri(Endpoint, "/lake/health"), cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (deadline.Elapsed > timeout)
            {
                throw new AwsEmulatorException(
                    $"moto_server did not answer on {Endpoint} within {timeout.TotalSeconds:0}s: {_log.Tail()}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Stops the emulator: a polite SIGTERM, then a kill of the whole process tree.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await ProcessSignals.StopAsync(_process, TimeSpan.FromSeconds(5));
        }
        finally
        {
            _process.Dispose();
        }
    }
}
