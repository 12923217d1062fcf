//! pprof `profile.proto` (package `perftools.profiles`): the profile format nodes answer with and
//! the console reads, plus the few operations both sides need: building a profile with interned
//! strings, functions and locations ([`ProfileBuilder`]), gzip encoding and bounded decoding
//! ([`encode_gz`], [`decode`]), and folding its samples into `root;...;leaf COUNT` stacks
//! ([`to_folded`]) for inferno.

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use prost::Message;
use std::collections::HashMap;
use std::fmt;
use std::io::{Read, Write};

/// Generated messages of `perftools/profiles/profile.proto` (Apache-2.0, Google).
#[allow(clippy::all, missing_docs)]
pub mod profiles {
    include!("generated/perftools.profiles.rs");
}

pub use profiles::Profile;

/// A decoded profile is refused past this many bytes (after gunzip): 512 MiB.
pub const MAX_DECODED_BYTES: u64 = 512 * 1024 * 1024;

/// Why bytes could not be read as a pprof profile.
#[derive(Debug)]
pub struct PprofError(pub String);

impl fmt::Display for PprofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a pprof profile: {}", self.0)
    }
}

impl std::error::Error for PprofError {}

/// Reads a profile from gzipped or plain `profile.proto` bytes. Refuses more than
/// [`MAX_DECODED_BYTES`] after decompression.
pub fn decode(bytes: &[u8]) -> Result<Profile, PprofError> {
    let plain;
    let raw: &[u8] = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        GzDecoder::new(bytes)
            .take(MAX_DECODED_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| PprofError(format!("gzip: {e}")))?;
        if out.len() as u64 > MAX_DECODED_BYTES {
            return Err(PprofError(format!(
                "larger than {MAX_DECODED_BYTES} bytes decompressed"
            )));
        }
        plain = out;
        &plain
    } else {
        bytes
    };
    Profile::decode(raw).map_err(|e| PprofError(e.to_string()))
}

/// Encodes a profile as gzipped `profile.proto`, as `go tool pprof` expects.
pub fn encode_gz(profile: &Profile) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(&profile.encode_to_vec());
    gz.finish().unwrap_or_default()
}

/// One symbolized frame: a function name with its source position (0 when unknown).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Frame {
    /// Demangled function name.
    pub function: String,
    /// Source file, or empty.
    pub file: String,
    /// Source line, or 0.
    pub line: i64,
}

/// Builds a [`Profile`], interning strings, functions and locations.
pub struct ProfileBuilder {
    profile: Profile,
    strings: HashMap<String, i64>,
    functions: HashMap<(String, String), u64>,
    locations: HashMap<Vec<Frame>, u64>,
}

impl ProfileBuilder {
    /// A profile whose samples carry one value per `sample_types` entry (`(type, unit)`, e.g.
    /// `("samples","count")`), with `period` in `period_type` units between samples.
    pub fn new(sample_types: &[(&str, &str)], period_type: (&str, &str), period: i64) -> Self {
        let mut b = ProfileBuilder {
            profile: Profile::default(),
            strings: HashMap::new(),
            functions: HashMap::new(),
            locations: HashMap::new(),
        };
        b.string("");
        for (ty, unit) in sample_types {
            let vt = profiles::ValueType {
                ty: b.string(ty),
                unit: b.string(unit),
            };
            b.profile.sample_type.push(vt);
        }
        b.profile.period_type = Some(profiles::ValueType {
            ty: b.string(period_type.0),
            unit: b.string(period_type.1),
        });
        b.profile.period = period;
        b
    }

    /// The string table index of `s`.
    pub fn string(&mut self, s: &str) -> i64 {
        if let Some(&i) = self.strings.get(s) {
            return i;
        }
        let i = self.profile.string_table.len() as i64;
        self.profile.string_table.push(s.to_string());
        self.strings.insert(s.to_string(), i);
        i
    }

    fn function(&mut self, name: &str, file: &str) -> u64 {
        if let Some(&id) = self.functions.get(&(name.to_string(), file.to_string())) {
            return id;
        }
        let id = self.profile.function.len() as u64 + 1;
        let f = profiles::Function {
            id,
            name: self.string(name),
            system_name: self.string(name),
            filename: self.string(file),
            start_line: 0,
        };
        self.profile.function.push(f);
        self.functions
            .insert((name.to_string(), file.to_string()), id);
        id
    }

    /// The location id of code whose frames (innermost inlined first) are `frames`, at
    /// `address` (0 when unknown). The same frames always give the same location.
    pub fn location(&mut self, address: u64, frames: &[Frame]) -> u64 {
        if let Some(&id) = self.locations.get(frames) {
            return id;
        }
        let id = self.profile.location.len() as u64 + 1;
        let line = frames
            .iter()
            .map(|f| profiles::Line {
                function_id: self.function(&f.function, &f.file),
                line: f.line,
            })
            .collect();
        self.profile.location.push(profiles::Location {
            id,
            mapping_id: 0,
            address,
            line,
            is_folded: false,
        });
        self.locations.insert(frames.to_vec(), id);
        id
    }

    /// Adds a sample: `stack` is location ids, leaf first; `labels` are string labels.
    pub fn sample(&mut self, stack: Vec<u64>, values: Vec<i64>, labels: &[(&str, &str)]) {
        let label = labels
            .iter()
            .map(|(k, v)| profiles::Label {
                key: self.string(k),
                str: self.string(v),
                ..Default::default()
            })
            .collect();
        self.profile.sample.push(profiles::Sample {
            location_id: stack,
            value: values,
            label,
        });
    }

    /// Sets the start time and duration, nanoseconds.
    pub fn timing(&mut self, time_nanos: i64, duration_nanos: i64) {
        self.profile.time_nanos = time_nanos;
        self.profile.duration_nanos = duration_nanos;
    }

    /// Adds a comment line (e.g. the build id).
    pub fn comment(&mut self, text: &str) {
        let i = self.string(text);
        self.profile.comment.push(i);
    }

    /// The finished profile.
    pub fn build(self) -> Profile {
        self.profile
    }
}

/// The index of the first sample type named one of `preferred` (e.g. `inuse_space`, `cpu`),
/// else the profile's default sample type, else the last one (pprof's own default).
pub fn value_index(profile: &Profile, preferred: &[&str]) -> usize {
    let name = |i: i64| {
        profile
            .string_table
            .get(usize::try_from(i).unwrap_or(usize::MAX))
            .map(String::as_str)
            .unwrap_or("")
    };
    for p in preferred {
        if let Some(i) = profile.sample_type.iter().position(|t| name(t.ty) == *p) {
            return i;
        }
    }
    if profile.default_sample_type != 0 {
        if let Some(i) = profile
            .sample_type
            .iter()
            .position(|t| t.ty == profile.default_sample_type)
        {
            return i;
        }
    }
    profile.sample_type.len().saturating_sub(1)
}

/// Drops, from the leaf end of every sample's stack, the locations whose every frame satisfies
/// `internal` (an allocator's or a sampler's own frames), so the innermost frame left is the
/// code that asked. A stack made only of such frames is kept whole.
pub fn trim_leaf_frames(profile: &mut Profile, internal: impl Fn(&str) -> bool) {
    let names: HashMap<u64, bool> = profile
        .function
        .iter()
        .map(|f| {
            let name = profile
                .string_table
                .get(usize::try_from(f.name).unwrap_or(usize::MAX))
                .map(String::as_str)
                .unwrap_or("");
            (f.id, internal(name))
        })
        .collect();
    let dropped: std::collections::HashSet<u64> = profile
        .location
        .iter()
        .filter(|l| {
            !l.line.is_empty()
                && l.line
                    .iter()
                    .all(|line| names.get(&line.function_id).copied().unwrap_or(false))
        })
        .map(|l| l.id)
        .collect();
    for sample in &mut profile.sample {
        let keep_from = sample
            .location_id
            .iter()
            .position(|id| !dropped.contains(id))
            .unwrap_or(0);
        sample.location_id.drain(..keep_from);
    }
}

/// A frame name made safe for the folded format (no `;`, no line breaks).
pub fn folded_frame(name: &str) -> String {
    name.replace(';', ",").replace(['\n', '\r'], " ")
}

/// Folds the samples into `(stack, value)` pairs, root first and `;`-separated, summing equal
/// stacks. The values of the string labels named in `root_labels` (e.g. `thread`) become the
/// outermost frames, in that order. Samples with a value of 0 are left out.
pub fn to_folded(
    profile: &Profile,
    value_index: usize,
    root_labels: &[&str],
) -> Vec<(String, i64)> {
    let strings = &profile.string_table;
    let s = |i: i64| -> &str {
        strings
            .get(usize::try_from(i).unwrap_or(usize::MAX))
            .map(String::as_str)
            .unwrap_or("")
    };
    let functions: HashMap<u64, &str> =
        profile.function.iter().map(|f| (f.id, s(f.name))).collect();
    let locations: HashMap<u64, &profiles::Location> =
        profile.location.iter().map(|l| (l.id, l)).collect();
    let root_keys: Vec<i64> = root_labels
        .iter()
        .filter_map(|k| strings.iter().position(|x| x == k).map(|i| i as i64))
        .collect();
    let mut sums: HashMap<String, i64> = HashMap::new();
    for sample in &profile.sample {
        let value = sample.value.get(value_index).copied().unwrap_or(0);
        if value == 0 {
            continue;
        }
        let mut frames: Vec<String> = Vec::new();
        for key in &root_keys {
            if let Some(l) = sample.label.iter().find(|l| l.key == *key && l.str != 0) {
                frames.push(folded_frame(s(l.str)));
            }
        }
        for id in sample.location_id.iter().rev() {
            match locations.get(id) {
                Some(loc) if !loc.line.is_empty() => {
                    for line in loc.line.iter().rev() {
                        let name = functions.get(&line.function_id).copied().unwrap_or("");
                        frames.push(if name.is_empty() {
                            format!("{:#x}", loc.address)
                        } else {
                            folded_frame(name)
                        });
                    }
                }
                Some(loc) => frames.push(format!("{:#x}", loc.address)),
                None => frames.push(format!("location#{id}")),
            }
        }
        if frames.is_empty() {
            frames.push("[unknown]".to_string());
        }
        *sums.entry(frames.join(";")).or_insert(0) += value;
    }
    let mut out: Vec<(String, i64)> = sums.into_iter().collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(f: &str) -> Frame {
        Frame {
            function: f.to_string(),
            file: String::new(),
            line: 0,
        }
    }

    #[test]
    fn built_profile_round_trips_through_gzip_and_folds_root_first() {
        let mut b = ProfileBuilder::new(
            &[("samples", "count"), ("cpu", "nanoseconds")],
            ("cpu", "nanoseconds"),
            10_101_010,
        );
        let leaf = b.location(0x10, &[frame("inlined_leaf"), frame("leaf")]);
        let main = b.location(0x20, &[frame("main")]);
        b.sample(vec![leaf, main], vec![3, 30], &[("thread", "worker-1")]);
        b.sample(vec![leaf, main], vec![2, 20], &[("thread", "worker-1")]);
        b.sample(vec![main], vec![1, 10], &[]);
        let p = decode(&encode_gz(&b.build())).expect("decodes");
        assert_eq!(value_index(&p, &["cpu"]), 1);
        let folded = to_folded(&p, 0, &["thread"]);
        assert_eq!(
            folded,
            vec![
                ("main".to_string(), 1),
                ("worker-1;main;leaf;inlined_leaf".to_string(), 5),
            ]
        );
    }

    #[test]
    fn allocator_frames_are_trimmed_from_the_leaf_end_only() {
        let mut b = ProfileBuilder::new(&[("inuse_space", "bytes")], ("space", "bytes"), 1);
        let inner = b.location(1, &[frame("prof_backtrace_impl")]);
        let alloc = b.location(2, &[frame("__rust_alloc")]);
        let mine = b.location(3, &[frame("hold_memory")]);
        let main = b.location(4, &[frame("main")]);
        b.sample(vec![inner, alloc, mine, alloc, main], vec![64], &[]);
        let mut p = b.build();
        trim_leaf_frames(&mut p, |f| f.starts_with("prof_") || f == "__rust_alloc");
        assert_eq!(p.sample[0].location_id, vec![mine, alloc, main]);
    }

    #[test]
    fn hostile_bytes_are_errors_not_panics() {
        assert!(decode(&[0x1f, 0x8b, 0, 1, 2]).is_err());
        assert!(decode(&[0xff; 64]).is_err());
        assert_eq!(folded_frame("a;b\nc"), "a,b c");
    }
}
