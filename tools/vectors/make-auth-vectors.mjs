// Sign-In with Ethereum vectors from the reference implementation (the `siwe` library builds and checks
// each message; ethers signs it), so the C# parser and the sign-in rules are pinned against code we did
// not write. Run once: `npm ci && node make-auth-vectors.mjs`; the output is committed as
// tests/UnitTests/Signatures/Vectors/auth-siwe.json.
import { SiweMessage } from "siwe";
import { Wallet, keccak256, toUtf8Bytes, Signature } from "ethers";
import { writeFileSync, mkdirSync } from "node:fs";

const out = new URL("../../tests/UnitTests/Signatures/Vectors/", import.meta.url);
mkdirSync(out, { recursive: true });

// What the API under test is configured with (Auth:SiweDomain, Auth:SiweUri, Auth:SiweChainId) and when it checks.
const expected = { domain: "api.microevents.example", uri: "https://api.microevents.example", chainId: 31337 };
const now = "2026-12-05T12:00:00.000Z";
const at = minutes => new Date(Date.parse(now) + minutes * 60_000).toISOString();

// A fixed test key, never used anywhere else.
const creator = new Wallet(keccak256(toUtf8Bytes("microevents test creator key")));

const base = {
  domain: expected.domain, address: creator.address, statement: "Sign in to manage your drops.",
  uri: expected.uri, version: "1", chainId: expected.chainId, nonce: "k3Jd8sPq2mXv7Lr0", issuedAt: at(-1),
};

// name, fields changed from base, the verdict our API must reach at `now` (nonce aside: that is the store's).
const cases = [
  ["accepted-plain", {}, "accepted"],
  ["accepted-no-statement", { statement: undefined }, "accepted"],
  ["accepted-all-fields", { expirationTime: at(10), notBefore: at(-2), requestId: "req-42",
    resources: ["https://api.microevents.example/drops", "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"] }, "accepted"],
  ["accepted-uri-path", { uri: expected.uri + "/auth/siwe" }, "accepted"],
  ["wrong-domain", { domain: "evil.example" }, "wrong-domain"],
  ["wrong-domain-port", { domain: expected.domain + ":8443" }, "wrong-domain"],
  ["wrong-uri", { uri: "https://evil.example/login" }, "wrong-uri"],
  ["wrong-uri-scheme", { uri: "http://api.microevents.example" }, "wrong-uri"],
  ["wrong-uri-lookalike", { uri: "https://api.microevents.example.evil.example" }, "wrong-uri"],
  ["wrong-chain", { chainId: 1 }, "wrong-chain"],
  ["expired", { expirationTime: at(-1) }, "expired"],
  ["not-yet-valid", { notBefore: at(5) }, "not-yet-valid"],
  ["issued-in-the-future", { issuedAt: at(5) }, "not-recent"],
  ["issued-long-ago", { issuedAt: at(-60) }, "not-recent"],
];

const vectors = [];
for (const [name, change, verdict] of cases) {
  const fields = { ...base, ...change };
  for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
  const message = new SiweMessage(fields).prepareMessage();
  const signature = await creator.signMessage(message);
  // The reference library's own verdict on domain, nonce, time and signature (it has no URI or chain check).
  const reference = await new SiweMessage(message).verify(
    { signature, domain: expected.domain, nonce: base.nonce, time: now }, { suppressExceptions: true });
  const parsed = new SiweMessage(message);
  vectors.push({
    name, verdict, message, signature,
    parsed: {
      domain: parsed.domain, address: parsed.address, statement: parsed.statement ?? null, uri: parsed.uri,
      version: parsed.version, chainId: parsed.chainId, nonce: parsed.nonce, issuedAt: parsed.issuedAt,
      expirationTime: parsed.expirationTime ?? null, notBefore: parsed.notBefore ?? null,
    },
    referenceVerdict: reference.success ? "accepted" : reference.error.type,
  });
}

// The same signature in every encoding a wallet or an attacker may send: v 27/28 and 0/1, the high-s twin,
// and EIP-2098's 64-byte compact form. Only the canonical forms (low s, 65 bytes) may sign in.
const first = vectors[0];
const sig = Signature.from(first.signature);
const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const hex = (r, s, v) => r + s.slice(2) + v.toString(16).padStart(2, "0");
const highS = "0x" + (n - BigInt(sig.s)).toString(16).padStart(64, "0");
const encodings = [
  { name: "v-27-28", signature: hex(sig.r, sig.s, sig.v), canonical: true },
  { name: "v-0-1", signature: hex(sig.r, sig.s, sig.v - 27), canonical: true },
  { name: "high-s", signature: hex(sig.r, highS, sig.v === 27 ? 28 : 27), canonical: false },
  { name: "compact-64", signature: sig.compactSerialized, canonical: false },
];

writeFileSync(new URL("auth-siwe.json", out), JSON.stringify({
  library: "siwe 3.0.0 + ethers 6.17.0", expected, now, signer: creator.address, vectors,
  encodings: { message: first.message, cases: encodings },
}, null, 2) + "\n");
