using System.Collections.Concurrent;
using System.Diagnostics;
using Lake.Testing;

namespace Lake.Processes.Tests;

/// <summary>Child processes as the AppHost starts them, on real shells and sleeps.</summary>
[Trait("Category", "Integration")]
public sealed class ChildProcessTests
{
    [Fact]
    public async Task EachChildLeadsItsOwnProcessGroup()
    {
        var lines = new ConcurrentQueue<(string Text, bool IsError)>();
        await using var child = await StartAsync("echo started; exec sleep 300", lines);
        await FirstLineAsync(lines);

        Assert.True(ChildProcessLauncher.IsolatesChildren, "setsid and setpriv (util-linux) are installed here");
        Assert.Equal(child.Id, GroupOf(child.Id));
        Assert.NotEqual(GroupOf(Environment.ProcessId), GroupOf(child.Id));
    }

    [Fact]
    public async Task WhatAChildLeftInItsGroupIsStoppedWhenTheChildDies()
    {
        var lines = new ConcurrentQueue<(string Text, bool IsError)>();
        await using var child = await StartAsync("sleep 300 & echo $!; wait", lines);
        var stray = int.Parse(await FirstLineAsync(lines), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ProcessTree.IsAlive(stray));

        using (var shell = Process.GetProcessById(child.Id))
        {
            shell.Kill();
        }

        Assert.Equal(137, await child.Exited.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(ProcessTree.IsAlive(stray), "the shell's background sleep was swept with its group");
    }

    [Fact]
    public async Task AChildThatIgnoresSigtermIsKilledAfterTheGrace()
    {
        var lines = new ConcurrentQueue<(string Text, bool IsError)>();
        // The shell notes each SIGTERM and carries on; only a SIGKILL ends it (137).
        await using var child = await StartAsync("trap 'echo term' TERM; echo ready; while true; do sleep 0.1; done", lines);
        await FirstLineAsync(lines);

        var exitCode = await child.StopAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(137, exitCode);
        Assert.Equal(["ready", "term"], lines.Select(l => l.Text).ToList());
    }

    [Fact]
    public async Task AChildThatHonoursSigtermStopsWithinTheGraceAndOutputArrivesByStream()
    {
        var lines = new ConcurrentQueue<(string Text, bool IsError)>();
        await using var child = await StartAsync("trap 'echo bye; exit 0' TERM; echo out; echo err >&2; while true; do sleep 0.1; done", lines);
        await LinesAsync(lines, 2);

        var exitCode = await child.StopAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, exitCode);
        Assert.Equal([("bye", false), ("err", true), ("out", false)], lines.Order().ToList());
    }

    private static Task<ChildProcess> StartAsync(string script, ConcurrentQueue<(string, bool)> lines) =>
        ChildProcess.StartAsync(new ProcessStartInfo("sh") { ArgumentList = { "-c", script } }, (line, isError) => lines.Enqueue((line, isError)));

    private static async Task<string> FirstLineAsync(ConcurrentQueue<(string Text, bool IsError)> lines)
    {
        await LinesAsync(lines, 1);
        return lines.TryPeek(out var line) ? line.Text : throw new InvalidOperationException("unreachable");
    }

    /// <summary>Waits (bounded) until the child has printed <paramref name="count"/> lines.</summary>
    private static async Task LinesAsync(ConcurrentQueue<(string Text, bool IsError)> lines, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (lines.Count < count)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"The child printed {lines.Count} of {count} lines in 30 s.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The process group id: field 5 of /proc/pid/stat.</summary>
    private static int GroupOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
    }
}
