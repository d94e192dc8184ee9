using System.Diagnostics;
using Lake.AppHost.Hosting;
using Lake.Dashboard.Resources;

namespace Lake.AppHost.Orchestration;

/// <summary>
/// A function runs inside its host (the Lambda emulator): it is up once an invocation reaches it, and it follows its
/// host down and up again. Its console lines are the host's lines tagged <c>[name instance]</c>; its restarts are the
/// host's reports of the function's process exiting.
/// </summary>
internal sealed class FunctionRunner(FunctionResource function, ResourceLogStore logs) : ResourceRunner(function, logs)
{
    private int _listening;

    protected override async Task RunCoreAsync(IReadOnlyDictionary<LakeResource, ResourceRunner> runners)
    {
        var host = runners[function.Host];
        if (Interlocked.Exchange(ref _listening, 1) == 0)
        {
            host.LineWritten += OnHostLine;
        }

        try
        {
            await FollowHostAsync(host);
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            Status.SetState(ResourceState.Exited, "stopped");
        }
    }

    private async Task FollowHostAsync(ResourceRunner host)
    {
        while (true)
        {
            while (host.Status.State != ResourceState.Running)
            {
                await Task.Delay(250, Stopping);
            }

            Status.SetState(ResourceState.Starting);
            Status.Started(null, function.BuildEnvironment());
            var waited = Stopwatch.StartNew();
            while (host.Status.State == ResourceState.Running && !await function.HealthCheck!.IsHealthyAsync(Stopping))
            {
                if (waited.Elapsed > function.StartTimeout)
                {
                    Fail($"no invocation reached it within {function.StartTimeout.TotalSeconds:0}s");
                    return;
                }

                await Task.Delay(500, Stopping);
            }

            if (host.Status.State != ResourceState.Running)
            {
                continue;
            }

            Status.SetState(ResourceState.Running, $"running in {host.Resource.Name}");
            Status.SetHealth(ResourceHealth.Healthy);
            MarkReady();
            while (host.Status.State == ResourceState.Running)
            {
                await Task.Delay(250, Stopping);
            }

            Status.SetState(ResourceState.Waiting, $"waiting for {host.Resource.Name}");
        }
    }

    private void OnHostLine(string line, bool isError)
    {
        var tag = line.IndexOf($"[{function.Name} ", StringComparison.Ordinal);
        if (tag >= 0)
        {
            Write(line[tag..], isError);
        }
        else if (line.Contains($"{function.Name}: process ", StringComparison.Ordinal) && line.Contains(" exited with ", StringComparison.Ordinal))
        {
            Status.CountRestart();
            Write(line, isError);
        }
    }
}

/// <summary>Something the AppHost does not run, only watches (a LocalStack the user started): up while it answers.</summary>
internal sealed class ExternalRunner(ExternalResource external, ResourceLogStore logs) : ResourceRunner(external, logs)
{
    protected override async Task RunCoreAsync(IReadOnlyDictionary<LakeResource, ResourceRunner> runners)
    {
        var check = external.HealthCheck!;
        Status.SetState(ResourceState.Starting);
        var waited = Stopwatch.StartNew();
        while (!await check.IsHealthyAsync(Stopping))
        {
            if (waited.Elapsed > external.StartTimeout)
            {
                Fail($"did not answer within {external.StartTimeout.TotalSeconds:0}s");
                return;
            }

            await Task.Delay(500, Stopping);
        }

        Status.SetState(ResourceState.Running, $"answering at {string.Join(", ", external.Endpoints.Select(e => e.Url.ToString().TrimEnd('/')))}");
        Status.SetHealth(ResourceHealth.Healthy);
        MarkReady();
        while (!Stopping.IsCancellationRequested)
        {
            await Task.Delay(HealthInterval, Stopping);
            Status.SetHealth(await check.IsHealthyAsync(Stopping) ? ResourceHealth.Healthy : ResourceHealth.Unhealthy);
        }
    }
}
