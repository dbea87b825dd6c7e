//! The built wasm, JavaScript and CSS under `/pkg`: their content-hashed names (given by
//! `build_site` in `scripts/lib.sh`, recorded in `hash.txt` beside the binary), how long browsers keep them, and
//! their gzip and brotli copies made once at build time (`scrutineer precompress`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::Context;

/// What the site build wrote beside the binary: a line `kind: hash` for each of `js`, `wasm`
/// and `css`.
const HASH_FILE: &str = "hash.txt";

/// The name the app's files were built under (`LEPTOS_OUTPUT_NAME` in `.cargo/config.toml`).
const OUTPUT_NAME: &str = "scrutineer";

/// Where the site build puts the hash file for this binary, when it built with hashes. A
/// binary without one (a test's) serves the files under their plain names.
pub fn hash_file() -> Option<PathBuf> {
    let path = std::env::current_exe().ok()?.parent()?.join(HASH_FILE);
    path.is_file().then_some(path)
}

/// Whether the files carry their content's hash in their names, and so never change.
pub fn hashed() -> bool {
    static HASHED: OnceLock<bool> = OnceLock::new();
    *HASHED.get_or_init(|| hash_file().is_some())
}

/// The stylesheet's address (for pages rendered outside the app, such as an incident's).
pub fn stylesheet() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        let hash = hash_file()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .and_then(|text| hash_of(&text, "css"));
        match hash {
            Some(hash) => format!("/pkg/{OUTPUT_NAME}.{hash}.css"),
            None => format!("/pkg/{OUTPUT_NAME}.css"),
        }
    })
}

fn hash_of(hashes: &str, kind: &str) -> Option<String> {
    hashes.lines().find_map(|line| {
        let (file, hash) = line.split_once(':')?;
        (file.trim() == kind).then(|| hash.trim().to_owned())
    })
}

/// The `Cache-Control` of a file under `/pkg`: a year, never revalidated, when its name
/// changes with its content; otherwise revalidated on every use.
pub fn cache_control() -> &'static str {
    if hashed() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// The files worth compressing: text and wasm.
fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("js" | "wasm" | "css" | "json" | "svg" | "map")
    )
}

/// Writes `NAME.gz` and `NAME.br` beside every compressible file in `dir`, at the highest
/// levels (done once per build, so the time is well spent), and removes copies whose
/// original is gone. Prints what it did.
pub fn precompress(dir: &Path) -> anyhow::Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut originals = 0;
    for entry in entries {
        let path = entry?.path();
        if path.is_file() && compressible(&path) && !up_to_date(&path) {
            let bytes = std::fs::read(&path)?;
            let gz = gzip(&bytes)?;
            let br = brotli(&bytes)?;
            std::fs::write(with_suffix(&path, "gz"), &gz)?;
            std::fs::write(with_suffix(&path, "br"), &br)?;
            println!(
                "{}: {} bytes, gzip {}, brotli {}",
                path.display(),
                bytes.len(),
                gz.len(),
                br.len()
            );
            originals += 1;
        }
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let copy = matches!(path.extension().and_then(|e| e.to_str()), Some("gz" | "br"));
        if copy && !path.with_extension("").exists() {
            std::fs::remove_file(&path)?;
        }
    }
    println!("{originals} files (re)compressed in {}", dir.display());
    Ok(())
}

/// Both copies are newer than the file (a rebuild that did not change it keeps them).
fn up_to_date(path: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(original) = modified(path) else {
        return false;
    };
    ["gz", "br"]
        .iter()
        .all(|suffix| modified(&with_suffix(path, suffix)).is_some_and(|copy| copy >= original))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn gzip(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

fn brotli(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    ::brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_file_names_each_kind() {
        let text = "js: abc\nwasm: def\ncss: 0123\n";
        assert_eq!(hash_of(text, "css").as_deref(), Some("0123"));
        assert_eq!(hash_of(text, "wasm").as_deref(), Some("def"));
        assert_eq!(hash_of(text, "split"), None);
    }

    #[test]
    fn precompressed_copies_decompress_to_the_original_and_orphans_go() {
        let dir = std::env::temp_dir().join(format!("scrutineer-pkg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let original = "body { color: #0b0c0c; }\n".repeat(200);
        std::fs::write(dir.join("app.css"), &original).unwrap();
        std::fs::write(dir.join("gone.js.gz"), b"stale").unwrap();
        std::fs::write(dir.join("photo.png"), b"not text").unwrap();
        precompress(&dir).unwrap();

        let gz = std::fs::read(dir.join("app.css.gz")).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut text)
            .unwrap();
        assert_eq!(text, original);
        let br = std::fs::read(dir.join("app.css.br")).unwrap();
        let mut out = Vec::new();
        ::brotli::BrotliDecompress(&mut &br[..], &mut out).unwrap();
        assert_eq!(out, original.as_bytes());
        assert!(br.len() < original.len() / 10, "it compresses");
        assert!(
            !dir.join("gone.js.gz").exists(),
            "a copy of nothing is removed"
        );
        assert!(!dir.join("photo.png.gz").exists(), "only text and wasm");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
