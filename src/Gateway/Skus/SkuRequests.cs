namespace MicroEvents.Gateway.Skus;

public sealed record DefineSkuRequest(string? Id, string? Title, List<string>? Variants, int? LowStockThreshold);

/// <summary>Stock arriving; <c>moveId</c> (or the <c>Idempotency-Key</c> header) makes a retry count once.</summary>
public sealed record ReceiveStockRequest(string? MoveId, string? Location, string? Variant, int Quantity, string? Reason);

/// <summary>A correction of the count, either sign, with a reason.</summary>
public sealed record AdjustStockRequest(string? MoveId, string? Location, string? Variant, int Delta, string? Reason);

/// <summary>A hold on one unit; no variant: any variant, chosen later.</summary>
public sealed record ReserveStockRequest(string? ReservationId, string? Variant);

public sealed record ReleaseStockRequest(string? Reason);
