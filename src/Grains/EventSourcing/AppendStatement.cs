using Npgsql;
using NpgsqlTypes;

namespace MicroEvents.EventSourcing;

/// <summary>One event as it will be stored, with the object the grain raised (handed to this silo's readers after the commit).</summary>
internal sealed record AppendRow(Guid Id, long Version, string Data, string Type, string DotNetType, string? CorrelationId, object Event);

/// <summary>
/// One stream's append waiting in the <see cref="AppendQueue"/>. Its caller stops waiting when
/// <paramref name="ct"/> is cancelled (the actor is deactivating); whether the append lands is then settled by the next read.
/// </summary>
internal sealed class PendingAppend
{
    private readonly TaskCompletionSource<bool> _done = new();
    private readonly CancellationTokenRegistration _cancel;

    public PendingAppend(string streamKey, long expectedVersion, AppendRow[] rows, CancellationToken ct)
    {
        (StreamKey, ExpectedVersion, Rows) = (streamKey, expectedVersion, rows);
        // One registration, not a WaitAsync wrapper (a task, a registration and a continuation more per append).
        if (ct.CanBeCanceled) _cancel = ct.UnsafeRegister(static (s, t) => ((TaskCompletionSource<bool>)s!).TrySetCanceled(t), _done);
    }

    public string StreamKey { get; }
    public long ExpectedVersion { get; }
    public AppendRow[] Rows { get; }

    /// <summary>True when committed, false when the stream had moved on.</summary>
    public Task<bool> Done => _done.Task;

    // Called from one thread-pool work item per commit (see AppendQueue.Settle), so continuations run there, not on the commit loop.
    public void Committed(bool won)
    {
        _cancel.Dispose();
        _done.TrySetResult(won);
    }

    public void Failed(Exception failure)
    {
        _cancel.Dispose();
        _done.TrySetException(failure);
    }
}

/// <summary>
/// The parameters of one shared append statement, filled in one pass over the batch (a commit of many quiet
/// streams pays per row here, so no query operators). The types are given, not inferred, so the prepared
/// statement is the same on every call.
/// </summary>
internal sealed class AppendStatement
{
    private readonly string[] _newKeys, _keys, _streams, _data, _types, _dotNet;
    private readonly long[] _newVersions, _expected, _versions, _eventVersions;
    private readonly Guid[] _ids;
    private readonly string?[] _corr;

    private AppendStatement(List<PendingAppend> batch)
    {
        int fresh = 0, rows = 0;
        foreach (var p in batch)
        {
            if (p.ExpectedVersion == 0) fresh++;
            rows += p.Rows.Length;
        }
        Rows = rows;
        (_newKeys, _newVersions) = (new string[fresh], new long[fresh]);
        (_keys, _expected, _versions) = (new string[batch.Count - fresh], new long[batch.Count - fresh], new long[batch.Count - fresh]);
        (_ids, _streams, _eventVersions, _data, _types, _dotNet, _corr) =
            (new Guid[rows], new string[rows], new long[rows], new string[rows], new string[rows], new string[rows], new string?[rows]);
        int f = 0, e = 0, r = 0;
        foreach (var p in batch)
        {
            if (p.ExpectedVersion == 0) (_newKeys[f], _newVersions[f++]) = (p.StreamKey, p.Rows.Length);
            else (_keys[e], _expected[e], _versions[e++]) = (p.StreamKey, p.ExpectedVersion, p.ExpectedVersion + p.Rows.Length);
            foreach (var row in p.Rows)
            {
                (_ids[r], _streams[r], _eventVersions[r], _data[r]) = (row.Id, p.StreamKey, row.Version, row.Data);
                (_types[r], _dotNet[r], _corr[r++]) = (row.Type, row.DotNetType, row.CorrelationId);
            }
        }
    }

    /// <summary>Events in the statement.</summary>
    public int Rows { get; }

    public static AppendStatement Of(List<PendingAppend> batch) => new(batch);

    public void Bind(NpgsqlParameterCollection parameters)
    {
        const NpgsqlDbType Text = NpgsqlDbType.Array | NpgsqlDbType.Text, Bigint = NpgsqlDbType.Array | NpgsqlDbType.Bigint;
        parameters.Add(new NpgsqlParameter("new_keys", Text) { Value = _newKeys });
        parameters.Add(new NpgsqlParameter("new_versions", Bigint) { Value = _newVersions });
        parameters.Add(new NpgsqlParameter("keys", Text) { Value = _keys });
        parameters.Add(new NpgsqlParameter("expected", Bigint) { Value = _expected });
        parameters.Add(new NpgsqlParameter("versions", Bigint) { Value = _versions });
        parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = _ids });
        parameters.Add(new NpgsqlParameter("streams", Text) { Value = _streams });
        parameters.Add(new NpgsqlParameter("event_versions", Bigint) { Value = _eventVersions });
        parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = _data });
        parameters.Add(new NpgsqlParameter("types", Text) { Value = _types });
        parameters.Add(new NpgsqlParameter("dotnet", Text) { Value = _dotNet });
        parameters.Add(new NpgsqlParameter("corr", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = _corr });
    }
}
