using ServerlessBilling.LocalHost;

return await LocalHostCommand.RunAsync(args);
