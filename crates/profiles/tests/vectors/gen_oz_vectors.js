// Generates openzeppelin.json with @openzeppelin/merkle-tree (the reference implementation).
//
//   npm install @openzeppelin/merkle-tree@1.0.8   (in any scratch directory)
//   NODE_PATH=<scratch>/node_modules node gen_oz_vectors.js > openzeppelin.json
//
// Deterministic: a seeded PRNG picks sizes, types and values.
const { StandardMerkleTree } = require('@openzeppelin/merkle-tree');

let seed = 0x6d65726b;
function rand() {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = n => Math.floor(rand() * n);
const hexBytes = n => '0x' + Array.from({ length: n }, () => int(256).toString(16).padStart(2, '0')).join('');
const decimal = () => {
  const digits = 1 + int(78);
  let s = String(1 + int(9));
  for (let i = 1; i < digits; i++) s += String(int(10));
  // Keep below 2^256.
  return BigInt(s) < (1n << 256n) ? s : String((BigInt(s) % (1n << 256n)));
};
const words = ['', 'a', 'alice', 'bob', 'héllo wörld', 'a longer string that spans more than thirty-two bytes of utf-8'];
function value(type) {
  switch (type) {
    case 'address': return hexBytes(20);
    case 'uint256': return decimal();
    case 'bytes32': return hexBytes(32);
    case 'bool': return rand() < 0.5;
    case 'string': return words[int(words.length)] + (rand() < 0.5 ? String(int(1000)) : '');
    case 'bytes': return hexBytes(int(70));
  }
  throw new Error(type);
}
const encodings = [
  ['address', 'uint256'],
  ['bytes32'],
  ['string', 'bool'],
  ['bytes', 'uint256', 'address'],
  ['uint256'],
  ['address', 'string', 'bytes32', 'bool', 'bytes', 'uint256'],
];
const sizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 31, 33, 64, 100, 127, 128, 129, 255, 256, 299, 300];
while (sizes.length < 40) sizes.push(1 + int(300));

const cases = [];
for (const [n, size] of sizes.entries()) {
  const leafEncoding = encodings[n % encodings.length];
  const values = Array.from({ length: size }, () => leafEncoding.map(value));
  if (size > 3 && n % 5 === 0) values[size - 1] = values[0]; // a repeated value
  const tree = StandardMerkleTree.of(values, leafEncoding);
  const proofIndex = int(size);
  const multiCount = 1 + int(Math.min(size, 6));
  const multi = [];
  while (multi.length < multiCount) {
    const i = int(size);
    if (!multi.includes(i)) multi.push(i);
  }
  const entry = {
    leafEncoding,
    values,
    root: tree.root,
    proofIndex,
    proof: tree.getProof(proofIndex),
    multiIndices: multi,
    multiproof: tree.getMultiProof(multi),
  };
  if (size <= 20) entry.dump = tree.dump();
  cases.push(entry);
}
// One case per line keeps the file small and its diffs readable.
const head = {
  source: '@openzeppelin/merkle-tree 1.0.8, StandardMerkleTree.of / getProof / getMultiProof / dump',
  command: 'NODE_PATH=<scratch>/node_modules node gen_oz_vectors.js > openzeppelin.json',
};
process.stdout.write(JSON.stringify(head).slice(0, -1) + ',"cases":[\n' + cases.map(c => JSON.stringify(c)).join(',\n') + '\n]}\n');
