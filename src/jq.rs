//! `--jq EXPR`: a jq filter applied to what a command would print as JSON, as `gh --jq` does.
//!
//! The filter is compiled once, before the command does anything (an invalid one is a usage
//! error, exit 2, and nothing is sent). Each result is printed on its own line; a string is
//! printed raw (like `jq -r`); any other value as JSON: indented on a terminal, one line when
//! piped. The jq implementation is jaq (`jaq-core`, `jaq-std`, `jaq-json`): pure Rust, with
//! jq's standard library (`select`, `map`, `test`, `@csv`, `length`, …).

use std::io::Write;

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;
use serde::Deserialize;

use crate::error::Error;

type Data = data::JustLut<Val>;

/// A compiled `--jq` filter.
pub struct Jq {
    filter: jaq_core::Filter<Data>,
    pretty: bool,
}

impl std::fmt::Debug for Jq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jq").field("pretty", &self.pretty).finish()
    }
}

impl Jq {
    /// Compiles `expr`. `pretty`: indent objects and arrays (stdout is a terminal).
    pub fn compile(expr: &str, pretty: bool) -> Result<Jq, Error> {
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        let funs = jaq_core::funs()
            .chain(jaq_std::funs())
            .chain(jaq_json::funs());
        let arena = Arena::default();
        let program = File {
            code: expr,
            path: (),
        };
        let modules = Loader::new(defs)
            .load(&arena, program)
            .map_err(|errs| invalid(expr, &load_errors(errs)))?;
        let filter = jaq_core::Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errs| {
                let msgs: Vec<String> = errs
                    .into_iter()
                    .flat_map(|(_, es)| es)
                    .map(|(name, undef)| format!("undefined {} {name}", undef.as_str()))
                    .collect();
                invalid(expr, &msgs)
            })?;
        Ok(Jq { filter, pretty })
    }

    /// Runs the filter on `input` and returns what to print: each result followed by a
    /// newline, strings raw. A runtime error (`.foo` of an array, `error("…")`) is a usage
    /// error naming the filter.
    pub fn apply(&self, input: &serde_json::Value) -> Result<Vec<u8>, Error> {
        let input = Val::deserialize(input)
            .map_err(|e| Error::usage(format!("--jq: cannot read the JSON output: {e}")))?;
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([]));
        let pp = jaq_json::write::Pp {
            indent: self.pretty.then(|| "  ".to_string()),
            sep_space: self.pretty,
            ..Default::default()
        };
        let mut out = Vec::new();
        for result in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            let v = result.map_err(|e| Error::usage(format!("--jq: {e}")))?;
            match &v {
                Val::TStr(s) | Val::BStr(s) => out.extend_from_slice(s),
                other => jaq_json::write::write(&mut out, &pp, 0, other)
                    .map_err(|e| Error::usage(format!("--jq: {e}")))?,
            }
            let _ = out.write_all(b"\n");
        }
        Ok(out)
    }
}

fn invalid(expr: &str, details: &[String]) -> Error {
    let detail = if details.is_empty() {
        String::new()
    } else {
        format!(": {}", details.join("; "))
    };
    Error::usage(format!("invalid --jq expression '{expr}'{detail}"))
}

fn load_errors<P>(errs: jaq_core::load::Errors<&str, P>) -> Vec<String> {
    use jaq_core::load::Error as E;
    let mut msgs = Vec::new();
    for (_, err) in errs {
        match err {
            E::Io(es) => msgs.extend(es.into_iter().map(|(path, e)| format!("{path}: {e}"))),
            E::Lex(es) => msgs.extend(
                es.into_iter()
                    .map(|(expect, at)| format!("expected {} {}", expect.as_str(), snippet(at))),
            ),
            E::Parse(es) => msgs.extend(
                es.into_iter()
                    .map(|(expect, at)| format!("expected {} {}", expect.as_str(), snippet(at))),
            ),
        }
    }
    msgs
}

/// Where in the expression parsing stopped, for an error message.
fn snippet(rest: &str) -> String {
    if rest.is_empty() {
        return "at the end".to_string();
    }
    format!("at '{}'", rest.chars().take(20).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(expr: &str, input: serde_json::Value) -> String {
        String::from_utf8(Jq::compile(expr, false).unwrap().apply(&input).unwrap()).unwrap()
    }

    #[test]
    fn strings_are_raw_and_each_result_has_its_line() {
        let subs = json!([{"id": "a", "n": 1}, {"id": "b", "n": 2}]);
        assert_eq!(run(".[].id", subs.clone()), "a\nb\n");
        assert_eq!(run(".[].n", subs.clone()), "1\n2\n");
        assert_eq!(run("map(.id)", subs.clone()), "[\"a\",\"b\"]\n");
        assert_eq!(
            run(".[] | select(.n > 1)", subs),
            "{\"id\":\"b\",\"n\":2}\n"
        );
    }

    #[test]
    fn pretty_on_a_terminal_keeps_key_order() {
        let out = Jq::compile(".", true)
            .unwrap()
            .apply(&json!({"z": 1, "a": [true]}))
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \"z\": 1,\n  \"a\": [\n    true\n  ]\n}\n"
        );
    }

    #[test]
    fn standard_library_is_there() {
        assert_eq!(
            run("[.[] | test(\"^card\")] | any", json!(["card.created"])),
            "true\n"
        );
        assert_eq!(run("length", json!([1, 2, 3])), "3\n");
    }

    #[test]
    fn invalid_and_undefined_are_usage_errors() {
        for bad in [".[", "nosuchfn", "$undefined", "if . then 1"] {
            let err = Jq::compile(bad, false).unwrap_err();
            assert_eq!(err.kind, crate::error::Kind::Usage, "{bad}");
            assert!(err.message.contains(bad), "{}", err.message);
        }
    }

    #[test]
    fn runtime_errors_are_usage_errors() {
        let jq = Jq::compile(".foo", false).unwrap();
        let err = jq.apply(&json!([1])).unwrap_err();
        assert_eq!(err.kind, crate::error::Kind::Usage);
    }
}
