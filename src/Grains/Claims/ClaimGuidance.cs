namespace MicroEvents.Claims;

/// <summary>What a claimant should know now, above all what to do if the phone is lost.</summary>
public static class ClaimGuidance
{
    public static string For(Custody custody, string dropId, string claimId) => custody switch
    {
        Custody.Escrow or Custody.Custodial =>
            $"Your token is held for you. If you lose this phone, ask for a new code with the same email " +
            $"(POST /drops/{dropId}/claims/{claimId}/code) and use it to hand the token off to a wallet you control " +
            $"(POST /drops/{dropId}/claims/{claimId}/handoff).",
        Custody.HandedOff or Custody.SelfCustody =>
            "The token is in your own wallet: keep its recovery phrase safe; nobody, including us, can recover that wallet for you.",
        Custody.Released => "The escrow ended before the code was confirmed; the token went back to the drop.",
        _ => "",
    };
}
