using System.Collections.Concurrent;
using System.Diagnostics;
using Lake.AppHost.Hosting;
using Lake.AppHost.Orchestration;
using Lake.Dashboard.Resources;
using Lake.Processes;

namespace Lake.AppHost.Tests;

/// <summary>The supervisor in-process, over small real processes, read through the dashboard's <see cref="IResourceFeed"/>.</summary>
[Trait("Category", "Integration")]
public sealed class SupervisorTests
{
    private static readonly RestartPolicy Quick = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), 5);

    [Fact]
    public async Task AKilledProcessIsRestartedWithBackoffAndTheFeedCountsTheRestart()
    {
        var builder = new LakeAppBuilder(new AppHostOptions());
        builder.AddExecutable("sleeper", "Executable", "sleep", Path.GetTempPath()).WithArgs("300").WithRestartPolicy(Quick);
        await using var app = builder.Build();
        var states = Record(app);
        await app.StartAsync(CancellationToken.None);
        var first = app.GetResources().Single().ProcessId!.Value;

        using (var process = Process.GetProcessById(first))
        {
            process.Kill();
        }

        var restarted = await WaitForAsync(app, r => r.State == ResourceState.Running && r.ProcessId is { } pid && pid != first);

        Assert.Equal(1, restarted.Restarts);
        Assert.Equal(137, restarted.ExitCode ?? 137);
        Assert.Equal(
            [ResourceState.Starting, ResourceState.Running, ResourceState.Restarting, ResourceState.Starting, ResourceState.Running],
            states.Where(s => s.Name == "sleeper").Select(s => s.State).ToList());
    }

    [Fact]
    public async Task AProcessThatKeepsFailingBeforeItIsUpIsGivenUpWithItsExitCodeAndLastLines()
    {
        var builder = new LakeAppBuilder(new AppHostOptions());
        builder.AddExecutable("broken", "Executable", "sh", Path.GetTempPath()).WithArgs("-c", "echo 'bad setting: Lake:Buckets:Raw' >&2; exit 3").WithRestartPolicy(Quick);
        await using var app = builder.Build();

        var failure = await Assert.ThrowsAsync<ResourceFailedException>(() => app.StartAsync(CancellationToken.None));

        var broken = app.GetResources().Single();
        Assert.Equal((ResourceState.Exited, 3, 2), (broken.State, broken.ExitCode, broken.Restarts));
        Assert.Equal("broken", failure.Resource);
        Assert.Contains("gave up after 3 attempts", failure.Reason);
        Assert.Contains("bad setting: Lake:Buckets:Raw", failure.LastLines);
    }

    [Fact]
    public async Task AResourceStartsOnlyOnceWhatItWaitsForIsUp()
    {
        var builder = new LakeAppBuilder(new AppHostOptions());
        var setup = builder.AddExecutable("setup", "Executable", "sh", Path.GetTempPath()).WithArgs("-c", "sleep 1; echo done").RunsOnce();
        var service = builder.AddExecutable("service", "Executable", "sleep", Path.GetTempPath()).WithArgs("300").WaitForCompletion(setup);
        builder.AddExecutable("client", "Executable", "sleep", Path.GetTempPath()).WithArgs("300").WaitFor(service);
        await using var app = builder.Build();
        var states = Record(app);

        await app.StartAsync(CancellationToken.None);

        var order = states.Where(s => s.State is ResourceState.Starting or ResourceState.Finished or ResourceState.Running).Select(s => $"{s.Name} {s.State}").ToList();
        Assert.Equal(["setup Starting", "setup Finished", "service Starting", "service Running", "client Starting", "client Running"], order);
        Assert.Equal(["setup"], app.GetResources().Single(r => r.Name == "service").DependsOn);
    }

    [Fact]
    public async Task ConsoleLinesReachTheFeedNumberedInOrderWithTheirStream()
    {
        var builder = new LakeAppBuilder(new AppHostOptions());
        builder.AddExecutable("talker", "Executable", "sh", Path.GetTempPath()).WithArgs("-c", "echo one; sleep 0.2; echo two >&2; exec sleep 300");
        await using var app = builder.Build();
        await app.StartAsync(CancellationToken.None);

        var lines = await WaitForLogsAsync(app, "talker", 2);

        Assert.Equal([("one", false), ("two", true)], lines.Select(l => (l.Text, l.IsError)).ToList());
        Assert.True(lines[1].Sequence > lines[0].Sequence);
        Assert.Empty(app.GetLogs("talker", lines[1].Sequence, 10));
    }

    [Fact]
    public async Task ARestartFromTheFeedReplacesTheProcessAndStoppingEndsEveryProcessDependentsFirst()
    {
        var builder = new LakeAppBuilder(new AppHostOptions());
        var first = builder.AddExecutable("first", "Executable", "sleep", Path.GetTempPath()).WithArgs("300");
        builder.AddExecutable("second", "Executable", "sleep", Path.GetTempPath()).WithArgs("300").WaitFor(first)
            .WithEnvironment("LAKE_SECRET_KEY", "hidden").WithEnvironment("PLAIN", "shown");
        var app = builder.Build();
        var states = Record(app);
        await app.StartAsync(CancellationToken.None);
        var before = app.GetResources().Single(r => r.Name == "second");

        Assert.True(await app.RestartAsync("second", CancellationToken.None));
        var after = await WaitForAsync(app, r => r.Name == "second" && r.State == ResourceState.Running && r.ProcessId != before.ProcessId);
        await app.StopAsync();

        Assert.Equal(1, after.Restarts);
        Assert.Equal(("********", "shown"), (after.Environment["LAKE_SECRET_KEY"], after.Environment["PLAIN"]));
        Assert.False(await app.RestartAsync("second", CancellationToken.None));
        Assert.All([before.ProcessId!.Value, after.ProcessId!.Value], pid => Assert.False(Lake.Testing.ProcessTree.IsAlive(pid)));
        var stops = states.Where(s => s.State == ResourceState.Stopping).Select(s => s.Name).ToList();
        Assert.Equal(["second", "second", "first"], stops);
    }

    private static ConcurrentQueue<(string Name, ResourceState State)> Record(LakeApp app)
    {
        var states = new ConcurrentQueue<(string, ResourceState)>();
        foreach (var runner in app.Runners)
        {
            runner.Status.StateChanged += (status, _) =>
            {
                if (status.State is not (ResourceState.Waiting or ResourceState.NotStarted))
                {
                    states.Enqueue((status.Resource.Name, status.State));
                }
            };
        }

        return states;
    }

    private static async Task<ResourceSnapshot> WaitForAsync(LakeApp app, Func<ResourceSnapshot, bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (app.GetResources().FirstOrDefault(condition) is { } match)
            {
                return match;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException(string.Join("\n", app.GetResources()));
    }

    private static async Task<IReadOnlyList<ResourceLogLine>> WaitForLogsAsync(LakeApp app, string resource, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (app.GetLogs(resource, 0, 100).Count < count && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        return app.GetLogs(resource, 0, 100);
    }
}
