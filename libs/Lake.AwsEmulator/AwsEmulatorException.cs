namespace Lake.AwsEmulator;

/// <summary>The emulator could not be started; the message says why and what to do, in one line.</summary>
public sealed class AwsEmulatorException(string message, Exception? inner = null) : Exception(message, inner);
