using MicroEvents.Receipts;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>A test cluster whose drops seal signed receipt batches as they mint (the silo's default).</summary>
public class ReceiptCluster : DropCluster
{
    protected override void ConfigureFeatures(IDictionary<string, string?> settings)
    {
        base.ConfigureFeatures(settings);
        settings[ReceiptsSilo.SealOnMintSetting] = "true";
    }
}
