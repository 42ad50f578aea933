using System.CommandLine;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.Analysts;

/// <summary>How Program.cs runs a verb that needs the database: settings resolved, start-up failures reported as one line.</summary>
public delegate Task<int> VerbRunner(ParseResult parse, CancellationToken ct, Func<SiloSettings, ILogger, CancellationToken, Task<int>> verb);
