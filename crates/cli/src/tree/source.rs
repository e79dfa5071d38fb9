//! Leaves streamed from a file or generated, in batches, so no command holds them all:
//! hex lines, fixed-width binary records (`--leaf-bytes W`) or `--generate N`.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;

/// Where leaves come from.
#[derive(Args, Clone)]
pub struct SourceArgs {
    /// Leaves file: one hex leaf per line, or fixed-width records with --leaf-bytes
    /// (`-` for standard input).
    #[arg(
        long,
        required_unless_present = "generate",
        conflicts_with = "generate"
    )]
    pub leaves: Option<PathBuf>,
    /// Read the leaves file as binary records of this many bytes each.
    #[arg(long = "leaf-bytes", requires = "leaves", value_parser = clap::value_parser!(u32).range(1..=1 << 20))]
    pub leaf_bytes: Option<u32>,
    /// Generate N leaves instead of reading a file: leaf i is i as 8 little-endian bytes.
    #[arg(long)]
    pub generate: Option<u64>,
}

/// Leaves handed to a consumer per call.
pub const BATCH: usize = 1 << 16;

impl SourceArgs {
    /// How many leaves the source holds (reads a file through once, hashing nothing).
    pub fn count(&self) -> Result<u64> {
        let mut n = 0u64;
        match (&self.leaves, self.leaf_bytes, self.generate) {
            (_, _, Some(n)) => return Ok(n),
            (Some(path), Some(width), _) if path.as_os_str() != "-" => {
                let len = std::fs::metadata(path)
                    .with_context(|| format!("cannot read {}", path.display()))?
                    .len();
                whole_records(path, len, width)?;
                return Ok(len / u64::from(width));
            }
            _ => self.each(0, u64::MAX, &mut |batch| {
                n += batch.len() as u64;
                Ok(())
            })?,
        }
        Ok(n)
    }

    /// Hands leaves `skip..skip + limit` (fewer where the source ends) to `f`, in
    /// batches of at most [`BATCH`].
    pub fn each(
        &self,
        skip: u64,
        limit: u64,
        f: &mut dyn FnMut(&[&[u8]]) -> Result<()>,
    ) -> Result<()> {
        match (&self.leaves, self.leaf_bytes, self.generate) {
            (_, _, Some(n)) => generate(n, skip, limit, f),
            (Some(path), Some(width), None) => records(path, width as usize, skip, limit, f),
            (Some(path), None, None) => hex_lines(path, skip, limit, f),
            (None, _, None) => bail!("give --leaves FILE or --generate N"),
        }
    }
}

fn generate(
    n: u64,
    skip: u64,
    limit: u64,
    f: &mut dyn FnMut(&[&[u8]]) -> Result<()>,
) -> Result<()> {
    let end = skip.saturating_add(limit).min(n);
    let mut at = skip;
    let mut data: Vec<[u8; 8]> = Vec::with_capacity(BATCH);
    while at < end {
        let stop = end.min(at + BATCH as u64);
        data.clear();
        data.extend((at..stop).map(u64::to_le_bytes));
        let refs: Vec<&[u8]> = data.iter().map(|d| d.as_slice()).collect();
        f(&refs)?;
        at = stop;
    }
    Ok(())
}

fn whole_records(path: &Path, len: u64, width: u32) -> Result<()> {
    let extra = len % u64::from(width);
    if extra != 0 {
        bail!(
            "{}: {len} bytes are not whole {width}-byte records ({extra} bytes left over)",
            path.display()
        );
    }
    Ok(())
}

fn open(path: &Path) -> Result<Box<dyn Read>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Box::new(file))
}

fn records(
    path: &Path,
    width: usize,
    skip: u64,
    limit: u64,
    f: &mut dyn FnMut(&[&[u8]]) -> Result<()>,
) -> Result<()> {
    let mut input: Box<dyn Read> = if path.as_os_str() == "-" {
        let mut stdin = open(path)?;
        std::io::copy(
            &mut (&mut stdin).take(skip.saturating_mul(width as u64)),
            &mut std::io::sink(),
        )
        .context("cannot read standard input")?;
        stdin
    } else {
        let mut file =
            File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let len = file
            .metadata()
            .with_context(|| format!("cannot read {}", path.display()))?
            .len();
        whole_records(path, len, width as u32)?;
        file.seek(SeekFrom::Start(skip.saturating_mul(width as u64)))
            .with_context(|| format!("cannot read {}", path.display()))?;
        Box::new(file)
    };
    let mut buf = vec![0u8; width * BATCH];
    let mut left = limit;
    while left > 0 {
        let want = (BATCH as u64).min(left) as usize * width;
        let mut filled = 0;
        while filled < want {
            let n = input
                .read(&mut buf[filled..want])
                .with_context(|| format!("cannot read {}", path.display()))?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        if filled % width != 0 {
            bail!(
                "{}: the input ends inside a {width}-byte record ({} bytes left over)",
                path.display(),
                filled % width
            );
        }
        if filled == 0 {
            break;
        }
        let refs: Vec<&[u8]> = buf[..filled].chunks_exact(width).collect();
        f(&refs)?;
        left -= refs.len() as u64;
        if filled < want {
            break;
        }
    }
    Ok(())
}

fn hex_lines(
    path: &Path,
    skip: u64,
    limit: u64,
    f: &mut dyn FnMut(&[&[u8]]) -> Result<()>,
) -> Result<()> {
    let reader = BufReader::with_capacity(1 << 20, open(path)?);
    let mut seen = 0u64;
    let end = skip.saturating_add(limit);
    let mut batch: Vec<Vec<u8>> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Vec<u8>>| -> Result<()> {
        let refs: Vec<&[u8]> = batch.iter().map(Vec::as_slice).collect();
        f(&refs)?;
        batch.clear();
        Ok(())
    };
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: cannot read", path.display(), n + 1))?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if seen >= end {
            break;
        }
        seen += 1;
        if seen <= skip {
            continue;
        }
        let digits = line.strip_prefix("0x").unwrap_or(line);
        let bytes = hex::decode(digits).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}: invalid hex leaf ({})",
                path.display(),
                n + 1,
                e.to_string().to_lowercase()
            )
        })?;
        batch.push(bytes);
        if batch.len() == BATCH {
            flush(&mut batch)?;
        }
    }
    if !batch.is_empty() {
        flush(&mut batch)?;
    }
    Ok(())
}
