//! `whctl providers`: what each provider supports.

use clap::Args;
use serde_json::{Value, json};

use super::Ctx;
use crate::providers::{ProviderKind, Support, all};

#[derive(Debug, Args)]
pub struct ProvidersArgs {}

struct Matrix;

fn cell(api: bool, s: Support) -> String {
    match (api, s) {
        (false, _) => "no API".to_string(),
        (true, Support::Yes) => "yes".to_string(),
        (true, Support::Partly(how)) => format!("yes ({how})"),
        (true, Support::No) => "no".to_string(),
    }
}

fn support_json(s: Support) -> Value {
    match s {
        Support::Yes => json!(true),
        Support::Partly(how) => json!(how),
        Support::No => json!(false),
    }
}

fn caps_json(p: ProviderKind) -> Value {
    let c = p.capabilities();
    json!({
        "provider": p.name(),
        "api": c.api,
        "subscribe": support_json(c.subscribe),
        "list": support_json(c.list),
        "update": support_json(c.update),
        "delete": support_json(c.delete),
        "rotate_secret": support_json(c.rotate),
        "event_filtering": c.event_filter,
        "signature": p.spec().signature.map(|s| json!({"header": s.header(), "scheme": s.describe()})),
        "notes": notes(p),
    })
}

/// Caveats, or where to register webhooks when there is no API.
fn notes(p: ProviderKind) -> &'static str {
    match p.spec().register {
        Some(register) if !p.capabilities().api => register,
        _ => p.capabilities().notes,
    }
}

impl crate::output::Render for Matrix {
    fn headers(&self) -> Vec<&'static str> {
        vec![
            "PROVIDER",
            "SUBSCRIBE",
            "LIST",
            "UPDATE",
            "DELETE",
            "ROTATE",
            "EVENT FILTER",
            "SIGNATURE",
            "NOTES",
        ]
    }
    fn fits(&self) -> Vec<crate::output::Fit> {
        // Every capability whole (a narrow terminal gets one block per provider); only the
        // notes are cut.
        let mut f = vec![crate::output::Fit::Whole; self.headers().len() - 1];
        f.push(crate::output::Fit::Chars);
        f
    }
    fn rows(&self) -> Vec<Vec<String>> {
        all()
            .iter()
            .map(|&p| {
                let c = p.capabilities();
                vec![
                    p.to_string(),
                    cell(c.api, c.subscribe),
                    cell(c.api, c.list),
                    cell(c.api, c.update),
                    cell(c.api, c.delete),
                    cell(c.api, c.rotate),
                    match (c.api, c.event_filter) {
                        (false, _) => "no API".to_string(),
                        (true, true) => "yes".to_string(),
                        (true, false) => "no (every event)".to_string(),
                    },
                    p.spec()
                        .signature
                        .map(|s| format!("{} ({})", s.header(), s.describe()))
                        .unwrap_or_else(|| "not documented".to_string()),
                    notes(p).to_string(),
                ]
            })
            .collect()
    }
    fn json(&self) -> Value {
        Value::Array(all().iter().map(|&p| caps_json(p)).collect())
    }
    fn ids(&self) -> Vec<String> {
        all().iter().map(|p| p.to_string()).collect()
    }
}

pub fn run(ctx: &Ctx, _args: ProvidersArgs) -> anyhow::Result<()> {
    ctx.out.render(&Matrix)
}
