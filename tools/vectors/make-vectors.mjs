// Produces test vectors with independent implementations (OpenZeppelin's merkle-tree and ethers), so the
// C# receipts and challenges are pinned against code we did not write. Run once: `npm ci && npm run vectors`;
// the output is committed as tests/UnitTests/Signatures/Vectors/*.json.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { Wallet, TypedDataEncoder, getBytes, keccak256, toUtf8Bytes } from "ethers";
import { writeFileSync, mkdirSync } from "node:fs";

const out = new URL("../../tests/UnitTests/Signatures/Vectors/", import.meta.url);
mkdirSync(out, { recursive: true });

// The canonical receipt leaf (see src/Signatures/Receipts/ReceiptLeaf.cs).
const leafEncoding = ["string", "uint256", "string", "address", "bytes32", "uint256"];
const manifestHash = "0x" + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const holders = [
  "0xFB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
  "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB",
];
const leaves = n => Array.from({ length: n }, (_, i) => [
  "summer-jam", String(i + 1), `phone-${i + 1}`, holders[i % holders.length], manifestHash, String(1764000000 + i),
]);

// The drop's signing key in these vectors: a fixed test key, never used anywhere else.
const signer = new Wallet(keccak256(toUtf8Bytes("microevents test drop key")));

const trees = [];
for (const n of [1, 2, 3, 5, 8, 13]) {
  const tree = StandardMerkleTree.of(leaves(n), leafEncoding);
  const rootSignature = await signer.signMessage(getBytes(tree.root));
  trees.push({
    root: tree.root,
    rootSignature,
    leaves: [...tree.entries()].map(([i, v]) => ({ values: v, hash: tree.leafHash(v), proof: tree.getProof(i) })),
  });
}
writeFileSync(new URL("merkle.json", out), JSON.stringify({ leafEncoding, signer: signer.address, trees }, null, 2) + "\n");

// Claim challenges as our gateway issues them, one per action (each its own EIP-712 struct), hashed and signed by
// ethers under a domain naming a deployed contract: self-custody and custodial claims with a tier, the custodial
// one binding keccak256 of the normalised (trimmed, lower-case) email, and a wallet accepting a hand-off.
const domain = { name: "MicroEvents", version: "1", chainId: 31337, verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" };
const types = {
  SelfCustodyClaim: [
    { name: "drop", type: "string" }, { name: "wallet", type: "address" }, { name: "tier", type: "string" },
    { name: "nonce", type: "bytes32" }, { name: "expiry", type: "uint256" },
  ],
  CustodialClaim: [
    { name: "drop", type: "string" }, { name: "wallet", type: "address" }, { name: "tier", type: "string" },
    { name: "emailHash", type: "bytes32" }, { name: "nonce", type: "bytes32" }, { name: "expiry", type: "uint256" },
  ],
  AcceptHandOff: [
    { name: "drop", type: "string" }, { name: "claimId", type: "string" }, { name: "wallet", type: "address" },
    { name: "nonce", type: "bytes32" }, { name: "expiry", type: "uint256" },
  ],
};
const claimer = new Wallet(keccak256(toUtf8Bytes("microevents test claimer key")));
const email = "  Ann.Example@Example.COM ";
const emailHash = keccak256(toUtf8Bytes(email.trim().toLowerCase()));
const nonce = "0x" + "ab".repeat(32);
const messages = {
  SelfCustodyClaim: { drop: "summer-jam", wallet: claimer.address, tier: "vip", nonce, expiry: 1764000300 },
  CustodialClaim: { drop: "summer-jam", wallet: claimer.address, tier: "vip", emailHash, nonce, expiry: 1764000300 },
  AcceptHandOff: { drop: "summer-jam", claimId: "0x" + "cd".repeat(32), wallet: claimer.address, nonce, expiry: 1764000300 },
};
const vectors = [];
for (const [primaryType, message] of Object.entries(messages)) {
  const only = { [primaryType]: types[primaryType] };
  vectors.push({
    primaryType, domain, types: only, message,
    digest: TypedDataEncoder.hash(domain, only, message),
    signature: await claimer.signTypedData(domain, only, message),
  });
}
writeFileSync(new URL("claim-challenges.json", out), JSON.stringify({ signer: claimer.address, email, emailHash, vectors }, null, 2) + "\n");
