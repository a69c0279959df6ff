//! `whctl completions SHELL`: prints a completion script generated from the command tree.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Ctx;
use crate::cli::Cli;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(_ctx: &Ctx, args: CompletionsArgs) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "whctl", &mut buf);
    crate::output::write_stdout(&String::from_utf8(buf)?)
}
