//! `whctl events list|show`: the offline event catalogs.

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
use crate::catalog::{self, Event, split_patterns};
use crate::error::Error;
use crate::output::{Fit, Render};
use crate::providers::ProviderKind;

#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// List events, optionally only those matching patterns ('card.*', '*.created', '*')
    List(ListArgs),
    /// Describe one event and print its sample payload
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this provider's events [default: every provider]
    #[arg(long, value_enum)]
    pub provider: Option<ProviderKind>,
    /// Patterns: an exact name, prefix.*, prefix*, *.suffix or *; commas allowed
    #[arg(value_name = "PATTERN")]
    pub patterns: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The event's name (Prune: its identifier or numeric code)
    pub event: String,
    /// The provider, needed when several providers have an event of that name
    #[arg(long, value_enum)]
    pub provider: Option<ProviderKind>,
}

pub fn run(ctx: &Ctx, cmd: EventsCommand) -> anyhow::Result<()> {
    match cmd {
        EventsCommand::List(args) => list(ctx, args),
        EventsCommand::Show(args) => show(ctx, args),
    }
}

struct EventRows(Vec<(ProviderKind, &'static Event)>);

impl Render for EventRows {
    fn headers(&self) -> Vec<&'static str> {
        if self.0.iter().any(|(_, e)| e.code.is_some()) {
            vec!["PROVIDER", "EVENT", "CODE", "GROUP", "DESCRIPTION"]
        } else {
            vec!["PROVIDER", "EVENT", "GROUP", "DESCRIPTION"]
        }
    }
    fn fits(&self) -> Vec<Fit> {
        // Provider, name and code whole; the description is cut, and the group (its name's
        // prefix, most often) left out when that is not enough.
        let mut f = vec![Fit::Whole; self.headers().len() - 2];
        f.extend([Fit::Drop, Fit::Chars]);
        f
    }
    fn rows(&self) -> Vec<Vec<String>> {
        let with_code = self.headers().contains(&"CODE");
        self.0
            .iter()
            .map(|(p, e)| {
                let mut row = vec![p.to_string(), e.name.clone()];
                if with_code {
                    row.push(e.code.map(|c| c.to_string()).unwrap_or_default());
                }
                row.push(e.group.clone());
                row.push(e.description.clone());
                row
            })
            .collect()
    }
    fn json(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|(p, e)| {
                    let mut v = json!({
                        "provider": p.name(),
                        "name": e.name,
                        "group": e.group,
                        "description": e.description,
                    });
                    if let Some(code) = e.code {
                        v["code"] = json!(code);
                    }
                    v
                })
                .collect(),
        )
    }
    fn ids(&self) -> Vec<String> {
        self.0.iter().map(|(_, e)| e.name.clone()).collect()
    }
}

fn list(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let patterns = split_patterns(&args.patterns);
    let rows = match args.provider {
        Some(p) => expand(p, &patterns)?,
        None => catalog::expand_everywhere(crate::providers::all().iter().copied(), &patterns)?,
    };
    ctx.out.render(&EventRows(rows))
}

fn expand(
    p: ProviderKind,
    patterns: &[String],
) -> Result<Vec<(ProviderKind, &'static Event)>, Error> {
    let c = catalog::get(p);
    if patterns.is_empty() {
        return Ok(c.events.iter().map(|e| (p, e)).collect());
    }
    Ok(c.expand(patterns)?.into_iter().map(|e| (p, e)).collect())
}

struct EventDetail(ProviderKind, &'static Event);

impl EventDetail {
    fn json(&self) -> Value {
        let e = self.1;
        let mut v = json!({
            "provider": self.0.name(),
            "name": e.name,
            "group": e.group,
            "description": e.description,
        });
        if let Some(code) = e.code {
            v["code"] = json!(code);
        }
        v["sample"] = e.sample.clone().unwrap_or(Value::Null);
        v
    }
}

fn show(ctx: &Ctx, args: ShowArgs) -> anyhow::Result<()> {
    let found: Vec<(ProviderKind, &'static Event)> = match args.provider {
        Some(p) => match catalog::get(p).event(&args.event) {
            Some(e) => vec![(p, e)],
            None => {
                let err = catalog::get(p)
                    .resolve(&args.event)
                    .err()
                    .unwrap_or_else(|| {
                        Error::usage(format!(
                            "'{}' is a pattern; `events show` takes one event name",
                            args.event
                        ))
                    });
                return Err(err.into());
            }
        },
        None => crate::providers::all()
            .iter()
            .filter_map(|&p| catalog::get(p).event(&args.event).map(|e| (p, e)))
            .collect(),
    };
    let detail = match found.as_slice() {
        [] => {
            return Err(Error::usage(format!(
                "no provider has an event named '{}'; try `whctl events list` with a pattern",
                args.event.trim()
            ))
            .into());
        }
        [one] => EventDetail(one.0, one.1),
        many => {
            let names: Vec<&str> = many.iter().map(|(p, _)| p.name()).collect();
            return Err(Error::usage(format!(
                "'{}' is an event of {}: pass --provider to choose one",
                args.event.trim(),
                names.join(", ")
            ))
            .into());
        }
    };
    let e = detail.1;
    if ctx.out.quiet {
        return ctx.out.ids(std::slice::from_ref(&e.name));
    }
    if ctx.out.is_json() {
        return ctx.out.json(&detail.json());
    }
    let mut rows = vec![
        vec!["provider".to_string(), detail.0.to_string()],
        vec!["event".to_string(), e.name.clone()],
    ];
    if let Some(code) = e.code {
        rows.push(vec!["code".to_string(), code.to_string()]);
    }
    rows.push(vec!["group".to_string(), e.group.clone()]);
    rows.push(vec!["description".to_string(), e.description.clone()]);
    let mut text = ctx
        .out
        .table(&["FIELD", "VALUE"], &[Fit::Key, Fit::Wrap], &rows);
    match &e.sample {
        Some(s) => {
            text.push_str("\nSample payload:\n");
            text.push_str(&serde_json::to_string_pretty(s)?);
        }
        None => text.push_str(&format!(
            "\nNo sample payload: {}'s documentation shows none for this event.",
            detail.0
        )),
    }
    ctx.out.text(&text)
}
