using System.Runtime;
using System.Runtime.InteropServices;

namespace MicroEvents.Benchmarks.Reporting;

public sealed record MachineInfo(int ProcessorCount, string Os, string Framework, string Architecture, bool ServerGc, string GcLatencyMode, long TotalMemoryBytes)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        GCSettings.IsServerGC,
        GCSettings.LatencyMode.ToString(),
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
}
