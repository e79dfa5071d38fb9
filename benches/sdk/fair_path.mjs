#!/usr/bin/env node
// The reference SDK's fair path for one certificate, as one whole process: generate
// (flatten, seeded salts), leaf hashes once, the tree once, then the proof of every
// leaf. Prints one JSON line: the root and every proof (sibling lists, leaf to root,
// in record order), so the driver can check they equal merklab's.
//
// Usage: ARC102_SDK=/path/to/arc102-zpass-sdk node fair_path.mjs CERT.json SEED
// (benches/sdk/README.md says how to obtain and build the SDK.)

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const [certPath, seed] = process.argv.slice(2);
const sdkDir = process.env.ARC102_SDK;
if (!certPath || seed === undefined || !sdkDir) {
  console.error("usage: ARC102_SDK=DIR node fair_path.mjs CERT.json SEED");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { ZPass } = require(`${resolve(sdkDir)}/dist/index.js`);
const { MerkleTree } = require(`${resolve(sdkDir)}/dist/data-hasher/merkle-tree.js`);

const record = ZPass.generate(JSON.parse(readFileSync(certPath, "utf8")), "json", seed);
const leaves = ZPass.getLeafHashes(record);
const tree = new MerkleTree([...leaves]);
const proofs = leaves.map((leaf) => tree.getProof(leaf).map((entry) => entry.data));
console.log(JSON.stringify({ root: tree.getRoot(), proofs }));
