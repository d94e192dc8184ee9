using System.Globalization;
using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>
/// Options for <see cref="DuckDbDatabase.Open"/>, applied with <c>duckdb_set_config</c> before the
/// database starts. The typed properties cover what Lake sets; <see cref="Set"/> takes any DuckDB
/// option by name (see DuckDB's <c>duckdb_settings()</c>). A bad name or value fails the open with
/// a <see cref="DuckDbException"/>.
/// </summary>
public sealed class DuckDbConfig
{
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>memory_limit</c>, e.g. <c>"512MB"</c> or <c>"2GiB"</c>.</summary>
    public string? MemoryLimit
    {
        get => Get("memory_limit");
        set => Put("memory_limit", value);
    }

    /// <summary><c>threads</c>: how many threads DuckDB runs a query on.</summary>
    public int? Threads
    {
        get => int.TryParse(Get("threads"), CultureInfo.InvariantCulture, out var threads) ? threads : null;
        set => Put("threads", value?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary><c>temp_directory</c>: where DuckDB spills when a query outgrows <see cref="MemoryLimit"/>.</summary>
    public string? TempDirectory
    {
        get => Get("temp_directory");
        set => Put("temp_directory", value);
    }

    /// <summary>Every option set so far, by DuckDB name.</summary>
    public IReadOnlyDictionary<string, string> Options => _options;

    /// <summary>Sets any DuckDB option by its name, e.g. <c>Set("default_order", "desc")</c>.</summary>
    public DuckDbConfig Set(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        _options[name] = value;
        return this;
    }

    internal DuckDbConfigHandle CreateNative()
    {
        if (NativeMethods.CreateConfig(out var config) != DuckDbState.Success)
        {
            config.Dispose();
            throw new DuckDbException("DuckDB could not create a configuration object.");
        }

        foreach (var (name, value) in _options)
        {
            if (NativeMethods.SetConfig(config, name, value) != DuckDbState.Success)
            {
                config.Dispose();
                throw Rejected(name, value);
            }
        }

        return config;
    }

    // duckdb_set_config says only that it failed; the same SET on a throwaway database gets DuckDB's reason.
    private static DuckDbException Rejected(string name, string value)
    {
        var prefix = $"DuckDB rejected the config option {name} = '{value}'";
        try
        {
            using var probe = DuckDbDatabase.Open(null);
            using var connection = probe.Connect();
            connection.Execute($"SET {SqlText.Identifier(name)} = {SqlText.Literal(value)}");
        }
        catch (DuckDbException reason)
        {
            return new DuckDbException($"{prefix}: {reason.Message}", DuckDbErrorType.InvalidConfiguration);
        }

        return new DuckDbException($"{prefix}: unknown option or invalid value.", DuckDbErrorType.InvalidConfiguration);
    }

    private string? Get(string name) => _options.TryGetValue(name, out var value) ? value : null;

    private void Put(string name, string? value)
    {
        if (value is null)
        {
            _options.Remove(name);
        }
        else
        {
            Set(name, value);
        }
    }
}
