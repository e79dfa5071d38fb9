#!/usr/bin/env node
// Generates tests/vectors/sdk/sdk-vectors.json with the TypeScript reference SDK
// for ARC-0102 zPass (arc102-zpass-sdk, github.com/venture23-aleo/arc102-zpass-sdk).
//
// The SDK is third-party code and is not part of this repository. To regenerate:
//
//   1. Put the SDK sources at commit 7b026112ecf97255c74078b30128fa6e1e974c45
//      (package "arc102-zpass-sdk" 0.0.3-beta) in a directory, say /tmp/arc102-sdk.
//      The repository has no src/model/index.ts; add one containing
//      `export * from "./model";` (every module imports "../model").
//   2. cd /tmp/arc102-sdk && npm install && npx tsc
//      (npm resolves @doko-js/wasm 1.2.3, merkletreejs 0.4.1, uuid 11.1.1,
//      js-yaml 4.3.2, typescript 5.9.3; tsc reports one TS7016 "no declaration
//      file for @doko-js/wasm" under the SDK's tsconfig and emits dist/ anyway.)
//   3. From the merklab repository root:
//        ARC102_SDK=/tmp/arc102-sdk node tests/vectors/sdk/gen_sdk_vectors.mjs
//      or pass the SDK directory as the first argument. Takes about 2 minutes on
//      2 cores (the SDK spends ~7 ms of WebAssembly per hash call).
//
// Every input is drawn from a fixed-seed PRNG, so the output is byte-identical
// on every run. The SDK's public API does all the work: ZPass.generate (flatten,
// seeded salts), DataHasher.getKeyIdentifier, ZPass.getLeafHashes, ZPass.getRoot,
// ZPass.getMerkleProof and ZPass.verify. Proofs of large certificates come from
// the SDK's own MerkleTree class (dist/data-hasher/merkle-tree.js, the class
// ZPass.getMerkleProof builds) built once per certificate, because
// ZPass.getMerkleProof rehashes every leaf per call; one proof per certificate
// is also taken through ZPass.getMerkleProof and must be identical.

import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const sdkDir = resolve(process.argv[2] ?? process.env.ARC102_SDK ?? "");
if (!process.argv[2] && !process.env.ARC102_SDK) {
  console.error("usage: ARC102_SDK=/path/to/arc102-zpass-sdk node gen_sdk_vectors.mjs [SDK_DIR]");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { ZPass, DataHasher } = require(`${sdkDir}/dist/index.js`);
const { MerkleTree } = require(`${sdkDir}/dist/data-hasher/merkle-tree.js`);
const sdkVersion = require(`${sdkDir}/package.json`).version;

const SDK_COMMIT = "7b026112ecf97255c74078b30128fa6e1e974c45";
const SIZES = [2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 100, 127, 128, 129, 255, 256, 257, 500, 999, 1000];
// Certificates up to this many leaves get a proof for every key.
const ALL_PROOFS_UP_TO = 17;

// mulberry32: a tiny fixed-seed PRNG, so the vectors never change between runs.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rand = prng(0x0a1e0102);
const int = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[int(xs.length)];

const utf8len = (s) => new TextEncoder().encode(s).length;
// A string of exactly `bytes` UTF-8 bytes built from `unit` (padded with ASCII).
function sized(bytes, unit) {
  let s = "";
  while (utf8len(s + unit) <= bytes) s += unit;
  while (utf8len(s) < bytes) s += "x";
  return s;
}

const NON_ASCII = [
  "Zürich", "Ærøskøbing", "東京都渋谷区", "Москва", "Θεσσαλονίκη", "🦀🔐", "naïve café",
  "e\u0301", "ĀĒĪŌŪ", "עברית", "नमस्ते", "ß", "中文 字符, 逗号", "😀",
];
const ASCII = ["Alice", "Wonderland", "Fairyland", "Main St 1", "a", "x,y", "quote\"d", "back\\slash",
  "line\nbreak", "tab\there", "colon:here", "trailing nul\u0000"];
const SIZED = [31, 32, 33, 64, 100, 150, 300];
const UNITS = ["a", "ü", "東", "🦀", "0"];
const NUMBERS = [0, 1, 7, 255, 65535, 4294967296, 1737213145, 9007199254740991, 9007199254740992,
  1e20, 18446744073709552000, 123456789012345680000, 340282366920938460000];

function scalar() {
  switch (int(8)) {
    case 0: return pick(NON_ASCII);
    case 1: return pick(ASCII);
    case 2: return sized(pick(SIZED), pick(UNITS));
    case 3: return rand() < 0.15 ? "" : `v${int(100000)}`;
    case 4: return pick(NUMBERS);
    case 5: return int(1e9);
    case 6: return rand() < 0.5;
    default: return `${pick(NON_ASCII)} ${int(1000)}`;
  }
}

const KEY_WORDS = ["name", "dob", "address", "city", "street", "nationality", "score", "id",
  "adresse_ü", "home address", "emailAddress", "tags", "doc", "größe", "名前", "k"];
let keyCounter = 0;
const freshKey = () => `${pick(KEY_WORDS)}_${keyCounter++}`;

// A claim value with exactly `leaves` leaves: a scalar, a nested object or an array.
function value(leaves, depth) {
  if (leaves === 1 && (depth >= 3 || rand() < 0.6)) return scalar();
  if (rand() < 0.3) {
    const arr = [];
    let left = leaves;
    while (left > 0) {
      const take = depth >= 3 ? 1 : 1 + int(Math.min(left, 3));
      arr.push(value(take, depth + 1));
      left -= take;
    }
    return arr;
  }
  const obj = {};
  let left = leaves;
  while (left > 0) {
    const take = depth >= 3 ? 1 : 1 + int(Math.min(left, 4));
    obj[freshKey()] = value(take, depth + 1);
    left -= take;
  }
  return obj;
}

const BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const address = () => "aleo1" + Array.from({ length: 58 }, () => pick([...BECH32])).join("");
const TYPES = ["KYC", "Passport", "Führerschein", "zPass-🦀", sized(40, "T")];

function certificate(n, index) {
  const cert = {
    type: pick(TYPES),
    issuer: index % 5 === 4 ? "issuer.example" : address(),
  };
  let left = n - 2;
  while (left > 0) {
    const take = 1 + int(Math.min(left, left > 40 ? 12 : 5));
    cert[freshKey()] = value(take, 1);
    left -= take;
  }
  return cert;
}

const hex = (k) => Array.from({ length: k }, () => "0123456789abcdef"[int(16)]).join("");
const uuidV4 = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[int(4)]}${hex(3)}-${hex(12)}`;
const SEEDS = ["secret", "zPass seed ü", sized(100, "s"), "0", "東京🦀"];

function proofKeys(keys, leafOf) {
  if (keys.length <= ALL_PROOFS_UP_TO) return keys;
  const chosen = new Set([keys[0], keys[keys.length - 1], keys[keys.length >> 1]]);
  // The smallest and largest leaves sit at the tree's edges, where promotion happens.
  const byLeaf = [...keys].sort((a, b) => (BigInt(leafOf[a].slice(0, -3)) < BigInt(leafOf[b].slice(0, -3)) ? -1 : 1));
  chosen.add(byLeaf[0]);
  chosen.add(byLeaf[byLeaf.length - 1]);
  while (chosen.size < 10) chosen.add(pick(keys));
  return [...chosen];
}

const strip = (proof) => proof.map((e) => e.data);

function run(name, text, format, salts, expectProofs = true) {
  const parsed = format === "json" ? JSON.parse(text) : text;
  let record;
  if (salts.seed !== undefined) {
    record = ZPass.generate(parsed, format, salts.seed);
  } else {
    // Explicit salts: the SDK flattens (with a throwaway seed), then each salt is replaced.
    record = ZPass.generate(parsed, format, "unused");
    for (const key of Object.keys(record)) record[key].salt = salts.make(key);
  }
  const keys = Object.keys(record);
  const type = record.type.value;
  const issuer = record.issuer.value;
  const keyIds = keys.map((k) => DataHasher.getKeyIdentifier(k, type, issuer));
  const leaves = ZPass.getLeafHashes(record);
  const leafOf = Object.fromEntries(keys.map((k, i) => [k, leaves[i]]));
  const tree = new MerkleTree([...leaves]);
  const root = tree.getRoot();
  if (ZPass.getRoot(record) !== root) throw new Error(`${name}: ZPass.getRoot disagrees with MerkleTree`);
  const proofs = [];
  if (expectProofs) {
    for (const key of proofKeys(keys, leafOf)) {
      const leaf = ZPass.calculateLeafHash(DataHasher.getKeyIdentifier(key, type, issuer), record[key].salt, record[key].value);
      if (leaf !== leafOf[key]) throw new Error(`${name}: leaf of ${key} differs`);
      const proof = tree.getProof(leaf);
      if (!ZPass.verify([...leaves], proof, leaf, root)) throw new Error(`${name}: SDK rejects its own proof of ${key}`);
      proofs.push({ key, leaf, proof: strip(proof) });
    }
    const first = proofs[0];
    const viaApi = strip(ZPass.getMerkleProof(record, first.leaf));
    if (JSON.stringify(viaApi) !== JSON.stringify(first.proof)) throw new Error(`${name}: ZPass.getMerkleProof differs`);
  }
  const out = { name, format, input: text };
  if (salts.seed !== undefined) out.seed = salts.seed;
  out.record = record;
  out.key_identifiers = keyIds;
  out.leaves = leaves;
  out.root = root;
  out.proofs = proofs;
  return out;
}

const cases = [];
SIZES.forEach((n, i) => {
  const text = JSON.stringify(certificate(n, i));
  const mode = i % 3;
  let salts;
  if (mode === 0) salts = { seed: SEEDS[(i / 3) % SEEDS.length | 0] };
  else if (mode === 1) salts = { make: () => uuidV4() };
  else salts = { make: (key) => `salt-${int(1e6)}-${sized(20 + int(60), pick(UNITS))}` };
  const c = run(`json-${n}`, text, "json", salts);
  if (c.leaves.length !== n) throw new Error(`json-${n}: ${c.leaves.length} leaves`);
  cases.push(c);
  console.error(`json-${n}: ${c.root}`);
});

// YAML, read by the SDK with js-yaml (JSON schema) and by merklab with serde_norway.
const yamlText = [
  "type: KYC",
  "issuer: aleo1plxqr032wuel5hfyfs94ka9hfx7wfcgzrgqfreulkqkur6a4esqqh6ffw5",
  "dob: 1737213145",
  "name: \"Zoë Ångström 東京\"",
  "verified: true",
  "address:",
  "  street: Wonderland 12",
  "  city: Fairyland",
  "  geo:",
  "    zip: \"00420\"",
  "tags:",
  "  - alpha",
  "  - 42",
  "  - nested: false",
  "long: " + sized(64, "ü"),
  "",
].join("\n");
cases.push(run("yaml-nested", yamlText, "yaml", { seed: "yaml seed" }));

// Cases where the SDK and merklab are known to differ (see README.md): recorded so a
// test pins what each side does.
const divergent = [];
function sdkOutcome(name, text, note, format = "json") {
  try {
    const c = run(name, text, format, { seed: "divergent" }, false);
    divergent.push({ ...c, note });
  } catch (e) {
    divergent.push({ name, format, input: text, seed: "divergent", sdk_error: String(e.message ?? e), note });
  }
}
const base = { type: "KYC", issuer: "aleo1plxqr032wuel5hfyfs94ka9hfx7wfcgzrgqfreulkqkur6a4esqqh6ffw5", dob: 1737213145 };
sdkOutcome("reserved-keys",
  JSON.stringify({ ...base, metadata: { note: "not a claim" }, private: ["1u64"] }),
  "the SDK hashes `metadata` and `private` as ordinary claims; ARC-0102 reserves them");
sdkOutcome("reserved-keys-removed", JSON.stringify(base), "the same certificate without the reserved keys");
sdkOutcome("unsafe-integer",
  '{"type":"KYC","issuer":"i","n":18446744073709551615}',
  "JSON.parse rounds integers above 2^53 to the nearest double before hashing");
sdkOutcome("integral-float", '{"type":"KYC","issuer":"i","n":2.0,"m":1e3}',
  "JSON numbers 2.0 and 1e3 parse to the integers 2 and 1000 in JavaScript");
sdkOutcome("huge-number", '{"type":"KYC","issuer":"i","n":1e21}',
  "JavaScript prints 1e21 as 1e+21, which is not a field literal");
sdkOutcome("empty-containers", '{"type":"KYC","issuer":"i","e":{},"a":[],"x":1}',
  "the SDK drops empty objects and arrays silently");
sdkOutcome("literal-comma-key", '{"type":"KYC","issuer":"i","a":{"b":1},"a,b":2}',
  "the SDK lets a literal key overwrite a nested one that flattens to the same name");
sdkOutcome("integer-like-keys", '{"type":"KYC","issuer":"i","b":1,"10":2,"2":3}',
  "JavaScript objects list integer-like keys first, in numeric order");
sdkOutcome("yaml-timestamp", "type: KYC\nissuer: i\ndob: 2024-01-01\nx: 1\n",
  "js-yaml reads 2024-01-01 as a Date, an object with no keys, which the SDK's flatten drops", "yaml");
for (const d of divergent) console.error(`${d.name}: ${d.root ?? d.sdk_error}`);

const doc = {
  generator: "tests/vectors/sdk/gen_sdk_vectors.mjs",
  sdk: { repository: "github.com/venture23-aleo/arc102-zpass-sdk", commit: SDK_COMMIT, version: sdkVersion },
  note: "record = the SDK's NormalizedRecord; key_identifiers and leaves in record order; proofs are sibling lists leaf to root",
  cases,
  divergent,
};
const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, "sdk-vectors.json");
writeFileSync(out, JSON.stringify(doc, null, 1) + "\n");
console.error(`wrote ${out}`);
