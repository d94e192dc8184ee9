namespace Lake.Provisioning;

/// <summary>A resource could not be brought to its configured state; the message names it and says what to change.</summary>
public sealed class ProvisioningException(string message, Exception? inner = null) : Exception(message, inner);
