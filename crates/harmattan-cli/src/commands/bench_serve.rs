//! `harmattan bench-serve`: placeholder.

/// Arguments of `harmattan bench-serve`.
#[derive(Debug, clap::Args)]
pub struct BenchServeArgs {}

/// Run `bench-serve`.
pub fn run(_args: &BenchServeArgs) -> anyhow::Result<bool> {
    Ok(true)
}
