//! The window's commands from the command line, generated from the core's registry
//! (`balie_core::app::commands`): `call NAME [JSON]` runs one with JSON input and prints its
//! JSON output, `commands` lists them all. Nothing here is written per command.

use crate::commands::{CliError, Out};
use crate::text::to_json;
use balie_core::app::commands::{self, Ctx, Headless};
use balie_core::app::runtime::Runtime;
use balie_core::{Balie, LaunchOptions};

#[derive(clap::Args)]
pub(crate) struct CallArgs {
    /// De naam van de opdracht, bv. check_in (zie `commands`)
    pub name: String,
    /// De invoer als JSON-object met camelCase-velden, bv. '{"listId": "alv"}' (anders geen)
    #[arg(default_value = "{}")]
    pub json: String,
}

#[derive(clap::Args)]
pub(crate) struct CommandsArgs {
    /// Als JSON
    #[arg(long)]
    pub json: bool,
}

/// Runs one command of the registry on the core, as the window would.
pub(crate) fn call(opts: &LaunchOptions, args: &CallArgs) -> Out {
    let input: serde_json::Value = serde_json::from_str(&args.json).map_err(|e| {
        CliError::from(format!(
            "de invoer van {} is geen JSON ({e}); geef een object, bv. '{{\"listId\": \"alv\"}}'",
            args.name
        ))
    })?;
    if commands::kind_of(&args.name).is_none() {
        return Err(CliError::from(balie_core::ErrorPayload::said(
            balie_core::ErrorCode::InvalidInput,
            "err.command.unknown",
            [("command", args.name.as_str().into())],
        )));
    }
    let runtime = Runtime::new(Balie::start(opts)?, Box::new(|_| {}));
    let ctx = Ctx::new(&runtime, &Headless);
    to_json(&commands::call(&ctx, &args.name, input)?)
}

/// Every command: name, arguments with their types, output, and what it does.
pub(crate) fn commands(args: &CommandsArgs) -> Out {
    let specs = commands::specs();
    if args.json {
        return to_json(&specs);
    }
    let mut out = String::new();
    for s in &specs {
        let input: Vec<String> = s
            .args
            .iter()
            .map(|a| format!("{}: {}", a.name, a.ts))
            .collect();
        let kind = match s.kind {
            commands::Kind::Read => "leest",
            commands::Kind::Write => "schrijft",
            commands::Kind::Long => "duurt langer",
        };
        out.push_str(&format!(
            "{}({}) -> {}  [{kind}]\n    {}\n",
            s.name,
            input.join(", "),
            s.output,
            s.doc
        ));
    }
    Ok(out)
}
