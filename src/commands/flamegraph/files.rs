//! Profile files: where they go by default, and reading and writing them safely.

use super::Kind;
use crate::error::{Error, Result};
use crate::flame;
use std::path::{Path, PathBuf};

pub(super) fn short(build_id: &str) -> &str {
    build_id.get(..12).unwrap_or(build_id)
}

pub(super) fn timestamp() -> String {
    time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_default()
}

pub(super) fn default_path(what: &str, label: &str, kind: Kind, ext: &str) -> PathBuf {
    let safe: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    PathBuf::from(format!(
        "{what}-{safe}-{}-{}.{ext}",
        kind.as_str(),
        timestamp()
    ))
}

/// `out.pb.gz` for node `compute-1` → `out-compute-1.pb.gz`.
pub(super) fn with_node(path: &Path, node: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let (stem, ext) = match name.find('.') {
        Some(i) => (&name[..i], &name[i..]),
        None => (name.as_str(), ""),
    };
    path.with_file_name(format!("{stem}-{node}{ext}"))
}

pub(super) fn read_file(path: &Path) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > flame::MAX_PROFILE_FILE {
        return Err(Error::Usage(format!(
            "{}: {len} bytes is more than the {} a profile may have",
            path.display(),
            flame::MAX_PROFILE_FILE
        )));
    }
    std::fs::read(path).map_err(io)
}

/// Writes `bytes` to `path` through a temporary file in the same directory, so a full disk or
/// an interrupted write never leaves a half file under the final name.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(
        ".{}.partial",
        path.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "profile".into())
    ));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pprof_files_per_node_keep_the_extension() {
        assert_eq!(
            with_node(Path::new("/tmp/out.pb.gz"), "compute-1"),
            PathBuf::from("/tmp/out-compute-1.pb.gz")
        );
        assert_eq!(with_node(Path::new("p"), "n"), PathBuf::from("p-n"));
    }

    #[test]
    fn write_file_replaces_atomically_and_names_the_path_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.svg");
        write_file(&p, b"one").unwrap();
        write_file(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let bad = dir.path().join("missing-dir").join("f.svg");
        let e = write_file(&bad, b"x").unwrap_err();
        assert!(e.to_string().contains("missing-dir"), "{e}");
    }
}
