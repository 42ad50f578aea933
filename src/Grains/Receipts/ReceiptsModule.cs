using Marten;
using MicroEvents.Modules;

namespace MicroEvents.Receipts;

/// <summary>Receipts' silo half: the drops' wrapped signing keys and the sealing feed (<see cref="ReceiptsSilo"/>).</summary>
public sealed class ReceiptsModule : ISiloModule
{
    public void ConfigureMarten(StoreOptions opts) => opts.Schema.For<DropSigningKey>().Identity(k => k.Id);

    public void AddSilo(ISiloBuilder silo, SiloModuleContext context) =>
        silo.AddReceipts(context.Configuration, context.DevelopmentKey);
}
