//! The one integration test binary: every test drives the real `whctl` binary, and the
//! provider tests drive it against stateful fakes on 127.0.0.1.

mod common;
mod fakes;

mod atelio;
mod completions;
mod events;
mod handles;
mod help;
mod inputs;
mod jq;
mod leaks;
mod man;
mod no_api;
mod plan;
mod profiles;
mod providers_cmd;
mod prune;
mod qolo;
mod quiet;
mod reliability;
mod sandbox;
mod secrets;
mod signing;
mod snapshots;
mod streamed_list;
mod tables;
