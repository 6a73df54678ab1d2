//! The upstream docs repository's history, read by shelling out to the `git` command.
//!
//! Every user of `cargo xtask` has git; a git library would add a heavy (and C-building)
//! dependency for two commands:
//!
//! * `git log --first-parent --reverse --raw --diff-merges=first-parent -- '*/event-list*.md'`
//!   lists, in one call, every first-parent commit that changed an event list and the blob each
//!   list had afterwards (the published history: most first-parent commits merge `beta`);
//! * `git cat-file --batch` reads every distinct blob in one process.
//!
//! Nothing here parses markdown: the caller hands the blobs to the NHN reader.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::IoError;

/// One first-parent commit that changed at least one event list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The commit, full hex.
    pub commit: String,
    /// The committer date, `YYYY-MM-DD` (`%cs`).
    pub date: String,
    /// The event lists this commit changed: path -> new blob, `None` when deleted.
    pub changes: BTreeMap<String, Option<String>>,
}

/// The first-parent history of a branch, restricted to its event lists.
#[derive(Debug, Clone)]
pub struct History {
    /// The repository folder.
    pub dir: PathBuf,
    /// The branch read, as resolved: the name given, or the remote-tracking branch of that name
    /// (`origin/release` in a fresh clone, where `release` exists only as the remote's).
    pub branch: String,
    /// The branch's head commit, full hex, and its date.
    pub head: (String, String),
    /// Every commit that changed an event list, oldest first.
    pub revisions: Vec<Revision>,
}

/// Whether `path` (repository-relative) is an event list: `<locale>/event-list.md` or
/// `<locale>/event-list-<edition>.md`.
pub fn is_event_list(path: &str) -> bool {
    path.contains('/') && crate::nhn::list_edition(path).is_some()
}

/// Settings that start a program, each set to start none. A repository's own configuration
/// (`.git/config`, which whoever made the clone controls) can name programs that git runs while
/// it reads: these command-line settings override it. System and user configuration are not
/// read at all (`GIT_CONFIG_NOSYSTEM`, `GIT_CONFIG_GLOBAL`).
const NO_PROGRAMS: &[&str] = &[
    "core.fsmonitor=false",
    "core.pager=cat",
    "core.hooksPath=/dev/null",
    "core.sshCommand=false",
    "diff.external=",
    "log.showSignature=false",
    "gpg.program=false",
    "gpg.ssh.program=false",
    "gpg.x509.program=false",
    "credential.helper=",
    "protocol.allow=never",
];

/// The last commit of the git checkout whose top is `dir`, as `(commit, date YYYY-MM-DD)`: what
/// dates a folder of docs when no date is given. `None` when `dir` is not the top of a checkout
/// (a folder inside another repository, such as a test fixture, is not dated by that
/// repository), or git cannot say.
pub fn folder_head(dir: &Path) -> Option<(String, String)> {
    let git = |args: &[&str]| -> Option<String> {
        let out = command(dir).args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let top = git(&["rev-parse", "--show-toplevel"])?;
    if std::fs::canonicalize(top).ok()? != std::fs::canonicalize(dir).ok()? {
        return None;
    }
    let line = git(&["log", "-1", "--no-show-signature", "--format=%H %cs"])?;
    let (commit, date) = line.split_once(' ')?;
    Some((commit.to_owned(), date.to_owned()))
}

/// The `git` command for the repository at `dir`, unable to start any program its
/// configuration names (see [`NO_PROGRAMS`]), nor to be redirected by the caller's `GIT_*`
/// environment. Every git run of the import starts from here.
pub(crate) fn command(dir: &Path) -> Command {
    let mut c = Command::new("git");
    for var in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_CONFIG",
        "GIT_CONFIG_COUNT",
        "GIT_CONFIG_PARAMETERS",
        "GIT_EXTERNAL_DIFF",
        "GIT_PAGER",
        "GIT_SSH",
        "GIT_SSH_COMMAND",
        "GIT_ASKPASS",
        "GIT_EXEC_PATH",
        "GIT_TRACE",
    ] {
        c.env_remove(var);
    }
    c.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_NO_REPLACE_OBJECTS", "1")
        .arg("--no-pager");
    for setting in NO_PROGRAMS {
        c.arg("-c").arg(setting);
    }
    c.arg("-C").arg(dir).stdin(Stdio::null());
    c
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, IoError> {
    let out = command(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| IoError {
            path: dir.to_path_buf(),
            message: format!("cannot run `git` ({e}); install git and try again"),
        })?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        return Err(IoError {
            path: dir.to_path_buf(),
            message: format!("`git {}` failed: {first}", args.join(" ")),
        });
    }
    Ok(out.stdout)
}

fn text(dir: &Path, args: &[&str]) -> Result<String, IoError> {
    let bytes = git(dir, args)?;
    String::from_utf8(bytes).map_err(|_| IoError {
        path: dir.to_path_buf(),
        message: format!("`git {}` printed invalid UTF-8", args.join(" ")),
    })
}

impl History {
    /// Reads the event-list history of `branch` in the repository at `dir`.
    ///
    /// Errors: `dir` is not a git repository, `branch` does not exist, the clone is shallow
    /// (its history is cut: first listings would be dated wrongly), or git cannot be run.
    pub fn open(dir: &Path, branch: &str) -> Result<History, IoError> {
        let err = |message: String| IoError {
            path: dir.to_path_buf(),
            message,
        };
        if !dir.is_dir() {
            return Err(err(
                "not a folder; pass --git with a clone of the NHN CloudTrail docs repository"
                    .into(),
            ));
        }
        let inside = text(dir, &["rev-parse", "--is-inside-work-tree", "--is-bare-repository"])
            .map_err(|_| err("not a git repository; clone the docs repository (for example `git clone ../shared/upstream/cloudtrail-docs.bundle DIR`) and pass --git DIR".into()))?;
        if !inside.lines().any(|l| l == "true") {
            return Err(err(
                "not a git repository work tree or bare repository".into()
            ));
        }
        if text(dir, &["rev-parse", "--is-shallow-repository"])?.trim() == "true" {
            return Err(err(
                "a shallow clone: its history is cut, so first listings would be dated wrongly; \
                 run `git fetch --unshallow` in it, or clone without --depth"
                    .into(),
            ));
        }
        let (used, head) = resolve_branch(dir, branch).ok_or_else(|| {
            let known = text(
                dir,
                &[
                    "for-each-ref",
                    "--format=%(refname:short)",
                    "refs/heads",
                    "refs/remotes",
                ],
            )
            .unwrap_or_default()
            .lines()
            .collect::<Vec<_>>()
            .join(", ");
            err(format!(
                "no branch {branch:?} in this repository, neither local nor of exactly one remote (branches: {known}); pass --branch NAME"
            ))
        })?;
        let head = head.trim().to_owned();
        let head_date = text(dir, &["log", "-1", "--format=%cs", &head])?
            .trim()
            .to_owned();
        let log = text(
            dir,
            &[
                "log",
                "--first-parent",
                "--reverse",
                "--format=commit %H %cs",
                "--no-show-signature",
                "--no-ext-diff",
                "--raw",
                "--no-abbrev",
                "--no-renames",
                "--diff-merges=first-parent",
                &head,
                "--",
                "*/event-list*.md",
            ],
        )?;
        let revisions = parse_log(&log).map_err(err)?;
        Ok(History {
            dir: dir.to_path_buf(),
            branch: used,
            head: (head, head_date),
            revisions,
        })
    }

    /// Every distinct blob the revisions name, read in one `git cat-file --batch`: blob -> bytes.
    pub fn blobs(&self) -> Result<BTreeMap<String, Vec<u8>>, IoError> {
        let ids: BTreeSet<&str> = self
            .revisions
            .iter()
            .flat_map(|r| r.changes.values().flatten())
            .map(String::as_str)
            .collect();
        read_blobs(&self.dir, ids.into_iter())
    }
}

/// The commit `branch` names, and the name it was found under: the name as git resolves it (a
/// local branch, a tag, a commit), else the remote-tracking branch of that name, `origin`'s
/// first, then another remote's when exactly one has it (a fresh clone of the upstream
/// repository has `release` only as `origin/release`).
fn resolve_branch(dir: &Path, branch: &str) -> Option<(String, String)> {
    let commit = |name: &str| {
        text(
            dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{name}^{{commit}}"),
            ],
        )
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
    };
    if let Some(head) = commit(branch) {
        return Some((branch.to_owned(), head));
    }
    let origin = format!("refs/remotes/origin/{branch}");
    if let Some(head) = commit(&origin) {
        return Some((format!("origin/{branch}"), head));
    }
    let remotes = text(
        dir,
        &["for-each-ref", "--format=%(refname)", "refs/remotes"],
    )
    .ok()?;
    let suffix = format!("/{branch}");
    let mut found = remotes.lines().filter(|r| {
        r.strip_prefix("refs/remotes/")
            .and_then(|r| r.strip_suffix(&suffix))
            .is_some_and(|remote| !remote.is_empty() && !remote.contains('/'))
    });
    let (Some(only), None) = (found.next(), found.next()) else {
        return None;
    };
    let head = commit(only)?;
    Some((only.trim_start_matches("refs/remotes/").to_owned(), head))
}

/// Parses the `git log --raw` output of [`History::open`].
fn parse_log(log: &str) -> Result<Vec<Revision>, String> {
    let mut out: Vec<Revision> = Vec::new();
    for line in log.lines() {
        if let Some(rest) = line.strip_prefix("commit ") {
            let (commit, date) = rest
                .split_once(' ')
                .ok_or_else(|| format!("unexpected git log line {line:?}"))?;
            out.push(Revision {
                commit: commit.to_owned(),
                date: date.to_owned(),
                changes: BTreeMap::new(),
            });
        } else if let Some(rest) = line.strip_prefix(':') {
            // :old_mode new_mode old_blob new_blob status\tpath
            let (meta, path) = rest
                .split_once('\t')
                .ok_or_else(|| format!("unexpected git log line {line:?}"))?;
            let fields: Vec<&str> = meta.split(' ').collect();
            let (Some(blob), Some(status)) = (fields.get(3), fields.get(4)) else {
                return Err(format!("unexpected git log line {line:?}"));
            };
            let rev = out
                .last_mut()
                .ok_or_else(|| format!("a change before any commit: {line:?}"))?;
            if !is_event_list(path) {
                continue;
            }
            let blob = (!status.starts_with('D')).then(|| (*blob).to_owned());
            rev.changes.insert(path.to_owned(), blob);
        }
    }
    out.retain(|r| !r.changes.is_empty());
    Ok(out)
}

/// Reads blobs with one `git cat-file --batch` process.
fn read_blobs<'a>(
    dir: &Path,
    ids: impl Iterator<Item = &'a str>,
) -> Result<BTreeMap<String, Vec<u8>>, IoError> {
    let err = |message: String| IoError {
        path: dir.to_path_buf(),
        message,
    };
    let ids: Vec<&str> = ids.collect();
    let mut child = command(dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| err(format!("cannot run `git cat-file` ({e})")))?;
    let mut stdin = child.stdin.take().expect("piped");
    let request: String = ids.iter().map(|id| format!("{id}\n")).collect();
    // Write from a thread: git answers while we write, and both pipes have limited buffers.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut raw = Vec::new();
    child
        .stdout
        .take()
        .expect("piped")
        .read_to_end(&mut raw)
        .map_err(|e| err(format!("reading git cat-file: {e}")))?;
    let _ = writer.join();
    let status = child
        .wait()
        .map_err(|e| err(format!("git cat-file: {e}")))?;
    if !status.success() {
        return Err(err(format!("`git cat-file --batch` failed ({status})")));
    }
    let mut out = BTreeMap::new();
    let mut at = 0usize;
    for id in ids {
        let end = raw[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|p| at + p)
            .ok_or_else(|| err("git cat-file output cut short".into()))?;
        let header = std::str::from_utf8(&raw[at..end]).unwrap_or("");
        let mut parts = header.split(' ');
        let (Some(_), Some(kind), Some(size)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(err(format!("blob {id}: {header}")));
        };
        if kind != "blob" {
            return Err(err(format!("{id} is a {kind}, not a blob")));
        }
        let size: usize = size
            .parse()
            .map_err(|_| err(format!("bad size in {header:?}")))?;
        let start = end + 1;
        let stop = start + size;
        if stop > raw.len() {
            return Err(err("git cat-file output cut short".into()));
        }
        out.insert(id.to_owned(), raw[start..stop].to_vec());
        at = stop + 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_give_changes_per_commit() {
        let log = "commit aaa 2019-03-25\n\n:000000 100644 0000 b1 A\tko/event-list.md\n:000000 100644 0000 b2 A\tko/overview.md\ncommit bbb 2019-04-01\n\n:100644 000000 b1 0000 D\tko/event-list.md\n";
        let revs = parse_log(log).unwrap();
        assert_eq!(revs.len(), 2);
        assert_eq!(revs[0].changes["ko/event-list.md"].as_deref(), Some("b1"));
        assert!(!revs[0].changes.contains_key("ko/overview.md"));
        assert_eq!(revs[1].changes["ko/event-list.md"], None);
    }

    #[test]
    fn event_list_paths() {
        assert!(is_event_list("ko/event-list.md"));
        assert!(is_event_list("ko/event-list-gov.md"));
        assert!(!is_event_list("event-list.md"));
        assert!(!is_event_list("ko/api-guide.md"));
        assert!(!is_event_list("ko/event-lists.md"));
    }
}
