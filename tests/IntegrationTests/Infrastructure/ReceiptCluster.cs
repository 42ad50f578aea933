using MicroEvents.Receipts;
using Microsoft.Extensions.Configuration;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>A test cluster whose drops seal signed receipt batches.</summary>
public class ReceiptCluster : DropCluster
{
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddReceipts(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ReceiptsSilo.KeyEncryptionKeySetting] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        }).Build());
    }
}
