using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Lake.AppHost.Hosting;
using Lake.Dashboard.Resources;
using Lake.Processes;

namespace Lake.AppHost.Orchestration;

/// <summary>
/// Supervises a resource's process: starts it, waits for its health check (or, run once, its exit code), watches
/// its health, restarts it with exponential backoff when it exits unexpectedly, and stops it with a grace period.
/// </summary>
internal sealed class ProcessRunner(ProcessResource resource, ResourceLogStore logs) : ResourceRunner(resource, logs)
{
    private static readonly TimeSpan ReadinessPoll = TimeSpan.FromMilliseconds(300);

    /// <summary>Quick failures before the resource was ever healthy after which a start is abandoned.</summary>
    private const int StartAttempts = 3;

    private TaskCompletionSource _restartRequested = NewSignal();
    private bool _everHealthy;

    private enum Outcome
    {
        Stopped,
        RestartRequested,
        Finished,
        Exited,
        NotHealthyInTime,
    }

    public override Task<bool> RestartAsync(IReadOnlyDictionary<LakeResource, ResourceRunner> runners, CancellationToken cancellationToken)
    {
        if (Rerun(runners))
        {
            Status.CountRestart();
        }
        else
        {
            _restartRequested.TrySetResult();
        }

        return Task.FromResult(true);
    }

    protected override async Task RunCoreAsync(IReadOnlyDictionary<LakeResource, ResourceRunner> runners)
    {
        var backoff = new RestartBackoff(resource.Restart);
        while (true)
        {
            Status.SetState(ResourceState.Starting);
            var environment = resource.BuildEnvironment();
            ChildProcess child;
            try
            {
                child = await StartProcessAsync(environment);
            }
            catch (Exception ex) when (ex is Win32Exception or FileNotFoundException)
            {
                Fail($"cannot be started: {ex.Message}");
                return;
            }

            var ran = Stopwatch.StartNew();
            Status.Started(child.Id, environment);
            var outcome = await SuperviseAsync(child);
            var exitCode = await EndAsync(child, outcome);
            switch (outcome)
            {
                case Outcome.Stopped:
                    Status.SetState(ResourceState.Exited, "stopped", exitCode);
                    return;
                case Outcome.Finished when exitCode == 0:
                    Status.SetState(ResourceState.Finished, "finished", exitCode);
                    MarkReady();
                    return;
                case Outcome.Finished:
                    Fail($"exited with code {exitCode}", exitCode);
                    return;
                case Outcome.NotHealthyInTime when resource.RunsOnce:
                    Fail($"did not finish within {resource.StartTimeout.TotalSeconds:0}s", exitCode);
                    return;
                case Outcome.RestartRequested:
                    Status.CountRestart();
                    continue;
            }

            var why = outcome == Outcome.NotHealthyInTime ? $"not healthy within {resource.StartTimeout.TotalSeconds:0}s" : $"exited with code {exitCode}";
            var delay = backoff.NextDelay(ran.Elapsed);
            if (delay is null || (!_everHealthy && backoff.QuickFailures >= StartAttempts))
            {
                Fail($"{why}; gave up after {backoff.QuickFailures} attempts in a row", exitCode);
                return;
            }

            Status.CountRestart();
            Status.SetState(ResourceState.Restarting, $"{why}; restarting in {delay.Value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s (restart {Status.Restarts})", exitCode);
            try
            {
                await Task.Delay(delay.Value, Stopping);
            }
            catch (OperationCanceledException)
            {
                Status.SetState(ResourceState.Exited, "stopped", exitCode);
                return;
            }
        }
    }

    private async Task<ChildProcess> StartProcessAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var start = resource.CreateStartInfo();
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return await ChildProcess.StartAsync(start, Write);
    }

    private async Task<Outcome> SuperviseAsync(ChildProcess child)
    {
        var restart = _restartRequested.Task;
        if (resource.RunsOnce)
        {
            var timeout = Task.Delay(resource.StartTimeout, Stopping);
            var first = await Task.WhenAny(child.Exited, restart, timeout);
            return first == child.Exited ? Outcome.Finished : first == restart ? Outcome.RestartRequested
                : Stopping.IsCancellationRequested ? Outcome.Stopped : Outcome.NotHealthyInTime;
        }

        var waited = Stopwatch.StartNew();
        var healthy = false;
        while (true)
        {
            var interval = Task.Delay(healthy ? HealthInterval : ReadinessPoll, Stopping);
            var first = await Task.WhenAny(child.Exited, restart, interval);
            if (first == child.Exited)
            {
                return Outcome.Exited;
            }

            if (first == restart)
            {
                return Outcome.RestartRequested;
            }

            if (Stopping.IsCancellationRequested)
            {
                return Outcome.Stopped;
            }

            var passes = resource.HealthCheck is null || await resource.HealthCheck.IsHealthyAsync(Stopping);
            if (healthy)
            {
                Status.SetHealth(passes ? ResourceHealth.Healthy : ResourceHealth.Unhealthy);
            }
            else if (passes)
            {
                healthy = true;
                _everHealthy = true;
                Status.SetState(ResourceState.Running, Describe());
                Status.SetHealth(resource.HealthCheck is null ? ResourceHealth.Unknown : ResourceHealth.Healthy);
                MarkReady();
            }
            else if (waited.Elapsed > resource.StartTimeout)
            {
                return Outcome.NotHealthyInTime;
            }
        }
    }

    /// <summary>Stops the process unless it ended by itself; returns its exit code.</summary>
    private async Task<int> EndAsync(ChildProcess child, Outcome outcome)
    {
        if (outcome is Outcome.Stopped or Outcome.RestartRequested)
        {
            Status.SetState(ResourceState.Stopping);
            _restartRequested = NewSignal();
        }

        await using (child)
        {
            return await child.StopAsync(resource.StopGrace);
        }
    }

    private string Describe() => resource.Endpoints.Count == 0 ? "running" : $"running at {string.Join(", ", resource.Endpoints.Select(e => e.Url.ToString().TrimEnd('/')))}";

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
