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

// A claim challenge as our gateway issues it, hashed and signed by ethers.
const domain = { name: "MicroEvents", version: "1", chainId: 31337, verifyingContract: "0x0000000000000000000000000000000000000000" };
const types = { Claim: [
  { name: "drop", type: "string" }, { name: "wallet", type: "address" },
  { name: "nonce", type: "bytes32" }, { name: "expiry", type: "uint256" },
] };
const claimer = new Wallet(keccak256(toUtf8Bytes("microevents test claimer key")));
const message = { drop: "summer-jam", wallet: claimer.address, nonce: "0x" + "ab".repeat(32), expiry: 1764000300 };
writeFileSync(new URL("challenge.json", out), JSON.stringify({
  domain, types, message,
  digest: TypedDataEncoder.hash(domain, types, message),
  signer: claimer.address,
  signature: await claimer.signTypedData(domain, types, message),
}, null, 2) + "\n");
