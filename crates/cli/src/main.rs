//! `merklab`: build, prove and verify Merkle trees from the command line.
//!
//! Exit codes: 0 success; 1 a well-formed proof or signature that does not verify;
//! 2 bad input (unreadable file, malformed data, invalid option).

mod audit;
mod bench;
mod compare;
mod flow;
mod io;
mod keys;
mod output;
mod profiles;
mod terminal;
mod tree;
mod zpass;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Merkle trees with pluggable encoder, hash and arity.
#[derive(Parser)]
#[command(name = "merklab", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Most values (objects, arrays and scalars) one certificate, proof,
    /// disclosure, request or presentation may hold; bounds the memory a document can claim.
    #[arg(long, global = true, value_name = "N", default_value_t = merklab_zpass::json::DEFAULT_MAX_VALUES)]
    max_values: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Build trees over hex leaves; prove and verify inclusion.
    #[command(subcommand)]
    Tree(tree::TreeCommand),
    /// Trees split into contiguous shards that build apart and merge into the root.
    #[command(subcommand)]
    Shard(tree::shard::ShardCommand),
    /// ARC-0102 zPass certificates: issue, prove, disclose, sign, verify, export to Leo.
    #[command(subcommand)]
    Zpass(zpass::ZpassCommand),
    /// Native and in-circuit cost of every hash choice, side by side.
    Compare(compare::CompareArgs),
    /// Tree builds against the raw-hash bound, rs_merkle and snarkVM's MerkleTree: a ratio table.
    Bench(bench::BenchArgs),
    /// Security properties of each layout: digest bits, attack costs, encoder, domain separation, odd nodes.
    Audit(audit::AuditArgs),
    /// List the named layouts that `--profile` accepts.
    Profiles,
    /// Verifier: write a signed request (keys to disclose, conditions, trusted issuers, nonce, expiry).
    Request(flow::RequestArgs),
    /// Holder: answer a request with a presentation of a signed certificate.
    Present(flow::PresentArgs),
    /// Verifier: check a presentation against the request (exit 0 accepted, 1 rejected).
    Check(flow::CheckArgs),
    /// Runs the built-in example end to end: a byte-hash tree and the ARC-0102 sample certificate.
    Demo,
}

/// An error that ends the command with a specific exit code.
#[derive(Debug)]
pub struct Failure {
    /// 1 for "checked and rejected", 2 for bad input.
    pub code: u8,
    /// The one-line message.
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// A verification that ran and said no (exit code 1).
pub fn rejected(message: impl Into<String>) -> anyhow::Error {
    Failure {
        code: 1,
        message: message.into(),
    }
    .into()
}

/// The error and its causes on one line, `outer: inner: ...`. Library errors say
/// their source's message in their own (so `to_string` is complete) and also carry
/// the source; a cause whose text the line already holds is not repeated.
fn error_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => err.exit(),
        Err(err) => {
            // One line naming the problem; `--help` has the rest.
            let text = err.to_string();
            eprintln!(
                "{}",
                terminal::safe(text.lines().next().unwrap_or("error: invalid arguments"))
            );
            return ExitCode::from(2);
        }
    };
    let limits = merklab_zpass::Limits::with_max_values(cli.max_values);
    let result = match cli.command {
        Command::Tree(cmd) => tree::run(cmd),
        Command::Shard(cmd) => tree::shard::run(cmd),
        Command::Zpass(cmd) => zpass::run(cmd, limits),
        Command::Compare(args) => compare::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Profiles => profiles::list(),
        Command::Request(args) => flow::request(args),
        Command::Present(args) => flow::present(args, limits),
        Command::Check(args) => flow::check_cmd(args, limits),
        Command::Demo => tree::demo().and_then(|()| zpass::demo()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let code = err.downcast_ref::<Failure>().map_or(2, |f| f.code);
            // The whole chain on one line, with whatever a file or flag put in it escaped.
            eprintln!("error: {}", terminal::safe(&error_line(&err)));
            ExitCode::from(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use anyhow::Context;

    use super::error_line;

    #[test]
    fn a_source_the_message_already_says_is_not_repeated() {
        let decode = merklab_core::ByteDigest::<32>::from_hex("abc").unwrap_err();
        let source = std::error::Error::source(&decode).expect("the hex error is the source");
        let err = Err::<(), _>(decode.clone()).context("leaf 3").unwrap_err();
        // The chain is context, the decode error, and its source: three causes, two said.
        assert_eq!(err.chain().count(), 3);
        assert_eq!(error_line(&err), format!("leaf 3: {decode}"));
        assert!(error_line(&err).ends_with(&source.to_string()));
        let plain = anyhow::anyhow!("inner").context("middle").context("outer");
        assert_eq!(error_line(&plain), "outer: middle: inner");
    }
}
