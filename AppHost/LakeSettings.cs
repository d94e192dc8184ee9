using System.Net;
using System.Net.Sockets;
using Lake.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lake.AppHost;

/// <summary>What the graph is built from: the AppHost's settings, the lake's names and the local state.</summary>
internal sealed record LakeSettings(AppHostOptions Options, LakeOptions Names, LocalState State, string RepositoryRoot)
{
    public string SeedDirectory => Path.Combine(RepositoryRoot, "seed-data");
}

internal static class LakeSettingsExtensions
{
    /// <summary>Reads and checks every setting before anything starts; a bad one stops the AppHost naming its key.</summary>
    /// <exception cref="LakeSettingsException">A setting is invalid or a configured port is taken.</exception>
    public static LakeSettings AddLakeSettings(this IDistributedApplicationBuilder builder)
    {
        AppHostOptions options;
        LakeOptions names;
        try
        {
            options = builder.Configuration.GetSection(AppHostOptions.SectionName).Get<AppHostOptions>() ?? new AppHostOptions();
            names = builder.Configuration.LakeOptions();
            LakeOptionsValidator.EnsureValid(names);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the value; say what would have been accepted.
            throw new LakeSettingsException($"{ex.Message} Modes: embedded, localstack, aws; ports: 0-65535; switches: true or false.", ex);
        }
        catch (OptionsValidationException ex)
        {
            throw new LakeSettingsException(ex.Message, ex);
        }

        options.Ports.EnsureFree();
        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var state = LocalState.Prepare(options, root);
        Console.WriteLine($"Starting the lake ({options.Mode}{(options.Clean ? ", clean" : "")}), state in {state.Directory} ...");
        return new LakeSettings(options, names, state, root);
    }

    /// <summary>Fixed ports must be free before DCP binds them, or the start fails later with a vaguer error.</summary>
    private static void EnsureFree(this LakePorts ports)
    {
        var seen = new Dictionary<int, string>();
        foreach (var (key, port) in ports.All())
        {
            if (port is < 0 or > 65535)
            {
                throw new LakeSettingsException($"{key} {port} is not a port (0-65535; 0 picks a free one).");
            }

            if (port == 0)
            {
                continue;
            }

            if (!seen.TryAdd(port, key))
            {
                throw new LakeSettingsException($"{key} {port} is also {seen[port]}: give one of them another port.");
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
            }
            catch (SocketException)
            {
                throw new LakeSettingsException(
                    $"Port {port} ({key}) is already in use: stop what listens there, or choose another port with --{key}=<port> (0 picks a free one).");
            }
        }
    }
}

/// <summary>A setting cannot work; the message names it and says what to do.</summary>
internal sealed class LakeSettingsException(string message, Exception? inner = null) : Exception(message, inner);
