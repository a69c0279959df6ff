//! Atelio's list answer, read as a stream: `{"webhook_subscriptions":[…]}` (other fields
//! ignored) or a bare array, each subscription handed to the sink as soon as it is read.
//!
//! Each item is read in place: its strings are copied straight from the body into buffers
//! that the next item reuses, so after the first few items reading one allocates nothing
//! and builds no intermediate value. The decision on each item is the one [`super::parse_one`]
//! makes on a JSON tree (checked by the property tests in `super`): a valid nested
//! `webhook_subscription` wins, else the flat fields, else the item is an error.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::error::Category;

use super::{SPEC, is_enabled};
use crate::config::Secret;
use crate::error::Error;
use crate::providers::{Sink, Subscription};

/// Reads a whole list answer (see [`ListReader`]), handing each subscription to `sink` as
/// it is read. Returns how many there were.
pub(super) fn read_list(body: &[u8], sink: &mut Sink<'_>) -> Result<usize, Error> {
    let mut reader = ListReader::new(sink);
    reader.feed(body)?;
    reader.finish()
}

/// Reads the list answer as it arrives, part by part, handing each subscription to the sink
/// as soon as its last byte has: the answer is never held whole (only an item still
/// arriving), and each item is parsed once, in place.
///
/// Only an explicit list is a list: an empty body, `{}`, a missing or shapeless list field
/// fail before anything reaches the sink. A bad item or broken JSON partway fails after the
/// items before it were handed over.
///
/// How: the envelope (`{`, keys, `:`, `,`, `[`, `]`, `}`) is read here, byte by byte; every
/// value in it (a key, a field to skip, an item) is parsed by serde_json, from where it
/// starts to as far as the answer has arrived. A value cut short by the end of what has
/// arrived is an EOF error, and is parsed again, whole, once more has (serde_json's own way
/// to read a stream, see `StreamDeserializer::byte_offset`).
pub(super) struct ListReader<'s, 'a> {
    /// Bytes received and not yet consumed: an item still arriving, at most.
    buf: Vec<u8>,
    /// Bytes of the answer consumed before `buf` (for the positions in errors).
    base: usize,
    state: State,
    /// The list was found (a second one is refused).
    list_seen: bool,
    /// How long `buf` must be before a value cut short is parsed again: twice what it was.
    /// A value far longer than a part (a huge field) is so parsed a few times, not once a
    /// part, which would take time quadratic in its length.
    wait: usize,
    /// How many times `buf` was read (each part, unless it is waiting).
    passes: usize,
    items: Handed<'s, 'a>,
}

/// Where the reader is in the envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the answer's first byte.
    Start,
    /// In the top object: a key next (`first`: or its `}`).
    Key { first: bool },
    /// After a key: its `:` next (`list`: the key is `webhook_subscriptions`).
    Colon { list: bool },
    /// After a key's `:`: its value next.
    Value { list: bool },
    /// After a value of the top object: `,` or `}` next.
    ObjectNext,
    /// In the list: an item next (`first`: or its `]`).
    Item { first: bool, bare: bool },
    /// After an item: `,` or `]` next (`bare`: the list is the whole answer).
    ItemNext { bare: bool },
    /// After the answer: only spaces.
    Done,
}

/// The items found so far, and where they go.
struct Handed<'s, 'a> {
    sink: &'s mut Sink<'a>,
    count: usize,
    item: Item,
    /// The subscription handed to the sink, its buffers reused from one item to the next.
    out: Subscription,
    /// The answer's first bytes, for the error message.
    head: Vec<u8>,
}

/// How many of the answer's first bytes an error quotes from (it shows 200 characters).
const HEAD: usize = 4096;

/// A value parsed by serde_json from where it starts: how many bytes it took, or that more
/// of the answer must arrive first.
enum Parsed {
    Took(usize),
    Incomplete,
}

impl<'s, 'a> ListReader<'s, 'a> {
    pub(super) fn new(sink: &'s mut Sink<'a>) -> Self {
        ListReader {
            buf: Vec::new(),
            base: 0,
            state: State::Start,
            list_seen: false,
            wait: 0,
            passes: 0,
            items: Handed {
                sink,
                count: 0,
                item: Item::default(),
                out: Subscription::default(),
                head: Vec::new(),
            },
        }
    }

    /// Reads the next part of the answer; every item it completes goes to the sink.
    pub(super) fn feed(&mut self, part: &[u8]) -> Result<(), Error> {
        self.items.keep_head(part);
        self.buf.extend_from_slice(part);
        self.consume(false)
    }

    /// As [`ListReader::feed`], for the part that
    /// [`BodyStream::read_into`](crate::http::BodyStream::read_into) appended to `part`,
    /// which is left empty for the next one (its buffer reused, not copied, when it can be).
    pub(super) fn feed_buf(&mut self, part: &mut Vec<u8>) -> Result<(), Error> {
        self.items.keep_head(part);
        if self.buf.is_empty() {
            std::mem::swap(&mut self.buf, part);
        } else {
            self.buf.extend_from_slice(part);
            part.clear();
        }
        self.consume(false)
    }

    /// The answer is over: it must have been one whole list. Returns how many items it had.
    pub(super) fn finish(mut self) -> Result<usize, Error> {
        self.consume(true)?;
        match self.state {
            State::Done => Ok(self.items.count),
            State::Start if self.buf.iter().all(u8::is_ascii_whitespace) => {
                Err(self.items.unexpected("EOF while parsing a value"))
            }
            _ => Err(self.items.unexpected(&format!(
                "EOF while parsing the list, at byte {}",
                self.base + self.buf.len()
            ))),
        }
    }

    /// Reads as much of `buf` as has arrived, then drops what is done with. Until the
    /// answer is over (`last`), a value that fails to parse, or ends where `buf` does, may
    /// be cut short (a number, `tru`): it is read again once more has arrived.
    fn consume(&mut self, last: bool) -> Result<(), Error> {
        if !last && self.buf.len() < self.wait {
            return Ok(());
        }
        self.passes += 1;
        let mut cut = false;
        // UTF-8 is checked once per part, up to a character the part may have cut; an
        // invalid byte ends the text there, and is reported if a value reaches it.
        let (text, bad) = match std::str::from_utf8(&self.buf) {
            Ok(text) => (text, None),
            Err(e) => {
                let valid = e.valid_up_to();
                let text = std::str::from_utf8(&self.buf[..valid]).unwrap_or_default();
                (text, e.error_len().map(|_| valid))
            }
        };
        let bytes = text.as_bytes();
        let mut pos = 0;
        let at = |pos: usize| self.base + pos;
        loop {
            while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            let Some(&b) = bytes.get(pos) else {
                if let Some(bad) = bad.filter(|bad| *bad == pos) {
                    return Err(self
                        .items
                        .unexpected(&format!("invalid UTF-8 at byte {}", at(bad))));
                }
                break;
            };
            let expected = |what: &str| {
                self.items
                    .unexpected(&format!("expected {what} at byte {}", at(pos)))
            };
            let rest = &text[pos..];
            let value = |parsed: Result<usize, serde_json::Error>| -> Result<Parsed, Error> {
                match parsed {
                    Err(_) if !last => Ok(Parsed::Incomplete),
                    Ok(n) if n == rest.len() && !last => Ok(Parsed::Incomplete),
                    Ok(n) => Ok(Parsed::Took(n)),
                    // Cut short by the invalid byte that ends the text.
                    Err(e) if e.is_eof() && bad.is_some() => Err(self
                        .items
                        .unexpected(&format!("invalid UTF-8 at byte {}", at(bad.unwrap_or(pos))))),
                    Err(e) => {
                        Err(self
                            .items
                            .unexpected(&format!("{} at byte {}", why(&e), at(pos))))
                    }
                }
            };
            match self.state {
                State::Start => match b {
                    b'[' => {
                        self.list_seen = true;
                        self.state = State::Item {
                            first: true,
                            bare: true,
                        };
                    }
                    b'{' => self.state = State::Key { first: true },
                    _ => return Err(self.items.unexpected("")),
                },
                State::Key { first } => match b {
                    b'}' if first => self.state = self.object_end()?,
                    b'"' => {
                        let mut list = false;
                        let parsed = key(rest).map(|(is_list, n)| {
                            list = is_list;
                            n
                        });
                        match value(parsed)? {
                            Parsed::Incomplete => {
                                cut = true;
                                break;
                            }
                            Parsed::Took(n) => {
                                self.state = State::Colon { list };
                                pos += n;
                                continue;
                            }
                        }
                    }
                    _ => return Err(expected("a field name")),
                },
                State::Colon { list } => match b {
                    b':' => self.state = State::Value { list },
                    _ => return Err(expected("`:`")),
                },
                State::Value { list: true } if self.list_seen => {
                    return Err(self.items.unexpected("two lists"));
                }
                State::Value { list: true } => match b {
                    b'[' => {
                        self.list_seen = true;
                        self.state = State::Item {
                            first: true,
                            bare: false,
                        };
                    }
                    // The shape's own words: never a value (it could be a secret).
                    _ => {
                        return Err(self
                            .items
                            .unexpected("webhook_subscriptions is not an array"));
                    }
                },
                State::Value { list: false } => match value(skip_value(rest))? {
                    Parsed::Incomplete => {
                        cut = true;
                        break;
                    }
                    Parsed::Took(n) => {
                        self.state = State::ObjectNext;
                        pos += n;
                        continue;
                    }
                },
                State::ObjectNext => match b {
                    b',' => self.state = State::Key { first: false },
                    b'}' => self.state = self.object_end()?,
                    _ => return Err(expected("`,` or `}`")),
                },
                State::Item { first, bare } => {
                    if b == b']' && first {
                        self.state = list_end(bare);
                    } else {
                        let start = pos;
                        match self.items.hand_over(rest, last) {
                            Err(Stop::Incomplete) => {
                                cut = true;
                                break;
                            }
                            Err(Stop::Json(e)) if e.is_eof() && bad.is_some() => {
                                return Err(self.items.unexpected(&format!(
                                    "invalid UTF-8 at byte {}",
                                    at(bad.unwrap_or(start))
                                )));
                            }
                            Err(Stop::Json(e)) => {
                                let n = self.items.count + 1;
                                return Err(self.items.unexpected(&format!(
                                    "item {n}: {} at byte {}",
                                    why(&e),
                                    at(start)
                                )));
                            }
                            Err(Stop::Error(e)) => return Err(e),
                            Ok(n) => {
                                self.state = State::ItemNext { bare };
                                pos += n;
                                continue;
                            }
                        }
                    }
                }
                State::ItemNext { bare } => match b {
                    b',' => self.state = State::Item { first: false, bare },
                    b']' => self.state = list_end(bare),
                    _ => return Err(expected("`,` or `]`")),
                },
                State::Done => {
                    return Err(self
                        .items
                        .unexpected(&format!("trailing characters at byte {}", at(pos))));
                }
            }
            pos += 1;
        }
        self.base += pos;
        self.buf.drain(..pos);
        self.wait = if cut { 2 * self.buf.len() } else { 0 };
        Ok(())
    }

    /// The top object's `}`: the list must have been in it.
    fn object_end(&self) -> Result<State, Error> {
        if self.list_seen {
            Ok(State::Done)
        } else {
            Err(self
                .items
                .unexpected("missing field `webhook_subscriptions`"))
        }
    }
}

/// After the list's `]`: the answer is over (a bare list), or the top object goes on.
fn list_end(bare: bool) -> State {
    if bare { State::Done } else { State::ObjectNext }
}

/// Parses a key at the start of `text`: whether it is `webhook_subscriptions` (escapes
/// decoded), and how many bytes it took.
fn key(text: &str) -> Result<(bool, usize), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let k = std::borrow::Cow::<str>::deserialize(&mut de)?;
    let took = de.into_iter::<IgnoredAny>().byte_offset();
    Ok((k == "webhook_subscriptions", took))
}

/// Parses any value at the start of `text`, and says how many bytes it took.
fn skip_value(text: &str) -> Result<usize, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    IgnoredAny::deserialize(&mut de)?;
    Ok(de.into_iter::<IgnoredAny>().byte_offset())
}

/// What an error says about the JSON, without a position (a position in one value is not
/// one in the answer). Nothing for other errors (the shape's own words could quote a value,
/// and values may be secrets).
fn why(e: &serde_json::Error) -> String {
    match e.classify() {
        Category::Syntax | Category::Eof => {
            let text = e.to_string();
            match text.rfind(" at line ") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
        _ => String::new(),
    }
}

/// Why an item was not handed over.
enum Stop {
    /// Cut short by the end of what has arrived.
    Incomplete,
    /// Not JSON.
    Json(serde_json::Error),
    /// Not a subscription, or the sink's own error.
    Error(Error),
}

impl Handed<'_, '_> {
    fn keep_head(&mut self, part: &[u8]) {
        if self.head.len() < HEAD {
            let n = (HEAD - self.head.len()).min(part.len());
            self.head.extend_from_slice(&part[..n]);
        }
    }

    /// The error for an answer that is not a list, quoting its start.
    fn unexpected(&self, why: &str) -> Error {
        let mut err = crate::providers::unexpected(SPEC.name, "the subscription list", &self.head);
        if !why.is_empty() {
            err.message.push_str(&format!(" ({why})"));
        }
        err
    }

    /// Parses the item at the start of `text` and hands it to the sink; how many bytes it
    /// took. Until the answer is over (`last`), an item that fails, or ends where `text`
    /// does, may be cut short: it is not handed over, and is read again later.
    fn hand_over(&mut self, text: &str, last: bool) -> Result<usize, Stop> {
        let mut de = serde_json::Deserializer::from_str(text);
        match ItemSeed::item(&mut self.item).deserialize(&mut de) {
            Err(_) if !last => return Err(Stop::Incomplete),
            Err(e) => return Err(Stop::Json(e)),
            Ok(()) => {}
        }
        let took = de.into_iter::<IgnoredAny>().byte_offset();
        if took == text.len() && !last {
            return Err(Stop::Incomplete);
        }
        if !self.item.move_into(&mut self.out) {
            return Err(Stop::Error(Error::unavailable(format!(
                "unexpected answer from {} for the subscription list: item {} is not a subscription",
                SPEC.name,
                self.count + 1
            ))));
        }
        self.count += 1;
        (self.sink)(&mut self.out).map_err(Stop::Error)?;
        Ok(took)
    }
}

/// The field names of the wire subscription with their aliases, and the field each one sets
/// (an index into [`Fields`]).
pub(super) const KEYS: [(&str, usize); 14] = [
    ("id", ID),
    ("webhook_id", ID),
    ("webhook_subscription_id", ID),
    ("url", URL),
    ("description", DESCRIPTION),
    ("events", EVENTS),
    ("status", STATUS),
    ("secret", SECRET),
    ("created_time", CREATED),
    ("date_created", CREATED),
    ("created_at", CREATED),
    ("updated_time", UPDATED),
    ("date_updated", UPDATED),
    ("updated_at", UPDATED),
];

const ID: usize = 0;
const URL: usize = 1;
const DESCRIPTION: usize = 2;
const EVENTS: usize = 3;
const STATUS: usize = 4;
const SECRET: usize = 5;
const CREATED: usize = 6;
const UPDATED: usize = 7;

/// Where each field is in [`KEYS`] (its own name), for the array form (fields in order).
const FIELD_KEY: [usize; 8] = [0, 3, 4, 5, 6, 7, 8, 11];

/// A key of an item (or of its nested subscription) that matters to the list reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    /// `webhook_subscription`.
    Nested,
    /// One of [`KEYS`].
    Field(usize),
    Other,
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, k: &str) -> Result<Key, E> {
        // A `match` on the names (compiled to a switch on length, then a compare) rather
        // than a search of `KEYS`: a long list has ten keys an item.
        Ok(match k {
            "webhook_subscription" => Key::Nested,
            "id" => Key::Field(0),
            "webhook_id" => Key::Field(1),
            "webhook_subscription_id" => Key::Field(2),
            "url" => Key::Field(3),
            "description" => Key::Field(4),
            "events" => Key::Field(5),
            "status" => Key::Field(6),
            "secret" => Key::Field(7),
            "created_time" => Key::Field(8),
            "date_created" => Key::Field(9),
            "created_at" => Key::Field(10),
            "updated_time" => Key::Field(11),
            "date_updated" => Key::Field(12),
            "updated_at" => Key::Field(13),
            _ => Key::Other,
        })
    }
}

/// What a JSON value was, as a field sees it (the value itself, when a string or an array
/// of strings, is already in the field's buffer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Got {
    /// Not given.
    #[default]
    Absent,
    Str,
    Null,
    /// An array whose elements are all strings.
    Strs,
    /// Anything else: wrong for every field.
    Other,
}

/// One subscription's fields (flat, or nested in `webhook_subscription`) as read, nothing
/// decided yet: each field's last value (as a JSON tree keeps the last of a repeated name)
/// and what type it had.
#[derive(Debug, Default)]
struct Fields {
    /// An object, or an array (the fields in order): anything else is no subscription.
    shaped: bool,
    /// A field given under two of its names (no subscription, as serde's aliases decide).
    clash: bool,
    /// Per field: which of [`KEYS`] set it, and what its value was.
    key: [Option<usize>; 8],
    got: [Got; 8],
    /// The text fields' values, by field index (`EVENTS`'s slot unused).
    text: [String; 8],
    /// The events, the first `n_events` of them.
    events: Vec<String>,
    n_events: usize,
}

impl Fields {
    fn reset(&mut self, shaped: bool) {
        self.shaped = shaped;
        self.clash = false;
        self.key = [None; 8];
        self.got = [Got::Absent; 8];
    }

    /// Reads the value of `KEYS[k]` into its field.
    fn read<'de, A: MapAccess<'de>>(&mut self, k: usize, map: &mut A) -> Result<(), A::Error> {
        let f = KEYS[k].1;
        match self.key[f] {
            Some(had) if had != k => self.clash = true,
            _ => self.key[f] = Some(k),
        }
        self.got[f] = map.next_value_seed(self.seed(f))?;
        Ok(())
    }

    fn seed(&mut self, f: usize) -> ValueSeed<'_> {
        if f == EVENTS {
            ValueSeed::List(&mut self.events, &mut self.n_events)
        } else {
            ValueSeed::Text(&mut self.text[f])
        }
    }

    /// Whether these are a subscription's fields, as the wire type's `Deserialize` takes
    /// them: no field under two names, the id a string, the url a string (or absent), the
    /// events strings (or absent), the others strings or null.
    fn valid(&self) -> bool {
        use Got::*;
        self.shaped
            && !self.clash
            && self.got[ID] == Str
            && matches!(self.got[URL], Absent | Str)
            && matches!(self.got[EVENTS], Absent | Strs)
            && [DESCRIPTION, STATUS, SECRET, CREATED, UPDATED]
                .iter()
                .all(|f| matches!(self.got[*f], Absent | Null | Str))
    }

    /// A text field's value, when it was a string.
    fn str(&self, f: usize) -> Option<&str> {
        (self.got[f] == Got::Str).then_some(self.text[f].as_str())
    }

    /// Moves these (valid) fields into `s`, as `Subscription::from(Wire)` would make it:
    /// buffers are swapped, not copied, so these get `s`'s old ones to read the next into.
    fn move_into(&mut self, s: &mut Subscription) {
        let got = self.got;
        let is_str = |f: usize| got[f] == Got::Str;
        std::mem::swap(&mut s.id, &mut self.text[ID]);
        if is_str(URL) {
            std::mem::swap(&mut s.url, &mut self.text[URL]);
        } else {
            s.url.clear();
        }
        let described = is_str(DESCRIPTION) && !self.text[DESCRIPTION].is_empty();
        swap_opt(&mut s.description, &mut self.text[DESCRIPTION], described);
        if got[EVENTS] == Got::Strs {
            std::mem::swap(&mut s.events, &mut self.events);
            s.events.truncate(self.n_events);
        } else {
            s.events.clear();
        }
        s.enabled = self.str(STATUS).is_none_or(is_enabled);
        let secret = &mut self.text[SECRET];
        match (got[SECRET] == Got::Str && !secret.is_empty(), &mut s.secret) {
            (false, have) => *have = None,
            (true, Some(have)) => have.swap_in(secret),
            (true, have) => *have = Some(Secret::new(std::mem::take(secret))),
        }
        swap_opt(&mut s.created_at, &mut self.text[CREATED], is_str(CREATED));
        swap_opt(&mut s.updated_at, &mut self.text[UPDATED], is_str(UPDATED));
    }
}

/// One list item as read: its flat fields and its `webhook_subscription`'s.
#[derive(Debug, Default)]
struct Item {
    flat: Fields,
    nested: Fields,
}

impl Item {
    /// Moves the item into `s`: its nested subscription when that is valid, else its flat
    /// fields. `false`: the item is no subscription.
    fn move_into(&mut self, s: &mut Subscription) -> bool {
        if self.nested.valid() {
            self.nested.move_into(s);
        } else if self.flat.valid() {
            self.flat.move_into(s);
        } else {
            return false;
        }
        true
    }
}

/// Reads one item: its flat fields, and (for a list item) its `webhook_subscription`'s.
struct ItemSeed<'i> {
    flat: &'i mut Fields,
    /// `None` when reading a nested subscription (whose own `webhook_subscription` is
    /// skipped).
    nested: Option<&'i mut Fields>,
}

impl<'i> ItemSeed<'i> {
    fn item(item: &'i mut Item) -> Self {
        ItemSeed {
            flat: &mut item.flat,
            nested: Some(&mut item.nested),
        }
    }

    /// Starts the item: `shaped` when it is an object or an array.
    fn reset(&mut self, shaped: bool) {
        self.flat.reset(shaped);
        if let Some(nested) = self.nested.as_deref_mut() {
            nested.reset(false);
        }
    }

    /// A value that is neither an object nor an array: no subscription.
    fn not_shaped<E>(mut self) -> Result<(), E> {
        self.reset(false);
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for ItemSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ItemSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.reset(true);
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match (key, self.nested.as_deref_mut()) {
                (Key::Field(k), _) => self.flat.read(k, &mut map)?,
                // The last one counts; read as a subscription of its own.
                (Key::Nested, Some(nested)) => map.next_value_seed(ItemSeed {
                    flat: nested,
                    nested: None,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    /// The fields in the wire type's order, trailing ones left out; more than there are
    /// fields is no subscription.
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.reset(true);
        let fields = self.flat;
        let mut n = 0;
        loop {
            let more = match FIELD_KEY.get(n) {
                Some(&k) => {
                    let f = KEYS[k].1;
                    fields.key[f] = Some(k);
                    match seq.next_element_seed(fields.seed(f))? {
                        Some(got) => {
                            fields.got[f] = got;
                            true
                        }
                        None => false,
                    }
                }
                None => seq.next_element::<IgnoredAny>()?.is_some(),
            };
            if !more {
                break;
            }
            n += 1;
        }
        fields.shaped = n <= FIELD_KEY.len();
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.not_shaped()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.not_shaped()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.not_shaped()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.not_shaped()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.not_shaped()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.not_shaped()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.not_shaped()
    }
}

/// Reads one field's value into its buffer, saying what it was.
enum ValueSeed<'b> {
    Text(&'b mut String),
    /// The events, and how many of the buffer's strings hold them.
    List(&'b mut Vec<String>, &'b mut usize),
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Got;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Got, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Got;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Got, E> {
        if let ValueSeed::Text(dst) = self {
            set(dst, v);
        }
        Ok(Got::Str)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Got, E> {
        Ok(Got::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Got, E> {
        Ok(Got::Null)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Got, E> {
        Ok(Got::Other)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Got, E> {
        Ok(Got::Other)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Got, E> {
        Ok(Got::Other)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Got, E> {
        Ok(Got::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Got, A::Error> {
        let ValueSeed::List(list, n) = self else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Got::Other);
        };
        let mut all_strings = true;
        let mut i = 0;
        loop {
            if i == list.len() {
                list.push(String::new());
            }
            match seq.next_element_seed(StrSeed(&mut list[i]))? {
                None => break,
                Some(is_str) => all_strings &= is_str,
            }
            i += 1;
        }
        *n = i;
        Ok(if all_strings { Got::Strs } else { Got::Other })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Got, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Got::Other)
    }
}

/// Reads one element of the events into its buffer: `true` when it was a string.
struct StrSeed<'b>(&'b mut String);

impl<'de> DeserializeSeed<'de> for StrSeed<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        let got = ValueSeed::Text(self.0).deserialize(d)?;
        Ok(got == Got::Str)
    }
}

/// `dst` becomes `v`, in the buffer it has.
fn set(dst: &mut String, v: &str) {
    dst.clear();
    dst.push_str(v);
}

/// `dst` becomes `src`'s value when `some` (their buffers swapped), else `None` (its buffer
/// kept in `src` for a later value).
fn swap_opt(dst: &mut Option<String>, src: &mut String, some: bool) {
    match (some, dst) {
        (true, Some(have)) => std::mem::swap(have, src),
        (true, none) => *none = Some(std::mem::take(src)),
        (false, dst) => {
            if let Some(old) = dst.take() {
                *src = old;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_longer_than_many_parts_is_not_parsed_again_for_each() {
        let long = "d".repeat(1 << 20);
        let body = format!(
            r#"{{"note": "{long}", "webhook_subscriptions": [{{"id": "a", "description": "{long}"}}]}}"#
        );
        let mut got = Vec::new();
        let mut sink = |s: &mut Subscription| {
            got.push((s.id.clone(), s.description.as_ref().map(String::len)));
            Ok(())
        };
        let mut reader = ListReader::new(&mut sink);
        let parts = body.as_bytes().chunks(1024);
        let n = parts.len();
        for part in parts {
            reader.feed(part).unwrap();
        }
        let passes = reader.passes;
        assert_eq!(reader.finish().unwrap(), 1);
        assert_eq!(got, [("a".to_string(), Some(1 << 20))]);
        // Each long value is parsed again only when what has arrived has doubled.
        assert!(passes < 60, "{passes} passes over {n} parts");
    }

    #[test]
    fn invalid_utf8_partway_stops_after_the_items_before_it() {
        let mut body = br#"[{"id": "a"}, {"id": "b"#.to_vec();
        body.push(0xff);
        body.extend_from_slice(br#""}, {"id": "c"}]"#);
        for part in [1, 5, body.len()] {
            let mut ids = Vec::new();
            let mut sink = |s: &mut Subscription| {
                ids.push(s.id.clone());
                Ok(())
            };
            let mut reader = ListReader::new(&mut sink);
            let r = body
                .chunks(part)
                .try_for_each(|p| reader.feed(p))
                .and_then(|()| reader.finish());
            let e = r.unwrap_err();
            assert!(
                e.message.contains("invalid UTF-8 at byte 23"),
                "{}",
                e.message
            );
            assert_eq!(ids, ["a"]);
        }
    }

    #[test]
    fn every_key_name_is_matched_to_its_place_in_keys() {
        for (i, (name, _)) in KEYS.iter().enumerate() {
            assert_eq!(
                KeySeed.visit_str::<de::value::Error>(name),
                Ok(Key::Field(i))
            );
        }
        assert_eq!(KeySeed.visit_str::<de::value::Error>("ID"), Ok(Key::Other));
    }
}
