using System.Security.Cryptography;
using MicroEvents.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroEvents.Claims;

public static class ClaimsSilo
{
    public const int MinSecretKeyBytes = 32;

    /// <summary>
    /// Claim actors and their outbox: <c>Claims:SecretKey</c> (base64, ≥ 32 bytes, shared by every silo and
    /// gateway), <c>Claims:EscrowHours</c>, <c>Claims:EscrowCheckSeconds</c>, and the <c>Smtp</c> section.
    /// </summary>
    public static ISiloBuilder AddClaims(this ISiloBuilder silo, IConfiguration config)
    {
        var key = SecretKey(config);
        silo.Services.AddSingleton(sp =>
        {
            if (key is null)
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClaimsSilo))
                    .LogWarning("Claims:SecretKey is not set: using a random key, so mailed codes stop matching after a restart");
            return new ClaimSecrets(key ?? RandomNumberGenerator.GetBytes(MinSecretKeyBytes));
        });
        silo.Services.AddCustodyAccount();
        silo.Services.AddOptions<EscrowOptions>().Configure(o =>
        {
            o.Escrow = TimeSpan.FromHours(config.GetValue("Claims:EscrowHours", o.Escrow.TotalHours));
            o.CheckEvery = TimeSpan.FromSeconds(config.GetValue("Claims:EscrowCheckSeconds", o.CheckEvery.TotalSeconds));
        });
        silo.Services.AddOptions<SmtpOptions>().Bind(config.GetSection("Smtp"));
        silo.Services.AddSingleton<MailOutbox>();
        silo.Services.AddHostedService<OutboxDispatcher>();
        return silo;
    }

    /// <summary>The configured <c>Claims:SecretKey</c>, or null when none is set; a malformed one is a start-up error.</summary>
    public static byte[]? SecretKey(IConfiguration config)
    {
        var text = config["Claims:SecretKey"];
        if (string.IsNullOrWhiteSpace(text)) return null;
        byte[] key;
        try { key = Convert.FromBase64String(text); }
        catch (FormatException) { throw new InvalidOperationException("Claims:SecretKey must be base64."); }
        return key.Length >= MinSecretKeyBytes ? key : throw new InvalidOperationException($"Claims:SecretKey must hold at least {MinSecretKeyBytes} bytes.");
    }
}
