using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Rejections;
using Npgsql;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// The same hot-drop claims done the way a typical web app would: a pooled connection and one
/// transaction per claim (<c>UPDATE … SET minted = minted + 1 WHERE minted &lt; supply RETURNING minted</c>,
/// then the claim row), in the same PostgreSQL, at the same concurrency, with the same checks.
/// Its supply and time per level are capped (see the settings) because it is slow.
/// </summary>
public sealed class BaselineSql(ScenarioContext context) : IAsyncDisposable
{
    public const string Path = "SQL, one transaction per claim";

    private readonly string _schema = $"baseline_{context.RunTag}";
    private NpgsqlDataSource? _dataSource;

    private string Drops => $"\"{_schema}\".drops";
    private string Claims => $"\"{_schema}\".claims";

    public async Task Prepare(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(context.Database.ConnectionString)
        {
            MaxPoolSize = context.Settings.BaselinePoolSize,
            Timeout = 300,
            ApplicationName = $"microevents-baseline-{Environment.ProcessId}",
        };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var cmd = _dataSource.CreateCommand($"""
            create schema if not exists "{_schema}";
            create table {Drops} (id text primary key, supply bigint not null, minted bigint not null default 0);
            create table {Claims} (
                drop_id text not null references {Drops} (id),
                claim_id text not null,
                token_number bigint not null,
                wallet text not null,
                claimed_at timestamptz not null default now(),
                primary key (drop_id, claim_id));
            create unique index on {Claims} (drop_id, wallet);
            """);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<ScenarioResult> Run(int concurrency, CancellationToken ct)
    {
        var dataSource = _dataSource ?? throw new InvalidOperationException("Prepare first.");
        var id = $"baseline-c{concurrency}";
        var supply = Math.Min(context.Settings.Supply, context.Settings.BaselineSupplyCap);
        await using (var create = dataSource.CreateCommand($"insert into {Drops} (id, supply) values ($1, $2)"))
        {
            create.Parameters.Add(new NpgsqlParameter { Value = id });
            create.Parameters.Add(new NpgsqlParameter { Value = supply });
            await create.ExecuteNonQueryAsync(ct);
        }

        var plan = context.Plan(supply, concurrency) with { TimeLimit = context.Settings.BaselineTimeLimit };
        var load = await ClaimLoad.Run(plan, (i, token) => Claim(dataSource, id, i, token), ct, context.Cpu);

        var (minted, rows, distinct) = await Stored(dataSource, id, ct);
        var checks = new List<Check>(TokenAudit.Verify(load.AcceptedTokens, supply))
        {
            Check.Equal("drop row's minted = accepted claims", load.Accepted, minted),
            Check.Equal("claim rows = accepted claims", load.Accepted, rows),
            Check.Equal("claim rows' token numbers are distinct", rows, distinct),
        };
        return ScenarioResult.From(ScenarioNames.BaselineSql, Path, load, drops: 1, supply, checks) with
        {
            MintAppends = rows,
            MintsPerAppend = rows > 0 ? 1 : null,
            StoredEvents = rows,
            Notes = [$"supply capped at {supply:N0} (hot-drop: {context.Settings.Supply:N0}), {plan.TimeLimit.TotalSeconds:0} s per level; pool of {context.Settings.BaselinePoolSize} connections; table {Claims}"],
        };
    }

    private async Task<ClaimAttempt> Claim(NpgsqlDataSource dataSource, string dropId, long index, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var mint = new NpgsqlCommand($"update {Drops} set minted = minted + 1 where id = $1 and minted < supply returning minted", conn, tx);
        mint.Parameters.Add(new NpgsqlParameter { Value = dropId });
        if (await mint.ExecuteScalarAsync(ct) is not long token)
        {
            await tx.RollbackAsync(ct);
            return ClaimAttempt.Rejected(RejectionCodes.SoldOut);
        }

        await using var insert = new NpgsqlCommand($"insert into {Claims} (drop_id, claim_id, token_number, wallet) values ($1, $2, $3, $4)", conn, tx);
        insert.Parameters.Add(new NpgsqlParameter { Value = dropId });
        insert.Parameters.Add(new NpgsqlParameter { Value = BenchDrops.ClaimId(index) });
        insert.Parameters.Add(new NpgsqlParameter { Value = token });
        insert.Parameters.Add(new NpgsqlParameter { Value = BenchDrops.Wallet(index) });
        try
        {
            await insert.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await tx.RollbackAsync(ct);
            return ClaimAttempt.Rejected(RejectionCodes.WalletLimitReached);
        }

        await tx.CommitAsync(ct);
        return ClaimAttempt.Accepted(token);
    }

    private async Task<(long Minted, long Rows, long Distinct)> Stored(NpgsqlDataSource dataSource, string dropId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"select d.minted, count(c.claim_id), count(distinct c.token_number) from {Drops} d left join {Claims} c on c.drop_id = d.id where d.id = $1 group by d.minted");
        cmd.Parameters.Add(new NpgsqlParameter { Value = dropId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>In a fresh bench database the tables go with it; against a cluster's database the schema is dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_dataSource is null) return;
        if (context.Database.CreatedDatabase is null)
        {
            await using var drop = _dataSource.CreateCommand($"drop schema if exists \"{_schema}\" cascade");
            await drop.ExecuteNonQueryAsync();
        }
        await _dataSource.DisposeAsync();
    }
}
