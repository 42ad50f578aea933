using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MicroEvents.Singletons;

public static class SingletonsSilo
{
    /// <summary>Keeps the grain <typeparamref name="TWake"/> names awake in this silo's cluster (see <see cref="ISingletonWake"/>).</summary>
    public static ISiloBuilder KeepAwake<TWake>(this ISiloBuilder silo) where TWake : class, ISingletonWake
    {
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISingletonWake, TWake>());
        if (silo.Services.All(s => s.ServiceType != typeof(SingletonKeeper)))
        {
            silo.Services.AddSingleton<SingletonKeeper>();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SingletonKeeper>());
        }
        return silo;
    }
}
