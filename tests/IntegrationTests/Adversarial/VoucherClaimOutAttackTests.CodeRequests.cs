using System.Net;
using MicroEvents.Claims;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.IntegrationTests.Venues;
using Npgsql;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// Asking for a code under attack, for every kind of claim (an email-hash voucher, a custodial claim): whoever locks a
/// claim with wrong codes learns nothing from asking codes for guessed emails, neither from the answers nor from how
/// late they come, and the code's mail is queued whenever its code is stored.
/// </summary>
public partial class VoucherClaimOutAttackTests
{
    [Fact]
    public async Task a_locked_claim_stays_locked_until_its_time_whatever_email_asks_for_a_code()
    {
        var drop = await Drop();
        using var node = await TestNode.Register(server);
        await Serve(node, drop);
        var (cat, carol) = (Email("cat"), Email("carol"));
        var voucher = await Voucher(node, drop, 1, cat);
        var (custodial, firstCode) = await CustodialClaim(drop, carol);
        var start = server.Clock.GetUtcNow();
        try
        {
            foreach (var (claim, email, seen) in new[] { (voucher, cat, Array.Empty<string>()), (custodial, carol, new[] { firstCode }) })
            {
                var lockedAt = server.Clock.GetUtcNow();
                var wallet = new TestWallet();
                for (var i = 0; i < 5; i++) await HandOff(drop, claim, wallet, code: "000000");
                var locked = await HandOff(drop, claim, wallet, code: "000000");
                var lockedRefusal = await Refusal(locked);
                lockedRefusal.Should().StartWith("429 /problems/too-many-code-attempts ", claim + " is locked by five wrong codes")
                    .And.Contain("15 minutes").And.Contain("does not lift");
                locked.Headers.RetryAfter!.Delta.Should().Be(CodeLock.DefaultDuration, "the lock's whole time is left");

                // A guessed address and the claim's own ask for a code: the same answer, to the header.
                var guessed = await server.Anonymous.PostJson($"{Path(drop, claim)}/code", new { email = Email("guess") });
                var own = await server.Anonymous.PostJson($"{Path(drop, claim)}/code", new { email });
                (await Shape(own)).Should().Be(await Shape(guessed), "asking for the claim's own email is answered as any other");
                own.StatusCode.Should().Be(HttpStatusCode.Accepted);
                var code = await server.CodeMailedTo(email, seen);

                // The genuine code, just mailed, is refused exactly as before: the mail lifted nothing, so the lock tells nothing.
                var probe = await HandOff(drop, claim, wallet, code: code);
                (await Refusal(probe)).Should().Be(lockedRefusal, "a new code for the right email does not lift the lock");

                server.Clock.Set(lockedAt + CodeLock.DefaultDuration - TimeSpan.FromSeconds(1));
                var late = await HandOff(drop, claim, wallet, code: code);
                (await Refusal(late)).Should().StartWith("429 /problems/too-many-code-attempts ", "one second before the lock ends");
                late.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));

                server.Clock.Set(lockedAt + CodeLock.DefaultDuration);
                var handedOff = await HandOff(drop, claim, wallet, code: code);
                handedOff.StatusCode.Should().Be(HttpStatusCode.OK, $"time lifted the lock on {claim}: {await handedOff.Content.ReadAsStringAsync()}");
            }
        }
        finally
        {
            server.Clock.Set(start);
        }
    }

    [Fact]
    public async Task a_code_request_is_answered_before_any_store_or_mail_whatever_the_email()
    {
        var drop = await Drop();
        using var node = await TestNode.Register(server);
        await Serve(node, drop);
        var (ann, carol, guess) = (Email("ann"), Email("carol"), Email("guess"));
        var voucher = await Voucher(node, drop, 1, ann);
        var other = await Voucher(node, drop, 2, Email("bob"));
        var (custodial, firstCode) = await CustodialClaim(drop, carol);
        var requests = new[] { (voucher, ann), (other, guess), (custodial, carol) };

        // Nothing can be written to the mail outbox: had a matching request stored and queued its mail before answering,
        // its answer would wait for the outbox (and time out), while a wrong one, doing nothing, came back at once.
        HttpResponseMessage[] answers;
        await using (var outbox = await HoldOutbox())
        {
            answers = await Task.WhenAll(requests.Select(r => server.Anonymous.PostJson($"{Path(drop, r.Item1)}/code", new { email = r.Item2 })))
                .WaitAsync(TimeSpan.FromSeconds(30));
            server.Mailbox.Messages.Should().NotContain(m => m.To.Contains(ann, StringComparison.OrdinalIgnoreCase), "no mail is queued yet");
        }
        answers.Should().AllSatisfy(a => a.StatusCode.Should().Be(HttpStatusCode.Accepted));
        var shapes = await Task.WhenAll(answers.Select(Shape));
        shapes.Should().AllBe(shapes[0], "the matching and the guessed addresses get the same answer");

        // The work follows the answer: the matching requests' codes arrive, the guesses' never do.
        var annCode = await server.CodeMailedTo(ann);
        await server.CodeMailedTo(carol, firstCode);
        server.Mailbox.Messages.Should().NotContain(m => m.To.Contains(guess, StringComparison.OrdinalIgnoreCase));
        (await server.Journal().ReadEvents(Stream(drop, other), 1, 100)).Should().BeEmpty("a guess stores nothing");
        var handedOff = await HandOff(drop, voucher, new TestWallet(), code: annCode);
        handedOff.StatusCode.Should().Be(HttpStatusCode.OK, await handedOff.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_custodial_claim_whose_code_mail_could_not_be_queued_mails_its_code_on_retry()
    {
        var drop = await Drop();
        var email = $"outbox-fault-{Guid.NewGuid():N}@example.com";
        var phone = new TestWallet();
        var challenge = await Challenge(drop, new { wallet = phone.Address, kind = "custodial", email });
        var body = new
        {
            wallet = phone.Address, nonce = challenge.GetProperty("nonce").GetString(), expiry = challenge.GetProperty("expiry").GetInt64(),
            signature = phone.SignTypedData(challenge.GetProperty("typedData")), email,
        };

        // PostgreSQL fails the first write of this address's mail, as a serialization failure does (a transient fault).
        await using (await FailFirstOutboxWrite(email))
        {
            var first = await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", body);
            first.IsSuccessStatusCode.Should().BeFalse("the code's mail was not queued, so the claim is not answered as done");
            (await first.Problem()).GetProperty("type").GetString().Should().Be("/problems/unavailable");

            // The phone retries with the same signed claim: its code is mailed, and it works.
            var retry = await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", body);
            retry.IsSuccessStatusCode.Should().BeTrue(await retry.Content.ReadAsStringAsync());
            var status = await retry.Read<ClaimStatus>();
            var code = await server.CodeMailedTo(email);
            var own = new TestWallet();
            var handedOff = await HandOff(drop, status.ClaimId, own, code: code);
            handedOff.StatusCode.Should().Be(HttpStatusCode.OK, await handedOff.Content.ReadAsStringAsync());
            (await CustodyOf(drop, status.ClaimId)).Holder.Should().Be(own.Address);
        }
    }

    /// <summary>Status, headers (but the date) and body: what a client can compare between two answers.</summary>
    private static async Task<string> Shape(HttpResponseMessage response) =>
        $"{(int)response.StatusCode}\n"
        + string.Join("\n", response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"))
        + "\n" + await response.Content.ReadAsStringAsync();

    private static async Task<string> Refusal(HttpResponseMessage response)
    {
        var problem = await response.Problem();
        return $"{(int)response.StatusCode} {problem.GetProperty("type").GetString()} {problem.GetProperty("detail").GetString()} "
               + $"Retry-After {response.Headers.RetryAfter?.Delta}";
    }

    /// <summary>Holds an exclusive lock on the mail outbox's table until disposed: no mail can be queued meanwhile.</summary>
    private async Task<IAsyncDisposable> HoldOutbox()
    {
        var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"lock table {server.Schema}.mt_doc_outboxmail in access exclusive mode", connection, transaction))
            await command.ExecuteNonQueryAsync();
        return new Held(async () =>
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        });
    }

    /// <summary>A trigger that fails the first outbox write naming <paramref name="email"/> with SQLSTATE 40001, removed on dispose.</summary>
    private async Task<IAsyncDisposable> FailFirstOutboxWrite(string email)
    {
        var s = server.Schema;
        await Sql($"""
            create sequence {s}.outbox_fault;
            create function {s}.fail_outbox_once() returns trigger language plpgsql as $$
            begin
              if new.data::text like '%{email}%' then
                if nextval('{s}.outbox_fault') = 1 then
                  raise exception 'injected: outbox write failed' using errcode = '40001';
                end if;
              end if;
              return new;
            end $$;
            create trigger fail_outbox_once before insert or update on {s}.mt_doc_outboxmail for each row execute function {s}.fail_outbox_once();
            """);
        return new Held(() => Sql($"""
            drop trigger fail_outbox_once on {s}.mt_doc_outboxmail;
            drop function {s}.fail_outbox_once();
            drop sequence {s}.outbox_fault;
            """));
    }

    private static async Task Sql(string sql)
    {
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Held(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
