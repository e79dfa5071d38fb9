#!/usr/bin/env python3
"""Whole-process time and peak memory: merklab against the ARC-0102 reference SDK.

For each certificate size, one paired run alternates the SDK's fair path
(fair_path.mjs: generate with a seed, leaf hashes once, the tree once, every proof)
with merklab's, two ways: `zpass issue --seed` then `zpass prove --all` (two
processes, timed together, as an issuer and a holder run them), and `zpass issue
--seed --proofs` (one process, as the SDK's path is one). Before any time is
reported, the roots and every proof must agree.

Usage:
    ARC102_SDK=/path/to/arc102-zpass-sdk python3 benches/sdk/whole_process.py \
        [--merklab target/release/merklab] [--sizes 10,100,1000] [--runs 7] [--json FILE]

Prints a Markdown table: medians, the SDK/merklab ratio, peak resident memory, and
the CPU, thread count and Node version of the run.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def certificate(claims):
    """A certificate of `claims` claims (type and issuer included): short strings,
    integers and one nested object, all values the SDK and merklab read alike."""
    doc = {"type": "KYC", "issuer": "aleo1" + "q" * 58}
    extra = claims - 2
    nested = {}
    for i in range(extra):
        key, value = f"k{i:05d}", (f"value {i}" if i % 2 else 1_000_000 + i)
        if i % 10 == 9:
            nested[key] = value
        else:
            doc[key] = value
    if nested:
        doc["address"] = nested
    return doc


def run_with_rusage(cmd, env=None):
    """Runs `cmd` to completion; returns (seconds, peak RSS in MiB, stdout bytes)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}): {err.read().decode()[:500]}")
        return elapsed, usage.ru_maxrss / 1024, out.read()


def strip_u64(text):
    return text[:-3] if text.endswith("u64") else text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--merklab", default="target/release/merklab")
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    sdk = os.environ.get("ARC102_SDK")
    if not sdk or not Path(sdk, "dist", "index.js").exists():
        sys.exit("set ARC102_SDK to a built arc102-zpass-sdk (benches/sdk/README.md)")
    merklab = str(Path(args.merklab).resolve())
    seed = "merklab-bench"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for claims in [int(s) for s in args.sizes.split(",")]:
            cert = tmp / f"cert-{claims}.json"
            cert.write_text(json.dumps(certificate(claims)))
            issued, proofs = tmp / "issued.json", tmp / "proofs.json"
            sdk_cmd = ["node", str(HERE / "fair_path.mjs"), str(cert), seed]
            issue_cmd = [merklab, "zpass", "issue", str(cert), "--seed", seed, "-o", str(issued)]
            prove_cmd = [merklab, "zpass", "prove", str(issued), "--all", "--json", "-o", str(proofs)]
            issued1, proofs1 = tmp / "issued1.json", tmp / "proofs1.json"
            one_cmd = [merklab, "zpass", "issue", str(cert), "--seed", seed, "-o", str(issued1),
                       "--proofs", str(proofs1)]
            sdk_t, sdk_m, ml_t, ml_m, one_t, one_m = [], [], [], [], [], []
            for run in range(args.runs + 1):
                # Alternate which goes first, so neither always runs on a warmer machine.
                order = ["sdk", "merklab", "one"] if run % 2 == 0 else ["one", "merklab", "sdk"]
                for who in order:
                    # Each run writes new files, as issuing a new certificate does
                    # (replacing a file costs an fsync first: docs/benchmarks.md).
                    for f in {"sdk": (), "one": (issued1, proofs1), "merklab": (issued, proofs)}[who]:
                        f.unlink(missing_ok=True)
                    if who == "sdk":
                        t, m, out = run_with_rusage(sdk_cmd)
                        sdk_out = json.loads(out)
                        if run > 0:
                            sdk_t.append(t)
                            sdk_m.append(m)
                    elif who == "one":
                        t, m, _ = run_with_rusage(one_cmd)
                        if run > 0:
                            one_t.append(t)
                            one_m.append(m)
                    else:
                        t1, m1, _ = run_with_rusage(issue_cmd)
                        t2, m2, _ = run_with_rusage(prove_cmd)
                        if run > 0:
                            ml_t.append(t1 + t2)
                            ml_m.append(max(m1, m2))
            # Agreement before any number: the root and every proof.
            ours = json.loads(proofs.read_text())
            if json.loads(proofs1.read_text()) != ours:
                sys.exit(f"{claims} claims: issue --proofs wrote other proofs than prove --all")
            if len(ours) != len(sdk_out["proofs"]):
                sys.exit(f"{claims} claims: {len(ours)} proofs, the SDK made {len(sdk_out['proofs'])}")
            for p, theirs in zip(ours, sdk_out["proofs"]):
                if strip_u64(p["root"]) != strip_u64(sdk_out["root"]):
                    sys.exit(f"{claims} claims: root {p['root']} != SDK {sdk_out['root']}")
                if [strip_u64(s) for s in p["proof"]] != [strip_u64(s) for s in theirs]:
                    sys.exit(f"{claims} claims: proof of {p['key']} differs from the SDK's")
            sdk_s, ml_s, one_s = (statistics.median(t) for t in (sdk_t, ml_t, one_t))
            rows.append({
                "claims": claims,
                "proofs": len(ours),
                "sdk_s": sdk_s,
                "merklab_s": ml_s,
                "speedup": sdk_s / ml_s,
                "one_process_s": one_s,
                "one_process_speedup": sdk_s / one_s,
                "sdk_peak_mib": max(sdk_m),
                "merklab_peak_mib": max(ml_m),
                "one_process_peak_mib": max(one_m),
            })
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"CPU: {cpu}, {os.cpu_count()} threads; node {node}; median of {args.runs} paired runs; "
          f"load average at start {os.getloadavg()[0]:.2f}\n")
    print("| claims | proofs | SDK fair path | merklab issue + prove --all (2 processes) | speed-up "
          "| merklab issue --proofs (1 process) | speed-up | SDK peak | merklab peak (2 / 1) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['claims']} | {r['proofs']} | {r['sdk_s']*1000:.0f} ms | {r['merklab_s']*1000:.1f} ms "
              f"| {r['speedup']:.1f}x | {r['one_process_s']*1000:.1f} ms | {r['one_process_speedup']:.1f}x "
              f"| {r['sdk_peak_mib']:.0f} MiB | {r['merklab_peak_mib']:.1f} / {r['one_process_peak_mib']:.1f} MiB |")
    if args.json:
        Path(args.json).write_text(json.dumps({"cpu": cpu, "node": node, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
