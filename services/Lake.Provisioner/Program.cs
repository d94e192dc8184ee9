using Lake.Provisioner;

return await ProvisionerCommand.RunAsync(args);
