namespace Lake.Cli.Connection;

/// <summary>The CLI cannot tell where the lake is or which key to use; the message says what to set.</summary>
internal sealed class LakeConfigurationException(string message) : Exception(message);
