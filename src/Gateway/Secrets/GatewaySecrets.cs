namespace MicroEvents.Gateway.Secrets;

/// <summary>The gateway process's secrets: read before anything uses them, refused start-up when one is missing.</summary>
public static class GatewaySecrets
{
    /// <summary>
    /// Fills the gateway's configuration from the secrets file (<c>--secrets path</c> or <c>Secrets__File</c>).
    /// A gateway that joins a deployment (membership table or a static silo list) must share the claim key, so
    /// without one it prints one line naming what is missing and returns false; a development gateway on
    /// localhost clustering keeps the old behaviour (a random key, with a warning).
    /// </summary>
    public static bool LoadSecrets(this WebApplicationBuilder builder, string[] args)
    {
        var index = Array.IndexOf(args, "--secrets");
        var file = index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        try
        {
            file = ClusterSecrets.FillFrom(builder.Configuration, file);
            var deployment = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Postgres"))
                || !string.IsNullOrWhiteSpace(builder.Configuration["Orleans:Gateways"]);
            if (deployment) ClusterSecrets.Require(k => builder.Configuration[k], silo: false, file);
            if (file is not null && SecretsFile.ReadableByOthers(file))
                Console.Error.WriteLine($"warning: the secrets file {file} is readable by other users; chmod 600 it.");
            return true;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"Cannot start: {e.Message}");
            return false;
        }
    }
}
