//! Runs every W3C trace-context vector in `<fixtures>/w3c/trace_context_test_vectors.json`
//! (upstream `test/test.py`, strict and Level 2 checks included) against a simulated hop:
//! extract the incoming headers, continue (new span id) or restart the trace, inject outgoing
//! headers — then evaluates the upstream assertion lines against those outgoing headers.
//!
//! Fixture: the workspace's `tests/fixtures/upstream/w3c/` (origin and license in that folder's
//! README).

use std::collections::HashMap;
use std::path::PathBuf;

use butterfly_telemetry::{TraceContext, TraceState};
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/upstream")
}

/// What the simulated service sent on its outgoing call.
#[derive(Debug)]
struct Outgoing {
    trace_id_hex: String,
    parent_id_hex: String,
    flags: u8,
    /// `tracestate` header as sent (None when not sent).
    tracestate_header: Option<String>,
    /// Harness-style view of it: ordered (key, value).
    tracestate: Vec<(String, String)>,
}

fn hop(headers: &[(String, String)]) -> Result<Outgoing, String> {
    let outgoing = match TraceContext::extract(headers) {
        Some(ctx) => ctx.child(),
        None => TraceContext::new_root(),
    };
    let mut sent: Vec<(String, String)> = Vec::new();
    outgoing.inject(&mut sent);
    let tp: Vec<&String> = sent
        .iter()
        .filter(|(k, _)| k == "traceparent")
        .map(|(_, v)| v)
        .collect();
    let [tp] = tp.as_slice() else {
        return Err(format!("expected one outgoing traceparent, got {sent:?}"));
    };
    // The outgoing header must itself be valid and canonical.
    let parsed = TraceContext::parse_traceparent(tp)
        .map_err(|e| format!("outgoing traceparent {tp:?} invalid: {e}"))?;
    if parsed.traceparent() != **tp || !tp.starts_with("00-") {
        return Err(format!(
            "outgoing traceparent {tp:?} not canonical version 00"
        ));
    }
    let ts = sent
        .iter()
        .find(|(k, _)| k == "tracestate")
        .map(|(_, v)| v.clone());
    let members = match &ts {
        Some(h) => {
            if TraceState::parse(h).is_err() {
                return Err(format!("outgoing tracestate {h:?} invalid"));
            }
            h.split(',')
                .filter_map(|m| {
                    m.split_once('=')
                        .map(|(k, v)| (k.trim().to_owned(), v.to_owned()))
                })
                .collect()
        }
        None => Vec::new(),
    };
    Ok(Outgoing {
        trace_id_hex: hex::encode(parsed.trace_id),
        parent_id_hex: hex::encode(parsed.span_id),
        flags: parsed.flags,
        tracestate_header: ts,
        tracestate: members,
    })
}

/// A Python string literal ('..' or "..", no escapes) or a name from `assertion_locals`.
fn value(expr: &str, locals: &HashMap<String, String>) -> Result<String, String> {
    let e = expr.trim();
    for q in ['\'', '"'] {
        if e.len() >= 2 && e.starts_with(q) && e.ends_with(q) {
            return Ok(e[1..e.len() - 1].to_owned());
        }
    }
    locals
        .get(e)
        .cloned()
        .ok_or_else(|| format!("unknown expression {e:?}"))
}

fn ts_get<'a>(o: &'a Outgoing, key: &str) -> Option<&'a str> {
    o.tracestate
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn ts_str(o: &Outgoing) -> String {
    o.tracestate_header.clone().unwrap_or_default()
}

fn between<'a>(s: &'a str, prefix: &str, suffix: &str) -> Option<&'a str> {
    s.strip_prefix(prefix)?.strip_suffix(suffix)
}

fn bool_expr(expr: &str, o: &Outgoing, locals: &HashMap<String, String>) -> Result<bool, String> {
    let mut any = false;
    for term in expr.split(" or ") {
        let term = term.trim();
        let v = if let Some(lit) = term.strip_suffix(" in str(tracestate)") {
            ts_str(o).contains(&value(lit, locals)?)
        } else if let Some((l, r)) = term.split_once(" < ") {
            let a = value(
                between(l, "str(tracestate).index(", ")").ok_or(format!("bad term {term:?}"))?,
                locals,
            )?;
            let b = value(
                between(r, "str(tracestate).index(", ")").ok_or(format!("bad term {term:?}"))?,
                locals,
            )?;
            let s = ts_str(o);
            match (s.find(&a), s.find(&b)) {
                (Some(x), Some(y)) => x < y,
                _ => return Err(format!("{a:?} or {b:?} missing from tracestate {s:?}")),
            }
        } else {
            return Err(format!("unrecognised boolean term {term:?}"));
        };
        any |= v;
    }
    Ok(any)
}

fn check(
    a: &str,
    o: &Outgoing,
    prev: Option<&Outgoing>,
    locals: &HashMap<String, String>,
) -> Result<(), String> {
    let s = a
        .trim()
        .strip_prefix("self.")
        .ok_or("assertion without self.")?;
    let fail = |what: String| Err(format!("{what} (outgoing {o:?})"));
    if let Some(lit) = between(s, "assertEqual(traceparent.trace_id.hex(), ", ")") {
        let want = value(lit, locals)?;
        if o.trace_id_hex != want {
            return fail(format!("trace id {} != {want}", o.trace_id_hex));
        }
    } else if let Some(lit) = between(s, "assertNotEqual(traceparent.trace_id.hex(), ", ")") {
        let v = value(lit, locals)?;
        if o.trace_id_hex == v {
            return fail(format!("trace id should not be {v}"));
        }
    } else if let Some(lit) = between(s, "assertNotEqual(traceparent.parent_id.hex(), ", ")") {
        let v = value(lit, locals)?;
        if o.parent_id_hex == v {
            return fail(format!("parent id should not be {v}"));
        }
    } else if s == "assertEqual(len(tracestate1), len(tracestate2))" {
        let p = prev.ok_or("no previous request for tracestate1")?;
        if p.tracestate.len() != o.tracestate.len() {
            return fail(format!(
                "len {} != {}",
                p.tracestate.len(),
                o.tracestate.len()
            ));
        }
    } else if let Some(n) = between(s, "assertEqual(len(tracestate), ", ")") {
        let n: usize = n.parse().map_err(|_| format!("bad count in {s:?}"))?;
        if o.tracestate.len() != n {
            return fail(format!(
                "tracestate has {} members, want {n}",
                o.tracestate.len()
            ));
        }
    } else if let Some(k) = between(s, "assertIn(", ", tracestate)") {
        let k = value(k, locals)?;
        if ts_get(o, &k).is_none() {
            return fail(format!("tracestate lacks {k:?}"));
        }
    } else if let Some(rest) = s.strip_prefix("assertEqual(tracestate[") {
        let (k, v) = rest
            .split_once("], ")
            .ok_or(format!("bad assertion {s:?}"))?;
        let v = v.strip_suffix(')').ok_or(format!("bad assertion {s:?}"))?;
        let (k, v) = (value(k, locals)?, value(v, locals)?);
        if ts_get(o, &k) != Some(v.as_str()) {
            return fail(format!("tracestate[{k:?}] != {v:?}"));
        }
    } else if let Some(k) = between(s, "assertRaises(KeyError, lambda: tracestate[", "])") {
        let k = value(k, locals)?;
        if ts_get(o, &k).is_some() {
            return fail(format!("tracestate should lack {k:?}"));
        }
    } else if s == "assertTrue(not tracestate or tracestate != '')" {
        if o.tracestate_header.as_deref() == Some("") {
            return fail("empty tracestate header sent".into());
        }
    } else if let Some(e) = between(s, "assertTrue(", ")") {
        if !bool_expr(e, o, locals)? {
            return fail(format!("false: {e}"));
        }
    } else if s.starts_with("assert_bit_set(traceparent.trace_flags, 2,") {
        // Level 2 "random" flag is 0x02.
        if o.flags & 0x02 == 0 {
            return fail("random flag not propagated".into());
        }
    } else {
        return Err(format!("unrecognised assertion {s:?}: extend the test"));
    }
    Ok(())
}

#[test]
fn w3c_trace_context_vectors() {
    let path = fixtures_dir().join("w3c/trace_context_test_vectors.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "W3C fixture missing at {} ({e}); it is part of the repository \
             (tests/fixtures/upstream/w3c/)",
            path.display()
        )
    });
    let doc: Value = serde_json::from_str(&text).expect("fixture is JSON");
    let vectors = doc["vectors"].as_array().expect("vectors array");
    assert!(
        vectors.len() >= 80,
        "expected the full suite, got {} vectors",
        vectors.len()
    );
    let mut failures = Vec::new();
    let mut prev: Option<(String, Outgoing)> = None;
    let mut assertions = 0;
    for (i, v) in vectors.iter().enumerate() {
        let test = v["test"].as_str().unwrap_or("?").to_owned();
        let headers: Vec<(String, String)> = v["request_headers"]
            .as_array()
            .expect("request_headers")
            .iter()
            .map(|h| {
                (
                    h[0].as_str().unwrap_or("").to_owned(),
                    h[1].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        let locals: HashMap<String, String> = v["assertion_locals"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let out = match hop(&headers) {
            Ok(o) => o,
            Err(e) => {
                failures.push(format!("#{i} {test}: {e}"));
                continue;
            }
        };
        if let Some(cont) = v["expect_trace_id_continued"].as_bool() {
            let incoming: Vec<String> = headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("traceparent"))
                .filter_map(|(_, tp)| tp.trim().get(3..35).map(str::to_owned))
                .collect();
            let continued = incoming.contains(&out.trace_id_hex);
            if continued != cont {
                failures.push(format!(
                    "#{i} {test}: continued={continued}, expected {cont} (headers {headers:?})"
                ));
            }
        }
        let p = prev.as_ref().filter(|(t, _)| *t == test).map(|(_, o)| o);
        for a in v["assertions"].as_array().expect("assertions") {
            assertions += 1;
            if let Err(e) = check(a.as_str().unwrap_or(""), &out, p, &locals) {
                failures.push(format!("#{i} {test}: {a}: {e}"));
            }
        }
        prev = Some((test, out));
    }
    assert!(
        failures.is_empty(),
        "{} W3C vector failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(assertions > 100, "only {assertions} assertions evaluated");
}
