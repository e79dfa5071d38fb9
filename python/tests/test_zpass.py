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


def _values(node) -> int:
    """Values in a JSON document: every object, array and scalar."""
    if isinstance(node, dict):
        return 1 + sum(_values(v) for v in node.values())
    if isinstance(node, list):
        return 1 + sum(_values(v) for v in node)
    return 1


def test_max_values_bounds_each_call_on_its_own(cli, tmp_path):
    n = _values(CLAIMS)
    with pytest.raises(merklab.MerklabError, match=f"more than {n - 1} values"):
        zpass.issue(CLAIMS, seed="s", max_values=n - 1)
    doc = zpass.issue(CLAIMS, seed="s", max_values=n)
    # The same bound as the command line's flag, with the same message.
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps(CLAIMS))
    refused = cli.fail("--max-values", str(n - 1), "zpass", "issue", str(claims), "--seed", "s")
    assert f"more than {n - 1} values" in refused

    d = _values(doc)
    with pytest.raises(merklab.MerklabError, match=f"more than {d - 1} values"):
        zpass.prove(doc, ["dob"], max_values=d - 1)
    proof = zpass.prove(doc, ["dob"], max_values=d)
    p = _values(proof)
    with pytest.raises(merklab.MerklabError, match=f"more than {p - 1} values"):
        zpass.verify(proof, doc["root"], max_values=p - 1)
    assert zpass.verify(proof, doc["root"], max_values=p)
    # A bound given to one call leaves the next call on the default.
    assert zpass.verify(proof, doc["root"])
