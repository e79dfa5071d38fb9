"""zPass certificates: Python and the command line issue the same root, and each
verifies the other's proofs."""

from __future__ import annotations

import json

import pytest

import merklab
from merklab import zpass

CLAIMS = {"type": "KYC", "issuer": "aleo1issuer", "dob": 1737213145, "name": "Ada", "tags": ["a", "b"]}


def test_issue_prove_verify(cli, tmp_path):
    doc = zpass.issue(CLAIMS, seed="a secret")
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps(CLAIMS))
    issued = tmp_path / "issued.json"
    cli.run("zpass", "issue", str(claims), "--seed", "a secret", "-o", str(issued))
    assert doc["root"] == json.loads(issued.read_text())["root"]
    assert cli.run("zpass", "root", str(issued)).strip() == doc["root"]

    proof = zpass.prove(doc, ["dob"])
    assert zpass.verify(proof, doc["root"])
    assert not zpass.verify(proof, "5u64")
    file = tmp_path / "dob.json"
    file.write_text(json.dumps(proof))
    assert "proof OK" in cli.run("zpass", "verify", str(file), "--root", doc["root"])

    cli_proof = cli.run("zpass", "prove", str(issued), "--key", "name", "--json")
    assert zpass.verify(cli_proof, doc["root"])
    every = zpass.prove(doc)
    assert {p["key"] for p in every} >= {"dob", "name"}
    assert all(zpass.verify(p, doc["root"]) for p in every)


def test_zpass_errors_carry_the_cli_message(cli, tmp_path):
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps(CLAIMS))
    with pytest.raises(merklab.MerklabError) as raised:
        zpass.issue(CLAIMS, seed="")
    assert str(raised.value) in cli.fail("zpass", "issue", str(claims), "--seed", "")
    with pytest.raises(merklab.MerklabError):
        zpass.prove(zpass.issue(CLAIMS, seed="s"), ["missing"])
