#!/usr/bin/env bash
# The one test command: every Rust test, then the Python package's tests against the
# same build. Python packages come from PyPI into a virtualenv (MERKLAB_VENV, default
# .venv) unless one is active already.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}

if [[ -n "${VIRTUAL_ENV:-}" ]]; then
  venv=$VIRTUAL_ENV
else
  venv=${MERKLAB_VENV:-$root/.venv}
  [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
fi
py=$venv/bin/python
"$py" -m pip install --quiet -r python/requirements-test.txt

# The extension module's build script asks this interpreter for its configuration.
export PYO3_PYTHON=$py
cargo test --workspace

# The extension, built by the same dev-profile build the tests used: `--lib --tests`
# selects the workspace as `cargo test` did, so features unify the same way and only
# the binding crate compiles here (a `-p merklab-py` build, as `maturin develop` runs,
# would resolve features for that crate alone and rebuild snarkVM). The module does
# not link libpython, as maturin builds it (PYO3_BUILD_EXTENSION_MODULE).
PYO3_BUILD_EXTENSION_MODULE=1 cargo build --workspace --lib --tests
suffix=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
# By rename: a process that has the old module mapped keeps it intact.
cp "$target/debug/lib_native.so" "python/merklab/.native.tmp"
mv "python/merklab/.native.tmp" "python/merklab/_native$suffix"

MERKLAB_BIN=$target/debug/merklab PYTHONPATH=$root/python \
  "$py" -m pytest -q python/tests
