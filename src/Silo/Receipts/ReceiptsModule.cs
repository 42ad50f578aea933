using System.CommandLine;
using MicroEvents.Silo.Analysts;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.Receipts;

/// <summary>Receipts' verb: verify a receipt offline.</summary>
public sealed class ReceiptsModule : ICommandLineModule
{
    public IEnumerable<Command> Verbs(Option<string?> connection, VerbRunner run) => [VerifyReceiptCommand.Create()];
}
