using System.Net;
using Amazon.Extensions.NETCore.Setup;
using Lake.Configuration;
using Microsoft.Extensions.Options;

namespace Lake.Dashboard;

/// <summary>Where the dashboard listens and which lake it shows; bind from the <c>Dashboard</c> section if you like.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>An IP address, or <c>localhost</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port; <see cref="DashboardServer.Url"/> tells which.</summary>
    public int Port { get; set; } = 18888;

    /// <summary>The lake's resource names (<c>Lake__*</c>).</summary>
    public LakeOptions Lake { get; set; } = new();

    /// <summary>Where the dashboard keeps what must survive a restart (the alerts it took off the inbox); null keeps nothing.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>How to reach AWS; null uses the standard AWS settings (<c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL</c>, ...).</summary>
    public AWSOptions? Aws { get; set; }

    /// <summary>Throws <see cref="OptionsValidationException"/> naming every bad setting by its key.</summary>
    public void EnsureValid()
    {
        var failures = new List<string>();
        if (ListenAddress is null)
        {
            failures.Add($"{SectionName}:Host '{Host}' is not an IP address or 'localhost'.");
        }

        if (Port is < 0 or > 65535)
        {
            failures.Add($"{SectionName}:Port {Port} is outside 0-65535 (0 picks a free port).");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(SectionName, typeof(DashboardOptions), failures);
        }

        LakeOptionsValidator.EnsureValid(Lake);
    }

    internal IPAddress? ListenAddress =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(Host, out var address) ? address : null;
}
