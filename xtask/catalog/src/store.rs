//! Writing a folder the tool owns: one writer at a time, all or nothing, and only its own files.
//!
//! * **Ownership.** A command changes only files it owns. In `catalog/` the layout says which
//!   ([`crate::io::is_import_owned`]: the files import writes, never the hand-written ones nor any
//!   other file someone keeps there). In `generated/` and any `gen --out DIR`, the manifest
//!   [`MANIFEST`] lists every file gen wrote; gen writes into an empty folder or one with its
//!   manifest, and overwrites or deletes only the files listed there.
//! * **One writer.** A writer (gen, import, recover) holds the folder's lock [`LOCK`], created
//!   with `create_new` as git's `index.lock`; a second writer waits a few seconds, then stops
//!   with a message naming the lock. Readers never create anything: they wait while a lock is
//!   held and refuse a folder with a pending journal.
//! * **All or nothing.** A write records its plan in the journal [`JOURNAL`] before it creates
//!   any temporary file (`prepared`), writes the temporaries beside their destinations, then
//!   marks the journal `committed` (one rename) and carries it out. The next writer finishes a
//!   committed journal, or removes the temporaries of a prepared one. A journal names only
//!   relative paths of owned files, checked again before each step: a journal this tool did not
//!   write is refused, never obeyed.

use std::collections::BTreeSet;
use std::io::{Read as _, Write as _};

use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::io::{Drift, IoError, Tree, list_owned};

/// The journal of a write in progress, in the root of the folder being written.
pub const JOURNAL: &str = ".xtask-journal";
/// The lock a writer holds, in the root of the folder it writes.
pub const LOCK: &str = ".xtask-lock";
/// The list of files gen owns in an output folder (committed with the outputs).
pub const MANIFEST: &str = ".xtask-manifest";
/// The suffix of the temporary files a write prepares beside their destinations.
pub(crate) const TMP_SUFFIX: &str = ".xtask-tmp";
/// The largest journal or manifest read: far more than any real one (a few hundred KiB).
const MAX_LIST_BYTES: u64 = 8 << 20;
/// The longest relative path a journal or manifest may name.
const MAX_PATH: usize = 1024;

fn err(path: &Path, message: impl std::fmt::Display) -> IoError {
    IoError {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Which files of a folder a command owns.
#[derive(Clone, Copy)]
pub enum Owner<'a> {
    /// The folder's layout decides, by path (`catalog/`: [`crate::io::is_import_owned`]).
    Layout(&'a dyn Fn(&str) -> bool),
    /// The folder's [`MANIFEST`] lists them (`generated/`, `gen --out DIR`); the manifest is
    /// written with the files.
    Manifest,
}

/// The temporary sibling a write prepares for `rel`: `dir/.name.xtask-tmp`.
fn tmp_of(rel: &str) -> String {
    match rel.rsplit_once('/') {
        Some((d, name)) => format!("{d}/.{name}{TMP_SUFFIX}"),
        None => format!(".{rel}{TMP_SUFFIX}"),
    }
}

/// Whether `rel` is a plain relative path below a root: `/`-separated normal components, no
/// `.` or `..`, no absolute path, no backslash or NUL, of sane length.
fn plain_relative(rel: &str) -> Result<(), String> {
    if rel.is_empty() || rel.len() > MAX_PATH {
        return Err(format!("{} bytes long", rel.len()));
    }
    if rel.contains(['\\', '\0']) {
        return Err("it holds a backslash or NUL".into());
    }
    let path = Path::new(rel);
    if rel
        .split('/')
        .any(|c| c.is_empty() || c == "." || c == "..")
        || !path.components().all(|c| matches!(c, Component::Normal(_)))
    {
        return Err("it is not a plain relative path (absolute, `..`, `.` or empty parts)".into());
    }
    Ok(())
}

/// Checks that `root/rel` can be written or removed without leaving `root`: every folder on
/// the way is a real folder (no link) or does not exist yet, and the file itself, if it exists,
/// is a regular file (no link, FIFO or folder). Returns whether it exists.
fn inside(root: &Path, rel: &str) -> Result<bool, String> {
    plain_relative(rel)?;
    let parts: Vec<&str> = rel.split('/').collect();
    let mut at = root.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(format!("{}: {e}", at.display())),
            Ok(m) if m.file_type().is_symlink() => {
                return Err(format!(
                    "{} is a symbolic link; links are never followed",
                    at.display()
                ));
            }
            Ok(m) if i + 1 < parts.len() && !m.is_dir() => {
                return Err(format!("{} is not a folder", at.display()));
            }
            Ok(m) if i + 1 == parts.len() && !m.is_file() => {
                return Err(format!("{} is not a regular file", at.display()));
            }
            Ok(_) => {}
        }
    }
    Ok(true)
}

/// Reads a small list file (journal, manifest): a regular file, not a link, bounded.
fn read_list_file(path: &Path) -> Result<Option<String>, IoError> {
    crate::io::read_plain_file(path, MAX_LIST_BYTES)
}

/// The files a folder's manifest lists, or `None` without a manifest. A manifest that is not
/// one this tool writes is an error naming it.
pub(crate) fn read_manifest(root: &Path) -> Result<Option<BTreeSet<String>>, IoError> {
    let path = root.join(MANIFEST);
    let Some(text) = read_list_file(&path)? else {
        return Ok(None);
    };
    let mut out = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        plain_relative(line).map_err(|why| {
            err(
                &path,
                format!(
                    "line {}: {line:?} is no file of this folder ({why}); this manifest was not written by \
                     `cargo xtask gen`: restore it from git, or empty the folder and run gen again",
                    i + 1
                ),
            )
        })?;
        out.insert(line.to_owned());
    }
    Ok(Some(out))
}

/// The manifest gen writes for `files`: a header, then one path per line, sorted.
fn manifest_text(files: impl Iterator<Item = impl AsRef<str>>) -> String {
    let mut text = String::from(
        "# The files `cargo xtask gen` wrote in this folder, one per line: the only files it\n\
         # overwrites or deletes here. Written by gen; do not edit.\n",
    );
    for f in files {
        text.push_str(f.as_ref());
        text.push('\n');
    }
    text
}

/// What a folder's owner allows, resolved against the disk.
struct Owned<'a> {
    owner: Owner<'a>,
    /// The manifest's files (`Owner::Manifest`), or `None` when the folder has no manifest.
    manifest: Option<BTreeSet<String>>,
}

impl<'a> Owned<'a> {
    fn read(root: &Path, owner: Owner<'a>) -> Result<Self, IoError> {
        let manifest = match owner {
            Owner::Layout(_) => None,
            Owner::Manifest => read_manifest(root)?,
        };
        Ok(Owned { owner, manifest })
    }

    /// Whether the command owns the file `rel`.
    fn owns(&self, rel: &str) -> bool {
        match self.owner {
            Owner::Layout(f) => f(rel),
            Owner::Manifest => {
                rel == MANIFEST || self.manifest.as_ref().is_some_and(|m| m.contains(rel))
            }
        }
    }

    /// The owned files on disk (those a tree no longer holds are deleted).
    fn on_disk(&self, root: &Path) -> Result<Vec<String>, IoError> {
        match self.owner {
            Owner::Layout(f) => list_owned(root, f),
            Owner::Manifest => Ok(self
                .manifest
                .iter()
                .flatten()
                .filter(|rel| matches!(inside(root, rel), Ok(true)))
                .cloned()
                .collect()),
        }
    }
}

/// `tree`, plus the manifest when the folder's owner keeps one.
fn with_manifest<'t>(tree: &'t Tree, owner: Owner) -> std::borrow::Cow<'t, Tree> {
    match owner {
        Owner::Layout(_) => std::borrow::Cow::Borrowed(tree),
        Owner::Manifest => {
            let mut t = tree.clone();
            t.insert(MANIFEST.to_owned(), manifest_text(tree.keys()));
            std::borrow::Cow::Owned(t)
        }
    }
}

/// Compares `tree` with the owned files below `root` (for `Owner::Manifest`, the manifest is
/// part of what is compared). Reads only.
pub fn diff_tree(root: &Path, tree: &Tree, owner: Owner) -> Result<Drift, IoError> {
    let owned = Owned::read(root, owner)?;
    let tree = with_manifest(tree, owner);
    diff_owned(root, &tree, &owned)
}

fn diff_owned(root: &Path, tree: &Tree, owned: &Owned) -> Result<Drift, IoError> {
    let mut drift = Drift::default();
    for (rel, want) in tree {
        let path = root.join(rel);
        match inside(root, rel) {
            Ok(false) => {
                drift.missing.push(rel.clone());
                continue;
            }
            Ok(true) => {}
            Err(why) => return Err(err(&path, format!("cannot be compared: {why}"))),
        }
        let have = read_bounded(&path, want.len() as u64 + 1)?;
        if have != want.as_bytes() {
            let have = String::from_utf8_lossy(&have);
            let line = have
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| have.lines().count().min(want.lines().count()))
                + 1;
            drift.changed.push((rel.clone(), line));
        }
    }
    for rel in owned.on_disk(root)? {
        if !tree.contains_key(&rel) {
            drift.stale.push(rel);
        }
    }
    Ok(drift)
}

/// At most `limit` bytes of a regular file (enough to tell it differs from what is expected).
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, IoError> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit).read_to_end(&mut bytes))
        .map_err(|e| err(path, e))?;
    Ok(bytes)
}

/// The state of a journal: what the next writer does with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum State {
    /// Temporaries were being written; nothing is committed: remove them.
    Prepared,
    /// Committed: carry out every remaining step.
    Committed,
}

/// The journal of a write: which files to replace from their temporaries, which to delete.
/// Only relative paths: the temporaries' names follow from the destinations ([`tmp_of`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Journal {
    state: State,
    /// Destinations, each replaced by its temporary; the manifest, if any, comes last.
    write: Vec<String>,
    /// Files to delete.
    delete: Vec<String>,
}

/// A folder this process writes, locked for as long as the value lives.
#[derive(Debug)]
pub struct Lock {
    root: PathBuf,
    path: PathBuf,
}

/// How long a command waits for another one's lock before it stops.
fn lock_wait() -> Duration {
    let ms = std::env::var("XTASK_LOCK_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    Duration::from_millis(ms)
}

/// The process that holds a lock, as the lock file says, and its command.
fn holder(lock: &Path) -> (Option<u32>, String) {
    let text = read_list_file(lock).ok().flatten().unwrap_or_default();
    let pid = text
        .lines()
        .find_map(|l| l.strip_prefix("pid "))
        .and_then(|p| p.trim().parse::<u32>().ok());
    let command = text
        .lines()
        .find_map(|l| l.strip_prefix("command "))
        .unwrap_or("another command")
        .to_owned();
    (pid, command)
}

/// Whether the process that wrote `lock` is known to be gone (Linux: no `/proc/PID`): a lock
/// left by a killed command. `false` when that cannot be told.
fn is_stale(lock: &Path) -> bool {
    let (pid, _) = holder(lock);
    pid.is_some_and(|p| {
        Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{p}")).exists()
    })
}

/// What a held lock says: its holder, and what to do if it is stale.
fn held_message(lock: &Path) -> String {
    let (pid, holder) = holder(lock);
    let gone = is_stale(lock);
    let who = match pid {
        Some(p) if gone => format!(
            "`{holder}` (process {p}, which is no longer running: the lock is stale, left by a killed command)"
        ),
        Some(p) => format!("`{holder}` (process {p})"),
        None => format!("`{holder}`"),
    };
    format!(
        "another `cargo xtask` command is writing this folder: {who}. Wait for it to finish; if no \
         xtask command is running, delete the lock (`rm {}`), then run `cargo xtask recover`",
        lock.display()
    )
}

/// Waits (a few seconds at most) while `root` is locked; `Err` with the holder if it stays locked.
fn wait_unlocked(root: &Path) -> Result<(), IoError> {
    let lock = root.join(LOCK);
    let deadline = Instant::now() + lock_wait();
    // A lock whose process is gone protects nothing: the journal tells whether its write was
    // interrupted.
    while std::fs::symlink_metadata(&lock).is_ok() && !is_stale(&lock) {
        if Instant::now() >= deadline {
            return Err(err(&lock, held_message(&lock)));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

impl Lock {
    /// Locks the folder `root` for `command`, waiting a few seconds for another writer to
    /// finish. A pending journal is not touched: see [`Lock::recover`].
    pub fn acquire(root: &Path, command: &str) -> Result<Lock, IoError> {
        Lock::acquire_within(root, command, lock_wait())
    }

    /// [`Lock::acquire`], waiting at most `wait`.
    fn acquire_within(root: &Path, command: &str, wait: Duration) -> Result<Lock, IoError> {
        if !root.is_dir() {
            return Err(err(root, "no such folder"));
        }
        let path = root.join(LOCK);
        let deadline = Instant::now() + wait;
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let text = format!("pid {}\ncommand {command}\n", std::process::id());
                    f.write_all(text.as_bytes()).map_err(|e| err(&path, e))?;
                    return Ok(Lock {
                        root: root.to_path_buf(),
                        path,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if Instant::now() >= deadline || is_stale(&path) {
                        return Err(err(&path, held_message(&path)));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(err(&path, e)),
            }
        }
    }

    /// The folder locked.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Finishes or undoes a write that was interrupted (killed, power lost) in the folder:
    /// a committed journal is carried out, the temporaries of a prepared one are removed.
    /// Returns what was done, if anything. A journal that is not one this tool wrote (a path
    /// outside the folder or not owned, a link, a FIFO, too large, unreadable) is an error and
    /// nothing is done.
    pub fn recover(&self, owner: Owner) -> Result<Option<&'static str>, IoError> {
        let path = self.root.join(JOURNAL);
        let Some(journal) = read_journal(&self.root)? else {
            return Ok(None);
        };
        let owned = Owned::read(&self.root, owner)?;
        let pending_manifest = match owner {
            Owner::Manifest => self.pending_manifest()?,
            Owner::Layout(_) => None,
        };
        let may_write = |rel: &str| {
            owned.owns(rel) || pending_manifest.as_ref().is_some_and(|m| m.contains(rel))
        };
        let bad = |rel: &str, why: String| {
            err(
                &path,
                format!(
                    "names {rel:?}, {why}: not a journal this tool wrote; nothing was done. {}",
                    discard_advice(&self.root)
                ),
            )
        };
        // Check every step before doing any. A step that would act must touch an owned file
        // (for gen, a file of the manifest on disk or of the one the write puts in place).
        for rel in &journal.write {
            let tmp = tmp_of(rel);
            let tmp_there = inside(&self.root, &tmp).map_err(|why| bad(&tmp, why))?;
            inside(&self.root, rel).map_err(|why| bad(rel, why))?;
            let strict = journal.state == State::Committed || matches!(owner, Owner::Layout(_));
            if tmp_there && strict && !may_write(rel) {
                return Err(bad(rel, "a file this command does not own".into()));
            }
        }
        for rel in &journal.delete {
            if inside(&self.root, rel).map_err(|why| bad(rel, why))? && !owned.owns(rel) {
                return Err(bad(rel, "a file this command does not own".into()));
            }
        }
        match journal.state {
            State::Prepared => {
                for rel in &journal.write {
                    remove_if_there(&self.root.join(tmp_of(rel)))?;
                }
            }
            State::Committed => carry_out(&self.root, &journal)?,
        }
        std::fs::remove_file(&path).map_err(|e| err(&path, e))?;
        Ok(Some(match journal.state {
            State::Prepared => {
                "removed the temporary files of an interrupted write that had not committed"
            }
            State::Committed => "finished an interrupted write",
        }))
    }

    /// The manifest a committed write of gen is about to put in place, if its temporary is there.
    fn pending_manifest(&self) -> Result<Option<BTreeSet<String>>, IoError> {
        let tmp = self.root.join(tmp_of(MANIFEST));
        let Some(text) = read_list_file(&tmp)? else {
            return Ok(None);
        };
        Ok(Some(
            text.lines()
                .filter(|l| !l.starts_with('#') && plain_relative(l).is_ok())
                .map(str::to_owned)
                .collect(),
        ))
    }

    /// Deletes the folder's journal, whatever it is (`cargo xtask recover --discard`): the files
    /// stay as the interrupted write left them. Returns whether there was one.
    pub fn discard_journal(&self) -> Result<bool, IoError> {
        let path = self.root.join(JOURNAL);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(err(&path, e)),
        }
    }

    /// Writes `tree` below the folder, all or nothing, and deletes the owned files it no longer
    /// contains. Every refusal (a file the command does not own in the way, a link, a folder
    /// where a file goes) comes before anything is written.
    ///
    /// Every changed file is first written to a temporary sibling (`.name.xtask-tmp`) and
    /// flushed to disk, after a `prepared` journal names them. Then the journal is marked
    /// `committed` (the commit), the steps are carried out and the journal is removed. A failure
    /// before the commit removes the temporaries and leaves the folder as it was; a crash at any
    /// point is finished or undone by the next writer ([`Lock::recover`]). Unchanged files are
    /// not rewritten.
    pub fn write_tree(&self, tree: &Tree, owner: Owner) -> Result<Drift, IoError> {
        let root = &self.root;
        if read_journal(root)?.is_some() {
            return Err(err(
                &root.join(JOURNAL),
                "an interrupted write is pending; run `cargo xtask recover` first",
            ));
        }
        let owned = Owned::read(root, owner)?;
        if let Owner::Manifest = owner {
            refuse_foreign_folder(root, &owned)?;
        }
        let tree = with_manifest(tree, owner);
        let drift = diff_owned(root, &tree, &owned)?;
        // The manifest last: until it is renamed, the old one owns every file a step touches.
        let mut write: Vec<String> = drift
            .missing
            .iter()
            .chain(drift.changed.iter().map(|(p, _)| p))
            .filter(|p| p.as_str() != MANIFEST)
            .cloned()
            .collect();
        write.sort();
        if drift
            .missing
            .iter()
            .chain(drift.changed.iter().map(|(p, _)| p))
            .any(|p| p == MANIFEST)
        {
            write.push(MANIFEST.to_owned());
        }
        let journal = Journal {
            state: State::Prepared,
            write,
            delete: drift.stale.clone(),
        };
        if journal.write.is_empty() && journal.delete.is_empty() {
            return Ok(drift);
        }
        // Refusals first.
        for rel in drift.changed.iter().map(|(p, _)| p) {
            if !owned.owns(rel) {
                return Err(err(
                    &root.join(rel),
                    "exists, and this command did not write it (not in the folder's manifest); \
                     it is never overwritten: move it away, or write to another folder",
                ));
            }
        }
        for rel in &journal.write {
            let tmp = tmp_of(rel);
            inside(root, rel).map_err(|why| err(&root.join(rel), why))?;
            if inside(root, &tmp).map_err(|why| err(&root.join(&tmp), why))? {
                return Err(err(
                    &root.join(&tmp),
                    "exists, and no journal of this tool names it; remove it (it is no file of \
                     this tool's), then run again",
                ));
            }
        }
        for rel in &journal.delete {
            inside(root, rel).map_err(|why| err(&root.join(rel), why))?;
        }
        write_journal(root, &journal)?;
        let prepared = (|| {
            for rel in &journal.write {
                let dest = root.join(rel);
                let dir = dest
                    .parent()
                    .expect("relative paths have a parent below root");
                std::fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
                write_new_synced(&root.join(tmp_of(rel)), tree[rel].as_bytes())?;
            }
            crash_point("prepared");
            write_journal(
                root,
                &Journal {
                    state: State::Committed,
                    ..journal.clone()
                },
            )
        })();
        if let Err(e) = prepared {
            for rel in &journal.write {
                let _ = remove_if_there(&root.join(tmp_of(rel)));
            }
            let _ = std::fs::remove_file(root.join(JOURNAL));
            return Err(e);
        }
        // Committed: from here on, an interruption is completed by the next writer.
        carry_out(root, &journal)?;
        std::fs::remove_file(root.join(JOURNAL)).map_err(|e| err(&root.join(JOURNAL), e))?;
        Ok(drift)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The advice for a journal this tool cannot carry out.
fn discard_advice(root: &Path) -> String {
    format!(
        "If no xtask command is running, look at the folder (`git status {0}`), restore what a \
         write left half done (`git checkout -- {0}`), then delete the journal with `cargo xtask \
         recover --discard`",
        root.display()
    )
}

/// Refuses to write gen's outputs into a folder that holds files gen did not write: only an
/// empty folder, or one with gen's manifest, is gen's.
fn refuse_foreign_folder(root: &Path, owned: &Owned) -> Result<(), IoError> {
    if owned.manifest.is_some() {
        return Ok(());
    }
    let mut foreign: Vec<String> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(root) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name != LOCK {
                foreign.push(name);
            }
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    Err(err(
        root,
        format!(
            "holds files gen did not write ({}{}) and no {MANIFEST}: gen writes only into an empty \
             folder or one it wrote before; choose an empty --out folder",
            shown.join(", "),
            if foreign.len() > 5 { ", …" } else { "" }
        ),
    ))
}

/// The folder's journal, if any, checked: a regular file, bounded, of this tool's format, naming
/// only plain relative paths.
fn read_journal(root: &Path) -> Result<Option<Journal>, IoError> {
    let path = root.join(JOURNAL);
    let text = read_list_file(&path).map_err(|e| {
        err(
            &path,
            format!("{}; nothing was done. {}", e.message, discard_advice(root)),
        )
    })?;
    let Some(text) = text else {
        return Ok(None);
    };
    let journal: Journal = serde_json::from_str(&text).map_err(|e| {
        err(
            &path,
            format!(
                "not a journal this tool wrote ({e}); nothing was done. {}",
                discard_advice(root)
            ),
        )
    })?;
    for rel in journal.write.iter().chain(&journal.delete) {
        plain_relative(rel).map_err(|why| {
            err(
                &path,
                format!(
                    "names {rel:?} ({why}): not a journal this tool wrote; nothing was done. {}",
                    discard_advice(root)
                ),
            )
        })?;
    }
    Ok(Some(journal))
}

/// Writes the journal atomically: a temporary, flushed, renamed into place.
fn write_journal(root: &Path, journal: &Journal) -> Result<(), IoError> {
    let tmp = root.join(tmp_of(JOURNAL));
    // The journal's own temporary is this tool's by name; a link there is removed, not followed.
    remove_if_there(&tmp)?;
    let text = serde_json::to_string(journal).expect("journals serialise");
    write_new_synced(&tmp, text.as_bytes())?;
    std::fs::rename(&tmp, root.join(JOURNAL)).map_err(|e| err(&root.join(JOURNAL), e))
}

/// Carries out a committed journal: renames (the manifest last), then deletions. A temporary
/// already gone is a rename done; a file already deleted is a deletion done.
fn carry_out(root: &Path, journal: &Journal) -> Result<(), IoError> {
    let (manifest, files): (Vec<&String>, Vec<&String>) =
        journal.write.iter().partition(|p| p.as_str() == MANIFEST);
    let mut step = 0;
    for rel in files {
        crash_point(&step.to_string());
        step += 1;
        let tmp = root.join(tmp_of(rel));
        if std::fs::symlink_metadata(&tmp).is_ok() {
            std::fs::rename(&tmp, root.join(rel)).map_err(|e| err(&root.join(rel), e))?;
        }
    }
    for rel in &journal.delete {
        crash_point(&step.to_string());
        step += 1;
        remove_if_there(&root.join(rel))?;
    }
    for rel in manifest {
        crash_point(&step.to_string());
        step += 1;
        let tmp = root.join(tmp_of(rel));
        if std::fs::symlink_metadata(&tmp).is_ok() {
            std::fs::rename(&tmp, root.join(rel)).map_err(|e| err(&root.join(rel), e))?;
        }
    }
    crash_point(&step.to_string());
    Ok(())
}

fn remove_if_there(path: &Path) -> Result<(), IoError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(err(path, e)),
        _ => Ok(()),
    }
}

/// A test hook to prove the write is all or nothing: `XTASK_TEST_CRASH_AT=prepared` aborts the
/// process once the temporary files are written (before the commit), `=N` after N steps of
/// the committed write. Unset in normal use.
fn crash_point(at: &str) {
    if std::env::var("XTASK_TEST_CRASH_AT").is_ok_and(|v| v == at) {
        std::process::abort();
    }
}

/// Creates a file that must not exist yet, writes it and flushes it to disk, so that a
/// committed journal never points at a temporary file whose contents are still only in memory.
fn write_new_synced(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| err(path, e))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| err(path, e))
}

/// Runs `read` on folders no writer is changing: waits (a few seconds at most) while one is
/// locked, refuses one with a pending journal, and refuses the result if a write committed
/// while it read. Creates, changes and deletes nothing: read-only commands never recover.
pub fn read_quietly<T, E: From<IoError>>(
    roots: &[&Path],
    read: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    for root in roots {
        wait_unlocked(root)?;
        refuse_pending(root)?;
    }
    let value = read()?;
    // A writer that locked the folder meanwhile is still reading its inputs unless its journal
    // is there: a commit during the read would leave one until the write is done.
    for root in roots {
        refuse_pending(root)?;
    }
    Ok(value)
}

/// `Err` when `root` holds a journal: an interrupted (or running) write.
fn refuse_pending(root: &Path) -> Result<(), IoError> {
    let path = root.join(JOURNAL);
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(err(
            &path,
            "a write to this folder is in progress or was interrupted, so its files may be a mix \
             of before and after; read-only commands change nothing and stop here. Run `cargo \
             xtask recover` (it finishes the write, or says what to do), then run this again",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_relative_paths_only() {
        for ok in ["a.yaml", "nhn/events/x.yaml", ".xtask-manifest"] {
            assert!(plain_relative(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../b",
            "a//b",
            "./a",
            "a\\b",
            "a/",
        ] {
            assert!(plain_relative(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn temporaries_are_hidden_siblings() {
        assert_eq!(tmp_of("a/b.yaml"), "a/.b.yaml.xtask-tmp");
        assert_eq!(tmp_of("b.yaml"), ".b.yaml.xtask-tmp");
    }

    #[test]
    fn write_then_check_is_clean_and_only_owned_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let owned = |p: &str| p.ends_with(".yaml");
        let owner = Owner::Layout(&owned);
        std::fs::write(dir.path().join("old.yaml"), "x").unwrap();
        std::fs::write(dir.path().join("keep.txt"), "x").unwrap();
        let mut tree = Tree::new();
        tree.insert("a/b.yaml".into(), "one\ntwo\n".into());
        let lock = Lock::acquire(dir.path(), "test").unwrap();
        let drift = lock.write_tree(&tree, owner).unwrap();
        assert_eq!(drift.missing, ["a/b.yaml"]);
        assert_eq!(drift.stale, ["old.yaml"]);
        assert!(dir.path().join("keep.txt").exists());
        assert!(diff_tree(dir.path(), &tree, owner).unwrap().is_empty());
        tree.insert("a/b.yaml".into(), "one\nTWO\n".into());
        assert_eq!(
            diff_tree(dir.path(), &tree, owner).unwrap().changed,
            [("a/b.yaml".to_string(), 2)]
        );
        drop(lock);
        assert!(
            !dir.path().join(LOCK).exists(),
            "the lock goes with its holder"
        );
    }

    #[test]
    fn a_manifest_folder_keeps_what_gen_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let lock = Lock::acquire(dir.path(), "test").unwrap();
        let mut tree = Tree::new();
        tree.insert("src/lib.rs".into(), "a".into());
        tree.insert("old.txt".into(), "a".into());
        lock.write_tree(&tree, Owner::Manifest).unwrap();
        std::fs::write(dir.path().join("src/main.rs"), "mine").unwrap();
        tree.remove("old.txt");
        let drift = lock.write_tree(&tree, Owner::Manifest).unwrap();
        assert_eq!(drift.stale, ["old.txt"]);
        assert!(dir.path().join("src/main.rs").exists());
        // A file it would create that is already there, unlisted: refused, nothing written.
        tree.insert("src/main.rs".into(), "gen's".into());
        tree.insert("src/lib.rs".into(), "b".into());
        let e = lock.write_tree(&tree, Owner::Manifest).unwrap_err();
        assert!(e.message.contains("did not write it"), "{e}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("src/main.rs")).unwrap(),
            "mine"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("src/lib.rs")).unwrap(),
            "a"
        );
    }

    #[test]
    fn a_second_writer_is_refused_naming_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let _held = Lock::acquire(dir.path(), "first").unwrap();
        let e = Lock::acquire_within(dir.path(), "second", Duration::from_millis(100)).unwrap_err();
        assert!(
            e.path.ends_with(LOCK) && e.message.contains("`first`"),
            "{e}"
        );
    }
}
