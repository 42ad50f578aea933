using Microsoft.Extensions.DependencyInjection;

namespace MicroEvents.Access;

public static class AccessSetup
{
    /// <summary>API keys and creator sign-in, on the tables beside the journal's store.</summary>
    public static ISiloBuilder AddAccess(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<AccessDatabase>();
        return silo;
    }
}
