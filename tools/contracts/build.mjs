// Rebuilds contracts/artifacts/*.json (ABI + bytecode) from contracts/*.sol with solc-js and OpenZeppelin from
// node_modules; `--check` compiles and fails when the checked-in artifacts differ (what the test runs).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const solc = require("solc");
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const sourceDir = path.join(root, "contracts");
const artifactDir = path.join(sourceDir, "artifacts");
const check = process.argv.includes("--check");

const sources = {};
for (const file of fs.readdirSync(sourceDir).filter(f => f.endsWith(".sol")).sort())
  sources[file] = { content: fs.readFileSync(path.join(sourceDir, file), "utf8") };

const input = {
  language: "Solidity",
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
    // No metadata hash: the bytecode then depends on the source alone, not on file paths or comments' whitespace.
    metadata: { bytecodeHash: "none", appendCBOR: false },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};

function findImports(p) {
  const candidate = path.join(here, "node_modules", p);
  return fs.existsSync(candidate) ? { contents: fs.readFileSync(candidate, "utf8") } : { error: `not found: ${p}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors ?? []).filter(e => e.severity === "error");
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length) process.exit(1);

fs.mkdirSync(artifactDir, { recursive: true });
let stale = 0;
for (const file of Object.keys(sources)) {
  for (const [name, c] of Object.entries(output.contracts[file])) {
    const artifact = JSON.stringify({ contractName: name, compiler: `solc ${solc.version()}`, abi: c.abi, bytecode: "0x" + c.evm.bytecode.object }, null, 2) + "\n";
    const target = path.join(artifactDir, `${name}.json`);
    if (check) {
      const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
      if (current !== artifact) { console.error(`stale: ${path.relative(root, target)}`); stale++; }
    } else {
      fs.writeFileSync(target, artifact);
      console.log(`wrote ${path.relative(root, target)}`);
    }
  }
}
if (stale) { console.error("Artifacts do not match the source: run `npm run build` in tools/contracts."); process.exit(1); }
if (check) console.log("artifacts match the source");
