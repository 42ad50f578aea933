using Orleans.Configuration;

namespace MicroEvents.Silo.Clustering;

/// <summary>
/// The membership timings every silo starts with (<c>run</c>, <c>cluster</c>, production); any
/// <c>Orleans:Membership:*</c> setting overrides them. Orleans' defaults (5 s probes, 3 missed, a membership
/// read a minute) are written for large clusters on shared networks and measured 6.9–9.9 s until a killed
/// silo's drops answered again; the tests' 1 s × 2 probes declare a silo dead after ~2 s but also after any
/// 2 s stall (a full GC, a CPU-starved container), which would make a busy silo leave and its drops move
/// for nothing. These sit between:
/// <list type="bullet">
/// <item>a silo is probed every 2 s and suspected after 3 missed probes: it must be silent for ~6 s, three
/// times what the tests' settings allow, so a GC pause or a few seconds of CPU starvation do not evict it;</item>
/// <item>2 votes declare it dead (Orleans lowers that when fewer silos are left to vote);</item>
/// <item>silos re-read the table every 10 s and write their heartbeat every 10 s: what a silo that missed a
/// gossip message learns late, and what a gateway reading the table sees, is at most 10 s old; a three-silo
/// cluster writes a row every ~3 s, nothing for PostgreSQL;</item>
/// <item>a suspicion counts for 30 s, long enough for a second silo's vote to meet it at these periods.</item>
/// </list>
/// A process killed outright refuses its probes' connections at once, so in practice it is declared dead
/// well before the 6 s; see docs/operations.md for the measured times.
/// </summary>
public static class MembershipTimings
{
    public static void Apply(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 3;
        o.NumVotesForDeathDeclaration = 2;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
    }
}
