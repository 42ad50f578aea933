namespace MicroEvents.Access;

/// <summary>
/// What a caller may do. Operators do everything; analysts read every stream; creators (signed in
/// with their wallet) manage their own drops. Anyone else is public: claims, summaries, receipts.
/// </summary>
public enum AccessRole { Operator, Analyst, Creator }
