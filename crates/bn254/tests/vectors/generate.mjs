// Test vectors for merklab-bn254 and the lean-imt profile, computed by independent
// JavaScript implementations: poseidon-lite (circomlib's Poseidon, 1 to 16 inputs) and
// @zk-kit/lean-imt (the LeanIMT Semaphore v4 uses). Versions are pinned in package.json
// and package-lock.json.
//
// Rerun: npm ci && node generate.mjs > vectors.json
import { readFileSync } from "node:fs";
import * as P from "poseidon-lite";
import { LeanIMT } from "@zk-kit/lean-imt";

const poseidon = (inputs) => P[`poseidon${inputs.length}`](inputs);
const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const dec = (x) => x.toString(10);

// Poseidon over 1..16 inputs: small integers, and large elements near the modulus.
const hashes = [];
for (let n = 1; n <= 16; n++) {
  const small = Array.from({ length: n }, (_, i) => BigInt(i + 1));
  const large = Array.from({ length: n }, (_, i) => R - 1n - BigInt(i) * 1000003n);
  for (const inputs of [small, large]) {
    hashes.push({ inputs: inputs.map(dec), output: dec(poseidon(inputs)) });
  }
}

// merklab's byte-leaf encoding, written again here over poseidon-lite: the length, then
// 31-byte chunks as big-endian integers, chained 11 chunks per call.
function bytesLeaf(bytes) {
  const chunks = [];
  for (let i = 0; i < bytes.length; i += 31) {
    chunks.push(BigInt("0x" + (Buffer.from(bytes.slice(i, i + 31)).toString("hex") || "0")));
  }
  let acc = BigInt(bytes.length);
  let next = 0;
  do {
    const block = [acc, ...chunks.slice(next, next + 11)];
    next += 11;
    acc = poseidon(block);
  } while (next < chunks.length);
  return acc;
}
const byteLeaves = [0, 1, 31, 32, 62, 341, 342, 700].map((len) => {
  const bytes = Array.from({ length: len }, (_, i) => (i * 37 + len) & 0xff);
  return { hex: Buffer.from(bytes).toString("hex"), digest: dec(bytesLeaf(bytes)) };
});

// Layered trees over those byte leaves, as `merklab tree --hash poseidon-bn254` builds
// them: a node is Poseidon(children); in the last group of a layer a lone node is carried
// up, and 2 or more are hashed as they stand.
function layeredRoot(digests, arity) {
  let layer = digests;
  while (layer.length > 1) {
    const next = [];
    for (let i = 0; i < layer.length; i += arity) {
      const group = layer.slice(i, i + arity);
      next.push(group.length === 1 ? group[0] : poseidon(group));
    }
    layer = next;
  }
  return layer[0];
}
const byteTrees = [2, 3, 4, 8].map((arity) => ({
  arity,
  root: dec(layeredRoot(byteLeaves.map((l) => BigInt(l.digest)), arity)),
}));

// LeanIMT trees: leaf i is Poseidon(i + 1), so leaves span the whole field.
const hash2 = (a, b) => poseidon([a, b]);
const trees = [1, 2, 3, 5, 8, 13, 100].map((size) => {
  const leaves = Array.from({ length: size }, (_, i) => poseidon([BigInt(i + 1)]));
  const tree = new LeanIMT(hash2, leaves);
  const indices = size <= 13 ? [...Array(size).keys()] : [0, 1, 37, 63, 64, 98, 99];
  const proofs = indices.map((index) => {
    const p = tree.generateProof(index);
    if (!tree.verifyProof(p)) throw new Error(`proof ${index} of ${size} does not verify`);
    return { index, siblings: p.siblings.map(dec) };
  });
  return { size, leaves: leaves.map(dec), root: dec(tree.root), depth: tree.depth, proofs };
});

const published = {
  source: "circomlibjs test/poseidon.js: poseidon([1, 2])",
  inputs: ["1", "2"],
  hex: "0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189a",
};
if (poseidon([1n, 2n]) !== BigInt(published.hex)) throw new Error("poseidon-lite disagrees with circomlibjs");

const versions = {};
for (const name of ["poseidon-lite", "@zk-kit/lean-imt"]) {
  const manifest = new URL(`./node_modules/${name}/package.json`, import.meta.url);
  versions[name] = JSON.parse(readFileSync(manifest, "utf8")).version;
}

console.log(JSON.stringify({ generator: "generate.mjs", versions, modulus: dec(R), published, hashes, byte_leaves: byteLeaves, byte_trees: byteTrees, lean_imt: trees }, null, 1));
