namespace Lake.AppHost;

/// <summary>The AppHost's own settings (<c>AppHost__*</c> or <c>--AppHost:...</c>).</summary>
public sealed class AppHostOptions
{
    public const string SectionName = "AppHost";

    /// <summary>The loopback port the AWS emulator listens on; fixed so the AWS CLI can be pointed at it.</summary>
    public int EmulatorPort { get; set; } = 4566;
}
