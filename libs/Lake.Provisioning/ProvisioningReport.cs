namespace Lake.Provisioning;

public enum ProvisioningAction
{
    /// <summary>It did not exist and was created.</summary>
    Created,

    /// <summary>It existed but a setting differed and was put right.</summary>
    Updated,

    /// <summary>It existed as configured; nothing was sent.</summary>
    Unchanged,
}

/// <summary>One resource the provisioner ensured, with what it had to do.</summary>
/// <param name="Kind">e.g. <c>S3 bucket</c>, <c>SQS queue</c>.</param>
/// <param name="Name">The configured name.</param>
/// <param name="Identifier">The URL or ARN resolved at provisioning time.</param>
public sealed record ProvisionedResource(string Kind, string Name, string Identifier, ProvisioningAction Action);

/// <summary>What one provisioning run did, resource by resource, in the order it did it.</summary>
public sealed class ProvisioningReport
{
    private readonly List<ProvisionedResource> _resources = [];

    public IReadOnlyList<ProvisionedResource> Resources => _resources;

    /// <summary>True when the run found everything as configured.</summary>
    public bool ChangedNothing => _resources.All(r => r.Action == ProvisioningAction.Unchanged);

    internal ProvisionedResource Add(string kind, string name, string identifier, ProvisioningAction action)
    {
        var resource = new ProvisionedResource(kind, name, identifier, action);
        _resources.Add(resource);
        return resource;
    }

    public ProvisionedResource Find(string kind, string name) =>
        _resources.FirstOrDefault(r => r.Kind == kind && r.Name == name)
        ?? throw new KeyNotFoundException($"The report holds no {kind} named '{name}'.");
}
