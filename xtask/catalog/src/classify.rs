//! What every event means: its resource type, its action and its OCSF class and activity.
//!
//! The rules are written here once; import stores what they give on every event of both clouds
//! (`meaning:` in `catalog/{nhn,kakao}/events/`), so that a new upstream event is classified
//! when it is imported and reviewed in git, and every emitter reads the stored answer.
//!
//! How the rules decide, in order:
//!
//! 1. **Words.** An NHN event ID without `event_id.` and its namespace is cut into segments (at
//!    `.`) and each segment into lowercase words (at `_`, `-` and camelCase humps:
//!    `detail_configuration_PUSH_modify_token_policy` is `detail configuration push modify token
//!    policy`). A KakaoCloud event name is cut into words at spaces (`Volume Create`).
//! 2. **The verb.** Words of the [`VERBS`] vocabulary are verbs, each with its canonical
//!    [`ACTIONS`] entry (`creation`, `add`, `register` are `create`; `update`, `edit`, `change`
//!    are `modify`). Phase words (`start`, `end`, `failed`, `request`, …) say how far an
//!    operation got, not what it is: they are dropped when the same part holds another verb
//!    (`create_end` is `create`, `Create Cluster Request` is `create`; `autoscale.start` is
//!    `start`). The verb is taken from the last segment that holds one: its last word when that
//!    is a verb (`acl_policy_create`, `user_create_verify`), else its first verb
//!    (`delete_log_save_download_config`, `PUSH_modify_token_policy`). Two-word verbs are read
//!    as one (`look up`, `dry run`, `log in`, `start up`, `force stop`).
//! 3. **The names.** An NHN ID without a known verb (`cdn.auth_token`) is read through its
//!    English name (`Create an Auth Token`: a verb among its words), then its Korean name (the
//!    last word that is a verb: `생성`, `삭제`, `수정`, …).
//! 4. **The resource type.** The words of the verb's segment that are left (`acl_policy`); when
//!    none are left, or only verbs, the nearest segment before it that has a non-verb word,
//!    whole (`security_group_rule.create` is `security_group_rule`); else the namespace
//!    (`budget.create` is `budget`). For KakaoCloud, the name's words that are left (`Security
//!    Group Rule Create` is `security_group_rule`), else the page's resource type (`Request
//!    Purge` under `Service` is `service`). Plural words are made singular, filler words (`a`,
//!    `of`, `the`, …) dropped.
//! 5. **The OCSF class and activity.**
//!    * `login`/`logout` are 3002 Authentication, activity 1 Logon / 2 Logoff.
//!    * An action on a user account ([`ACCOUNTS`]: `user`, `member`, `service_account`, …) is
//!      3001 Account Change: create 1, enable 2, disable 5, delete 6, assign 7 Attach Policy,
//!      unassign 8 Detach Policy, unlock 12; a member added to or removed from a group (the ID
//!      or name names a `group` before the member) is 7 / 8, the roles of the group attached or
//!      detached. A user's credential (a resource that names an account and a credential word:
//!      `user_password`, `user_access_key`, `user_otp`) is 3001 too: a password modified is 3
//!      Password Change, reset 4 Password Reset, a login-failure count reset 12 Unlock, anything
//!      else (a key created, an OTP reset) 99 Other. Reading an account stays API Activity.
//!    * Everything else is 6003 API Activity, with the activity of its action in [`ACTIONS`]:
//!      1 Create, 2 Read, 3 Update, 4 Delete, or 99 Other on purpose for verbs that operate a
//!      resource without creating, reading, changing or deleting what it stores (`start`,
//!      `stop`, `send`, `analyze`, `deploy`, `cancel`, …).
//!
//! An event no rule places is the finding `classify/unplaced` and is stored with action
//! `unknown` and activity 0 (Unknown) until a rule or a hand override places it. Hand
//! overrides, each with its reason, live in `catalog/classification.yaml` and replace the
//! fields they give ([`apply`]).

use std::collections::{BTreeMap, BTreeSet};

use trail_sources::{Diagnostic, Locale, SourceRef};

use crate::Catalog;
use crate::model::hand::{ClassificationOverride, ClassificationOverrides};
use crate::model::{DecidedBy, KakaoEvent, Meaning, NhnEvent, Reclassification, Seen};

/// OCSF 3001 Account Change.
pub(crate) const ACCOUNT_CHANGE: u32 = 3001;
/// OCSF 3002 Authentication.
pub const AUTHENTICATION: u32 = 3002;
/// OCSF 6003 API Activity.
pub const API_ACTIVITY: u32 = 6003;

/// The OCSF 1.x classes the catalogue uses, with their category, name and activities
/// (`activity_id`, name), as the OCSF 1.0-1.7 schemas enumerate them.
pub const CLASSES: &[OcsfClass] = &[
    OcsfClass {
        uid: ACCOUNT_CHANGE,
        category_uid: 3,
        category_name: "Identity & Access Management",
        name: "Account Change",
        activities: &[
            (0, "Unknown"),
            (1, "Create"),
            (2, "Enable"),
            (3, "Password Change"),
            (4, "Password Reset"),
            (5, "Disable"),
            (6, "Delete"),
            (7, "Attach Policy"),
            (8, "Detach Policy"),
            (9, "Lock"),
            (10, "MFA Factor Enable"),
            (11, "MFA Factor Disable"),
            (12, "Unlock"),
            (99, "Other"),
        ],
    },
    OcsfClass {
        uid: AUTHENTICATION,
        category_uid: 3,
        category_name: "Identity & Access Management",
        name: "Authentication",
        activities: &[
            (0, "Unknown"),
            (1, "Logon"),
            (2, "Logoff"),
            (3, "Authentication Ticket"),
            (4, "Service Ticket Request"),
            (5, "Service Ticket Renew"),
            (6, "Preauth"),
            (99, "Other"),
        ],
    },
    OcsfClass {
        uid: API_ACTIVITY,
        category_uid: 6,
        category_name: "Application Activity",
        name: "API Activity",
        activities: &[
            (0, "Unknown"),
            (1, "Create"),
            (2, "Read"),
            (3, "Update"),
            (4, "Delete"),
            (99, "Other"),
        ],
    },
];

/// One OCSF class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OcsfClass {
    /// `class_uid`.
    pub uid: u32,
    /// `category_uid` (3 Identity & Access Management, 6 Application Activity).
    pub category_uid: u32,
    /// The category's name.
    pub category_name: &'static str,
    /// The class's name.
    pub name: &'static str,
    /// `(activity_id, name)`, sorted.
    pub activities: &'static [(u32, &'static str)],
}

/// The class with this `class_uid`, if the catalogue uses it.
pub fn class(uid: u32) -> Option<&'static OcsfClass> {
    CLASSES.iter().find(|c| c.uid == uid)
}

/// The name of an activity of a class (`(6003, 1)` is `Create`), if the class has it.
pub fn activity_name(class_uid: u32, activity_id: u32) -> Option<&'static str> {
    class(class_uid)?
        .activities
        .iter()
        .find(|(id, _)| *id == activity_id)
        .map(|(_, n)| *n)
}

/// The action for an event no rule places.
pub const UNKNOWN_ACTION: &str = "unknown";

/// The vocabulary of actions: `(action, API Activity activity_id, what it means)`. Activity 99
/// (Other) is chosen on purpose for the verbs that operate a resource without creating,
/// reading, changing or deleting what it stores.
pub(crate) const ACTIONS: &[(&str, u32, &str)] = &[
    (
        "analyze",
        99,
        "analyse, detect or recognise content (AI services)",
    ),
    (
        "apply",
        99,
        "apply for a service or a restoration (a request to the provider)",
    ),
    ("approve", 3, "approve a pending request; changes its state"),
    (
        "attach",
        3,
        "attach, connect, associate or assign one resource to another",
    ),
    ("backup", 99, "take a backup"),
    ("cancel", 99, "cancel an operation, a request or a sending"),
    ("copy", 1, "copy a resource: a new one is created"),
    ("create", 1, "create, add, register or issue a resource"),
    (
        "delete",
        4,
        "delete, remove, purge, drop or terminate a resource",
    ),
    ("decrypt", 99, "decrypt with a key"),
    ("deploy", 99, "deploy, redeploy or install"),
    ("detach", 3, "detach, disconnect, dissociate or unassign"),
    (
        "disable",
        3,
        "disable, deactivate, or cordon (no new work scheduled)",
    ),
    ("download", 2, "download a file: data is read"),
    ("enable", 3, "enable or activate"),
    ("encrypt", 99, "encrypt with a key"),
    ("execute", 99, "execute, run or trigger a job"),
    (
        "export",
        2,
        "export data to a file or a store: data is read",
    ),
    ("import", 1, "import data or resources: they are created"),
    ("list", 2, "list resources"),
    ("login", 99, "sign in (3002 Authentication, Logon)"),
    ("logout", 99, "sign out (3002 Authentication, Logoff)"),
    (
        "migrate",
        3,
        "migrate, evacuate, promote, fail over or switch over",
    ),
    ("modify", 3, "update, modify, change, edit, set or save"),
    (
        "notify",
        99,
        "the provider reports a state: an error, a failure, a node down, an expiry, a job done",
    ),
    ("read", 2, "get, look up, view or query"),
    (
        "reject",
        3,
        "reject or deny a pending request; changes its state",
    ),
    ("reset", 3, "reset to a default or initial state"),
    ("resize", 3, "resize, scale, extend or upgrade"),
    ("restart", 99, "restart or reboot"),
    ("restore", 3, "restore, recover or roll back"),
    ("resume", 99, "resume"),
    ("rotate", 3, "rotate or regenerate a key"),
    ("search", 2, "search"),
    (
        "select",
        99,
        "select (enter) an organization, a project or a plan",
    ),
    ("send", 99, "send a message, mail or notification"),
    ("share", 3, "share with another project"),
    ("sign", 99, "sign with a key"),
    ("start", 99, "start"),
    ("stop", 99, "stop, pause, suspend or shelve"),
    ("sync", 3, "synchronise with a source; the copy changes"),
    ("unknown", 0, "no rule places the event"),
    ("unlock", 3, "unlock or release a block"),
    ("unshare", 3, "stop sharing"),
    ("upload", 1, "upload a file: it is created"),
    (
        "verify",
        99,
        "verify, validate, check or test, including dry runs",
    ),
];

/// Words that are verbs, with their action. Two-word verbs are joined with `_` before lookup.
pub(crate) const VERBS: &[(&str, &str)] = &[
    ("abort", "cancel"),
    ("accept", "approve"),
    ("activate", "enable"),
    ("activation", "enable"),
    ("add", "create"),
    ("addition", "create"),
    ("alter", "modify"),
    ("analysis", "analyze"),
    ("analyze", "analyze"),
    ("apply", "apply"),
    ("approval", "approve"),
    ("approve", "approve"),
    ("assign", "attach"),
    ("associate", "attach"),
    ("attach", "attach"),
    ("authenticate", "login"),
    ("authenticity", "verify"),
    ("backup", "backup"),
    ("bind", "attach"),
    ("block", "stop"),
    ("build", "create"),
    ("cancel", "cancel"),
    ("cancellation", "cancel"),
    ("certification", "verify"),
    ("change", "modify"),
    ("changed", "modify"),
    ("check", "read"),
    ("choose", "select"),
    ("cleanup", "delete"),
    ("close", "stop"),
    ("compare", "analyze"),
    ("connect", "attach"),
    ("convert", "analyze"),
    ("copy", "copy"),
    ("cordon", "disable"),
    ("correct", "analyze"),
    ("count", "read"),
    ("creat", "create"),
    ("create", "create"),
    ("creation", "create"),
    ("deactivate", "disable"),
    ("decrypt", "decrypt"),
    ("delet", "delete"),
    ("delete", "delete"),
    ("deleted", "delete"),
    ("deletion", "delete"),
    ("deny", "reject"),
    ("deploy", "deploy"),
    ("detach", "detach"),
    ("detect", "analyze"),
    ("detected", "notify"),
    ("disable", "disable"),
    ("disassociate", "detach"),
    ("disble", "disable"),
    ("disconnect", "detach"),
    ("dissociate", "detach"),
    ("done", "notify"),
    ("down", "notify"),
    ("download", "download"),
    ("drain", "stop"),
    ("drop", "delete"),
    ("dry_run", "verify"),
    ("duplicate", "copy"),
    ("edit", "modify"),
    ("enable", "enable"),
    ("encrypt", "encrypt"),
    ("end", "stop"),
    ("ended", "stop"),
    ("error", "notify"),
    ("evacuate", "migrate"),
    ("evict", "delete"),
    ("exec", "execute"),
    ("execute", "execute"),
    ("execution", "execute"),
    ("exit", "stop"),
    ("expire", "notify"),
    ("export", "export"),
    ("exporting", "export"),
    ("extend", "resize"),
    ("fail", "notify"),
    ("failed", "notify"),
    ("failover", "migrate"),
    ("force_stop", "stop"),
    ("get", "read"),
    ("handover", "modify"),
    ("head", "read"),
    ("import", "import"),
    ("importing", "import"),
    ("inactive", "disable"),
    ("index", "analyze"),
    ("indexing", "analyze"),
    ("initialize", "reset"),
    ("inquire", "read"),
    ("inquiry", "read"),
    ("install", "deploy"),
    ("invite", "create"),
    ("issue", "create"),
    ("link", "attach"),
    ("list", "list"),
    ("log_in", "login"),
    ("log_out", "logout"),
    ("login", "login"),
    ("logout", "logout"),
    ("look_up", "read"),
    ("lookup", "read"),
    ("manage", "modify"),
    ("management", "modify"),
    ("migrate", "migrate"),
    ("migration", "migrate"),
    ("modification", "modify"),
    ("modified", "modify"),
    ("modify", "modify"),
    ("move", "modify"),
    ("pause", "stop"),
    ("promote", "migrate"),
    ("purge", "delete"),
    ("query", "read"),
    ("reboot", "restart"),
    ("rebuild", "reset"),
    ("recover", "restore"),
    ("recovery", "restore"),
    ("redeploy", "deploy"),
    ("redirect", "read"),
    ("regenerate", "rotate"),
    ("register", "create"),
    ("registration", "create"),
    ("reject", "reject"),
    ("remove", "delete"),
    ("rename", "modify"),
    ("renew", "modify"),
    ("repair", "restore"),
    ("reset", "reset"),
    ("resize", "resize"),
    ("resolve", "notify"),
    ("resolved", "notify"),
    ("restart", "restart"),
    ("restore", "restore"),
    ("resume", "resume"),
    ("retrieve", "read"),
    ("retry", "execute"),
    ("revoke", "delete"),
    ("rollback", "restore"),
    ("rotate", "rotate"),
    ("rotation", "rotate"),
    ("run", "execute"),
    ("save", "modify"),
    ("saved", "modify"),
    ("scale", "resize"),
    ("scan", "analyze"),
    ("search", "search"),
    ("searching", "search"),
    ("seek", "reset"),
    ("select", "select"),
    ("selected", "select"),
    ("send", "send"),
    ("sending", "send"),
    ("set", "modify"),
    ("setting", "modify"),
    ("settings", "modify"),
    ("share", "share"),
    ("shelve", "stop"),
    ("sign", "sign"),
    ("sign_in", "login"),
    ("sign_out", "logout"),
    ("spoofing", "analyze"),
    ("start", "start"),
    ("stop", "stop"),
    ("submit", "apply"),
    ("suspend", "stop"),
    ("switchover", "migrate"),
    ("sync", "sync"),
    ("synchronize", "sync"),
    ("terminate", "delete"),
    ("terminated", "delete"),
    ("test", "verify"),
    ("unassign", "detach"),
    ("unbind", "detach"),
    ("uncordon", "enable"),
    ("undisplay", "disable"),
    ("uninstall", "delete"),
    ("unlock", "unlock"),
    ("unprotect", "disable"),
    ("unset", "disable"),
    ("unshare", "unshare"),
    ("update", "modify"),
    ("updating", "modify"),
    ("upgrade", "resize"),
    ("upload", "upload"),
    ("uploading", "upload"),
    ("validate", "verify"),
    ("validation", "verify"),
    ("verification", "verify"),
    ("verify", "verify"),
    ("view", "read"),
    ("withdraw", "delete"),
];

/// Korean verbs (the last word of a Korean name that is one of these), with their action.
pub(crate) const KO_VERBS: &[(&str, &str)] = &[
    ("다운로드", "download"),
    ("등록", "create"),
    ("로그인", "login"),
    ("로그아웃", "logout"),
    ("변경", "modify"),
    ("복사", "copy"),
    ("복제", "copy"),
    ("비활성화", "disable"),
    ("삭제", "delete"),
    ("생성", "create"),
    ("선택", "select"),
    ("설정", "modify"),
    ("수정", "modify"),
    ("시작", "start"),
    ("업로드", "upload"),
    ("재시작", "restart"),
    ("저장", "modify"),
    ("조회", "read"),
    ("중지", "stop"),
    ("초기화", "reset"),
    ("추가", "create"),
    ("취소", "cancel"),
    ("활성화", "enable"),
];

/// Words that say how far an operation got (`create_end`, `Backup Restore Finished`): dropped
/// when the same part holds another verb.
const PHASES: &[&str] = &[
    "aborted",
    "complete",
    "completed",
    "done",
    "end",
    "ended",
    "error",
    "fail",
    "failed",
    "finish",
    "finished",
    "request",
    "requested",
    "start",
    "started",
    "succeed",
    "succeeded",
    "success",
];

/// Two-word verbs, read as one.
const BIGRAMS: &[(&str, &str, &str)] = &[
    ("clean", "up", "cleanup"),
    ("dry", "run", "dry_run"),
    ("force", "stop", "force_stop"),
    ("log", "in", "log_in"),
    ("log", "out", "log_out"),
    ("look", "up", "look_up"),
    ("roll", "back", "rollback"),
    ("sign", "in", "sign_in"),
    ("sign", "out", "sign_out"),
    ("start", "up", "start"),
    ("scale", "in", "scale"),
    ("scale", "out", "scale"),
    ("set", "up", "set"),
    ("manage", "ment", "management"),
    ("fail", "over", "failover"),
    ("switch", "over", "switchover"),
];

/// Filler words dropped from a resource type.
const FILLER: &[&str] = &[
    "a", "an", "and", "by", "for", "from", "in", "of", "or", "the", "to", "with",
];

/// Words that qualify an operation, not a resource (`delete_all`, `create_list`, `backup.manual`,
/// `confirm-send-request`):
/// dropped from resource types.
const MODIFIERS: &[&str] = &[
    "all",
    "batch",
    "bulk",
    "confirm",
    "immediately",
    "manual",
    "multi",
    "multiple",
    "only",
    "v1",
    "v2",
];

/// Words ending in `s` that are not plurals.
const NOT_PLURAL: &[&str] = &[
    "access",
    "address",
    "alias",
    "analytics",
    "cors",
    "dns",
    "https",
    "kubernetes",
    "mass",
    "iaas",
    "nas",
    "obs",
    "paas",
    "process",
    "rds",
    "s3",
    "settings",
    "status",
    "class",
    "ddos",
    "redis",
    "ips",
    "lncs",
    "cifs",
    "stats",
    "metrics",
];

/// Resource types that are user accounts: actions on them are 3001 Account Change.
pub(crate) const ACCOUNTS: &[&str] = &[
    "account",
    "db_user",
    "iam_member",
    "kubeflow_user",
    "member",
    "organization_member",
    "project_member",
    "service_account",
    "user",
    "user_account",
];

/// Words that make a resource a credential of the account it names (`user_password`).
const CREDENTIAL_WORDS: &[&str] = &["access_key", "login_failure", "otp", "passkey", "password"];

fn verb(word: &str) -> Option<&'static str> {
    let exact = |w: &str| {
        VERBS
            .binary_search_by(|(v, _)| v.cmp(&w))
            .ok()
            .map(|i| VERBS[i].1)
    };
    exact(word).or_else(|| {
        // Past tenses: `added`, `issued`, `activated`.
        let stem = word.strip_suffix("ed")?;
        exact(stem).or_else(|| exact(&word[..word.len() - 1]))
    })
}

/// Words that are parts of the thing acted on when another verb is present (`BACKUP_EXPORT`,
/// `setting_change`).
const NOUN_VERBS: &[&str] = &["backup", "setting", "settings"];

/// Verbs that win from the end of a part (`delete_request_cancel`, `scan_stop`).
const TRAILING: &[&str] = &["cancel", "stop"];

/// The API Activity `activity_id` of an action, if it is one of [`ACTIONS`].
pub(crate) fn api_activity(action: &str) -> Option<u32> {
    ACTIONS.iter().find(|(a, _, _)| *a == action).map(|a| a.1)
}

/// Lowercase words of one ID segment or name: split at `_`, `-`, spaces, punctuation and
/// camelCase humps (`createUserGroup` -> `create user group`, `PUSHModify` -> `push modify`),
/// with two-word verbs joined.
pub fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_uppercase() && !cur.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    let mut joined: Vec<String> = Vec::with_capacity(out.len());
    let mut i = 0;
    while i < out.len() {
        if let Some(next) = out.get(i + 1)
            && let Some((_, _, both)) = BIGRAMS
                .iter()
                .find(|(a, b, _)| *a == out[i] && *b == next.as_str())
        {
            joined.push((*both).to_owned());
            i += 2;
            continue;
        }
        joined.push(out[i].clone());
        i += 1;
    }
    joined
}

fn singular(word: &str) -> String {
    if word.len() > 3
        && word.ends_with('s')
        && !["ss", "us", "is"].iter().any(|e| word.ends_with(e))
        && !NOT_PLURAL.contains(&word)
    {
        if let Some(stem) = word.strip_suffix("ies") {
            return format!("{stem}y");
        }
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

/// A noun phrase from words: fillers and modifiers dropped, plurals made singular, joined with `_`.
fn noun_phrase(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| !FILLER.contains(&w.as_str()) && !MODIFIERS.contains(&w.as_str()))
        .map(|w| singular(w))
        .collect::<Vec<_>>()
        .join("_")
}

/// A resource type from words: a noun phrase without the verbs it starts or ends with,
/// `nouns` (the page's resource type) never read as verbs.
fn resource_with(words: &[String], nouns: &[String]) -> String {
    let verb = |w: &str| !nouns.iter().any(|n| n == w) && verb(w).is_some();
    let first = words.iter().position(|w| !verb(w)).unwrap_or(words.len());
    let last = words
        .iter()
        .rposition(|w| !verb(w))
        .map_or(first, |i| i + 1);
    noun_phrase(&words[first..last.max(first)])
}

/// Verbs that end a compound operation's leftover words (`user_create_verify`,
/// `get_mass_message_master_list`): dropped from its resource type.
const COMPOUND_TAILS: &[&str] = &["copy", "create", "delete", "list", "register"];

/// Words that name an attribute of a resource, not a resource (`credential.update_info`).
const ATTRIBUTES: &[&str] = &["detail", "info", "information", "state", "status"];

/// Words that name where a setting lives, not what it is (`detail_configuration_PUSH_…`): when
/// they stand before the verb, the resource is what follows it.
const CONTEXT: &[&str] = &["configuration", "detail"];

/// The resource type of the words a verb's part leaves: what follows the verb when the words
/// before it are a settings context, else the noun phrase without compound tails; empty when
/// only verbs are left.
fn leftover(before: &[String], after: &[String]) -> String {
    if !after.is_empty() && before.iter().any(|w| CONTEXT.contains(&w.as_str())) {
        return noun_phrase(after);
    }
    // A verb followed by `as …` (`set_as_default`): the words say how, not what; the resource
    // is the segment before. (`restore_from_obs` keeps its object: from where is what it acts on.)
    if before.is_empty() && after.first().is_some_and(|w| w == "as") {
        return String::new();
    }
    let mut words: Vec<String> = before.iter().chain(after).cloned().collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| COMPOUND_TAILS.contains(&w.as_str()))
    {
        words.pop();
    }
    if words
        .iter()
        .all(|w| is_verb(w) && !NOUN_VERBS.contains(&w.as_str()))
    {
        return String::new();
    }
    noun_phrase(&words)
}

/// A resource type from a segment's words.
fn resource(words: &[String]) -> String {
    noun_phrase(words)
}

fn is_verb(w: &str) -> bool {
    verb(w).is_some() || PHASES.contains(&w)
}

/// The verb of one part (a segment's or a name's words): `(action, the words left)`, phases
/// and noun-like verbs (`backup`) dropped when another verb is there. The verb is a trailing
/// `cancel` or `stop`, else the first word when it is a verb (`delete_log_save_download_config`),
/// else the last word when it is a verb (`acl_policy_create`), else the first verb.
/// The verb of a part: `(action, the words before it, the words after it)`.
type Verb = (String, Vec<String>, Vec<String>);

fn verb_of(words: &[String], nouns: &[String], prefer_last: bool) -> Option<Verb> {
    let page_noun = |w: &str| nouns.iter().any(|n| n == w);
    let count = words
        .iter()
        .filter(|w| !page_noun(w) && verb(w).is_some())
        .count();
    // `backup` is a noun when another verb is there (`BACKUP_EXPORT`).
    let verb = |w: &str| {
        if page_noun(w) || (count > 1 && NOUN_VERBS.contains(&w)) {
            None
        } else {
            verb(w)
        }
    };
    let has_real_verb = |ws: &[String]| {
        ws.iter()
            .any(|w| verb(w).is_some() && !PHASES.contains(&w.as_str()))
    };
    // No verb but phase words, and a noun of the page that is a verb (`Backup End`): that noun.
    if !has_real_verb(words)
        && let Some(n) = words
            .iter()
            .find(|w| page_noun(w) && crate::classify::verb(w).is_some())
    {
        let left = words
            .iter()
            .filter(|w| !PHASES.contains(&w.as_str()))
            .cloned()
            .collect();
        return Some((crate::classify::verb(n)?.to_owned(), left, Vec::new()));
    }
    let has_real = has_real_verb(words);
    let kept: Vec<&String> = words
        .iter()
        .filter(|w| !(has_real && PHASES.contains(&w.as_str())))
        .collect();
    let action_at = |i: usize| verb(kept[i]);
    let last = kept.len().checked_sub(1)?;
    let first_verb = kept.iter().position(|w| verb(w).is_some());
    // A `cancel` followed only by verbs wins (`cancel_deletion`, `delete_request_cancel`), and
    // so does a last `stop` (`scan_stop`).
    let trailing = kept.iter().position(|w| verb(w) == Some("cancel"));
    let at = if let Some(t) = trailing.filter(|t| kept[t + 1..].iter().all(|w| is_verb(w))) {
        t
    } else if action_at(last).is_some_and(|a| TRAILING.contains(&a)) {
        last
    } else if let Some(f) =
        first_verb.filter(|f| kept[..*f].iter().any(|w| CONTEXT.contains(&w.as_str())))
    {
        f
    } else if prefer_last && action_at(last).is_some() {
        last
    } else if action_at(0).is_some() {
        0
    } else if action_at(last).is_some() {
        last
    } else {
        kept.iter().position(|w| verb(w).is_some())?
    };
    let action = action_at(at)?.to_owned();
    let before: Vec<String> = kept[..at].iter().map(|w| (*w).clone()).collect();
    let after: Vec<String> = kept[at + 1..].iter().map(|w| (*w).clone()).collect();
    Some((action, before, after))
}

/// What the rules say from a resource type and an action: the OCSF class and activity.
pub(crate) fn ocsf_of(resource_type: &str, action: &str, group_member: bool) -> (u32, u32) {
    match action {
        "login" => return (AUTHENTICATION, 1),
        "logout" => return (AUTHENTICATION, 2),
        _ => {}
    }
    let account_word = |w: &str| ACCOUNTS.contains(&w) || matches!(w, "user" | "member");
    let parts: Vec<&str> = resource_type.split('_').collect();
    let credential = CREDENTIAL_WORDS.iter().find(|c| {
        let c_parts: Vec<&str> = c.split('_').collect();
        parts
            .windows(c_parts.len())
            .any(|w| w == c_parts.as_slice())
    });
    if let Some(cred) = credential
        && (parts.iter().any(|w| account_word(w) || *w == "account") || resource_type == *cred)
        && !matches!(action, "read" | "list" | "search")
    {
        let activity = match (*cred, action) {
            ("password", "modify") => 3,
            ("password", "reset") => 4,
            ("login_failure", "reset") | (_, "unlock") => 12,
            _ => 99,
        };
        return (ACCOUNT_CHANGE, activity);
    }
    if is_account(resource_type) || group_member {
        let activity = match action {
            "create" if group_member => Some(7),
            "delete" if group_member => Some(8),
            "create" => Some(1),
            "enable" => Some(2),
            "disable" => Some(5),
            "delete" => Some(6),
            "attach" => Some(7),
            "detach" => Some(8),
            "unlock" => Some(12),
            "modify" | "reset" | "sync" | "cancel" => Some(99),
            _ => None,
        };
        if let Some(a) = activity {
            return (ACCOUNT_CHANGE, a);
        }
    }
    (API_ACTIVITY, api_activity(action).unwrap_or(0))
}

/// Whether a resource type is a user account: one of [`ACCOUNTS`], or a qualified user
/// (`db_instance_db_user`, `kubeflow_user`), the users of a group excepted; a trailing `state`,
/// `status` or `info` is the account's.
pub(crate) fn is_account(resource_type: &str) -> bool {
    let base = ["_state", "_status", "_info", "_information"]
        .iter()
        .find_map(|s| resource_type.strip_suffix(s))
        .unwrap_or(resource_type);
    ACCOUNTS.contains(&base) || (base.ends_with("_user") && !base.split('_').any(|w| w == "group"))
}

fn meaning(resource_type: String, action: String, by: DecidedBy, group_member: bool) -> Meaning {
    let (class_uid, activity_id) = ocsf_of(&resource_type, &action, group_member);
    Meaning {
        resource_type,
        action,
        class_uid,
        activity_id,
        by,
    }
}

/// Whether a resource is a member of a group (`group_member`, or `member` where the words
/// before it name a `group`): adding or removing it attaches or detaches the group's roles.
fn membership(resource_type: &str, before: &[String]) -> bool {
    resource_type.rsplit('_').next() == Some("member")
        && (resource_type.contains("group") || before.iter().any(|w| w == "group"))
}

/// What the rules say an NHN event means (no override applied); `by: unplaced` when no rule
/// places it.
pub(crate) fn rules_nhn(e: &NhnEvent) -> Meaning {
    let rest = e.id.strip_prefix("event_id.").unwrap_or(&e.id);
    let segments: Vec<&str> = rest.split('.').collect();
    let namespace = resource(&words(segments[0]));
    let mut parts: Vec<Vec<String>> = segments[1..].iter().map(|s| words(s)).collect();
    let all: Vec<String> = parts.iter().flatten().cloned().collect();
    // Trailing segments of phase words only (`.end`, `.failed`, `.start`) say how far the
    // operation before them got, when one before them holds a verb.
    let phase_only =
        |p: &Vec<String>| !p.is_empty() && p.iter().all(|w| PHASES.contains(&w.as_str()));
    let mut keep = parts.len();
    while keep > 0 && phase_only(&parts[keep - 1]) {
        keep -= 1;
    }
    if parts[..keep]
        .iter()
        .any(|p| p.iter().any(|w| verb(w).is_some()))
    {
        parts.truncate(keep);
    }
    let found = parts
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, p)| verb_of(p, &[], false).map(|v| (i, v)));
    // The resource before segment `upto`: the nearest segment, unless it is a verb form of the
    // operation itself (`message.sending.cancellation`, `container.sync.disable`).
    let from_before = |upto: usize| -> Option<String> {
        let mut i = upto;
        while i > 0 {
            i -= 1;
            let p = &parts[i];
            let verbs_only = p.iter().all(|w| is_verb(w));
            let gerund = p.iter().all(|w| w.ends_with("ing") && is_verb(w));
            if verbs_only && (gerund || i > 0) {
                continue;
            }
            let r = resource(p);
            let r = if r.is_empty() && !p.is_empty() {
                p.iter().map(|w| singular(w)).collect::<Vec<_>>().join("_")
            } else {
                r
            };
            if !r.is_empty() {
                return Some(r);
            }
        }
        None
    };
    let group_member = |res: &str| membership(res, &all);
    if let Some((i, (action, before, after))) = found {
        // Segments after the verb's name its object (`deploy.version`), unless they start with a
        // filler word: then they say how (`creation.for.file`).
        let later: Vec<String> = parts[i + 1..]
            .iter()
            .take_while(|p| p.first().is_none_or(|w| !FILLER.contains(&w.as_str())))
            .flatten()
            .cloned()
            .collect();
        let res = match leftover(&before, &after) {
            // An attribute alone (`update_info`) is the attribute of the resource before it.
            r if ATTRIBUTES.contains(&r.as_str()) => match from_before(i) {
                Some(b) => format!("{b}_{r}"),
                None => r,
            },
            r if !r.is_empty() => r,
            _ if !resource(&later).is_empty() => resource(&later),
            _ => from_before(i).unwrap_or_else(|| namespace.clone()),
        };
        let gm = group_member(&res);
        return meaning(res, action, DecidedBy::Id, gm);
    }
    let res = from_before(parts.len()).unwrap_or_else(|| namespace.clone());
    let gm = group_member(&res);
    if let Some(en) = e.names.get(&Locale::En)
        && let Some((action, _, _)) = verb_of(&words(en), &[], false)
    {
        return meaning(res, action, DecidedBy::NameEn, gm);
    }
    if let Some(ko) = e.names.get(&Locale::Ko)
        && let Some(action) = ko
            .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
            .filter(|w| !w.is_empty())
            .rev()
            .find_map(|w| {
                KO_VERBS
                    .iter()
                    .find(|(k, _)| w.ends_with(k))
                    .map(|(_, a)| *a)
            })
    {
        return meaning(res, action.to_owned(), DecidedBy::NameKo, gm);
    }
    unplaced(res)
}

fn unplaced(resource_type: String) -> Meaning {
    Meaning {
        resource_type,
        action: UNKNOWN_ACTION.into(),
        class_uid: API_ACTIVITY,
        activity_id: 0,
        by: DecidedBy::Unplaced,
    }
}

/// What the rules say a KakaoCloud event means (no override applied).
pub(crate) fn rules_kakao(e: &KakaoEvent) -> Meaning {
    let page_words = words(crate::build::kakao::unversioned(&e.resource_type));
    let page = noun_phrase(&page_words);
    // What a parenthesis says is who did it (`Terminate(User)`), not what was acted on.
    let name: String = {
        let mut out = String::new();
        let mut depth = 0;
        for c in e.name.en.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    };
    let w = words(&name);
    match verb_of(&w, &page_words, true) {
        Some((action, before, after)) => {
            let left: Vec<String> = before.into_iter().chain(after).collect();
            let res = match resource_with(&left, &page_words) {
                r if r.is_empty() => page,
                r => r,
            };
            let gm = membership(&res, &[]);
            meaning(res, action, DecidedBy::Page, gm)
        }
        None => unplaced(page),
    }
}

/// Where an override is wrong: `(event, what)`; empty when it is fine.
pub(crate) fn check_override(o: &ClassificationOverride) -> Option<String> {
    if o.reason.trim().is_empty() {
        return Some("an override needs a reason".into());
    }
    if o.resource_type.is_none()
        && o.action.is_none()
        && o.class_uid.is_none()
        && o.activity_id.is_none()
    {
        return Some("the override changes nothing; give resource_type, action, or class_uid with activity_id".into());
    }
    if let Some(r) = &o.resource_type
        && !is_snake(r)
    {
        return Some(format!("resource_type {r:?} is not snake_case ([a-z0-9_])"));
    }
    if let Some(a) = &o.action
        && api_activity(a).is_none()
    {
        return Some(format!(
            "action {a:?} is not in the vocabulary (trail_catalog::classify::ACTIONS)"
        ));
    }
    match (o.class_uid, o.activity_id) {
        (Some(c), Some(a)) if activity_name(c, a).is_none() => Some(format!(
            "class {c} has no activity {a} (OCSF 1.x: 3001 Account Change, 3002 Authentication, 6003 API Activity)"
        )),
        (Some(_), None) | (None, Some(_)) => {
            Some("class_uid and activity_id go together; give both".into())
        }
        _ => None,
    }
}

fn is_snake(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('_')
        && !s.ends_with('_')
        && !s.contains("__")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Whether a stored meaning is well formed: snake_case resource type, an action of the
/// vocabulary, an activity of its class.
pub(crate) fn check_meaning(m: &Meaning) -> Result<(), String> {
    if !is_snake(&m.resource_type) {
        return Err(format!(
            "resource_type {:?} is not snake_case ([a-z0-9_])",
            m.resource_type
        ));
    }
    if api_activity(&m.action).is_none() {
        return Err(format!("action {:?} is not in the vocabulary", m.action));
    }
    if activity_name(m.class_uid, m.activity_id).is_none() {
        return Err(format!(
            "class {} has no activity {} (OCSF 1.x)",
            m.class_uid, m.activity_id
        ));
    }
    if (m.activity_id == 0) != (m.by == DecidedBy::Unplaced) {
        return Err("activity 0 (Unknown) is for unplaced events only, and they have it".into());
    }
    Ok(())
}

fn overridden(mut m: Meaning, o: &ClassificationOverride) -> Meaning {
    if let Some(r) = &o.resource_type {
        m.resource_type = r.clone();
    }
    if let Some(a) = &o.action {
        m.action = a.clone();
        if o.class_uid.is_none() {
            let (c, act) = ocsf_of(&m.resource_type, a, false);
            m.class_uid = c;
            m.activity_id = act;
        }
    }
    if let (Some(c), Some(a)) = (o.class_uid, o.activity_id) {
        m.class_uid = c;
        m.activity_id = a;
    }
    m.by = DecidedBy::Override;
    m
}

/// Classifies every event of the catalogue: the rules, then the overrides of
/// `catalog/classification.yaml`. An event whose meaning changes from what `previous` stored
/// gets a [`Reclassification`] dated `seen`. Returns the findings: `classify/unplaced`,
/// `classify/unused-override`, `classify/redundant-override`.
pub fn apply(
    catalog: &mut Catalog,
    previous: Option<&Catalog>,
    seen: Option<&Seen>,
) -> Vec<Diagnostic> {
    let overrides: BTreeMap<&str, &ClassificationOverride> = catalog
        .hand
        .classification
        .overrides
        .iter()
        .map(|o| (o.event.as_str(), o))
        .collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut diags = Vec::new();
    let prev_nhn: BTreeMap<&str, &Meaning> = previous
        .map(|p| {
            p.nhn
                .events
                .iter()
                .filter_map(|e| Some((e.id.as_str(), e.meaning.as_ref()?)))
                .collect()
        })
        .unwrap_or_default();
    let prev_kakao: BTreeMap<&str, &Meaning> = previous
        .map(|p| {
            p.kakao
                .events
                .iter()
                .filter_map(|e| Some((e.key.as_str(), e.meaning.as_ref()?)))
                .collect()
        })
        .unwrap_or_default();
    let mut decide = |subject: &str,
                      rules: Meaning,
                      place: Option<&SourceRef>,
                      stored: &mut Option<Meaning>,
                      history: &mut Vec<Reclassification>,
                      before: Option<&Meaning>| {
        let at = place
            .cloned()
            .unwrap_or_else(|| SourceRef::new("catalog/classification.yaml", 1));
        let m = match overrides.get(subject) {
            Some(o) => {
                used.insert(subject.to_owned());
                let m = overridden(rules.clone(), o);
                let same = Meaning {
                    by: rules.by,
                    ..m.clone()
                } == rules;
                if same {
                    diags.push(
                        Diagnostic::raise(
                            SourceRef::new("catalog/classification.yaml", 1),
                            "classify/redundant-override",
                            format!(
                                "the override of {subject} says what the rules say ({} / {}, {} {}); delete it",
                                m.resource_type, m.action, m.class_uid, m.activity_id
                            ),
                        )
                        .subject(subject.to_owned()),
                    );
                }
                m
            }
            None => {
                if rules.by == DecidedBy::Unplaced {
                    diags.push(
                        Diagnostic::raise(
                            at,
                            "classify/unplaced",
                            format!(
                                "no rule finds a verb in {subject} or its names; add one to catalog/classification.yaml \
                                 (or a verb to trail_catalog::classify::VERBS); catalogued as activity 0, Unknown"
                            ),
                        )
                        .subject(subject.to_owned()),
                    );
                }
                rules
            }
        };
        if let (Some(before), Some(s)) = (before, seen)
            && *before != m
        {
            history.push(Reclassification {
                seen: s.clone(),
                from: before.clone(),
                to: m.clone(),
            });
        }
        *stored = Some(m);
    };
    for e in &mut catalog.nhn.events {
        let rules = rules_nhn(e);
        let before = prev_nhn.get(e.id.as_str()).copied();
        decide(
            &e.id,
            rules,
            e.sources.first(),
            &mut e.meaning,
            &mut e.reclassified,
            before,
        );
    }
    for e in &mut catalog.kakao.events {
        let rules = rules_kakao(e);
        let before = prev_kakao.get(e.key.as_str()).copied();
        decide(
            &e.key,
            rules,
            e.sources.first(),
            &mut e.meaning,
            &mut e.reclassified,
            before,
        );
    }
    for o in &catalog.hand.classification.overrides {
        if !used.contains(&o.event) {
            diags.push(
                Diagnostic::raise(
                    SourceRef::new("catalog/classification.yaml", 1),
                    "classify/unused-override",
                    format!(
                        "the override of {:?} names no NHN event ID or KakaoCloud event key of the catalogue; delete or correct it",
                        o.event
                    ),
                )
                .subject(o.event.clone()),
            );
        }
    }
    diags
}

/// Checks the overrides file: each override well formed and given once. `(event, problem)`.
pub(crate) fn check_overrides(file: &ClassificationOverrides) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for o in &file.overrides {
        if let Some(why) = check_override(o) {
            out.push((o.event.clone(), why));
        }
        if !seen.insert(o.event.as_str()) {
            out.push((o.event.clone(), "overridden twice".into()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn nhn(id: &str, en: &str, ko: &str) -> NhnEvent {
        let mut names = BTreeMap::new();
        if !en.is_empty() {
            names.insert(Locale::En, en.to_owned());
        }
        if !ko.is_empty() {
            names.insert(Locale::Ko, ko.to_owned());
        }
        NhnEvent {
            id: id.into(),
            names,
            ..Default::default()
        }
    }

    fn said(id: &str, en: &str, ko: &str) -> (String, String, u32, u32) {
        let m = rules_nhn(&nhn(id, en, ko));
        (m.resource_type, m.action, m.class_uid, m.activity_id)
    }

    fn t(r: &str, a: &str, c: u32, act: u32) -> (String, String, u32, u32) {
        (r.into(), a.into(), c, act)
    }

    #[test]
    fn tables_are_sorted_for_lookup_and_consistent() {
        assert!(VERBS.windows(2).all(|w| w[0].0 < w[1].0), "VERBS sorted");
        for (w, a) in VERBS.iter().chain(KO_VERBS) {
            assert!(api_activity(a).is_some(), "{w} -> {a} not an action");
        }
        for (a, act, _) in ACTIONS {
            assert!(activity_name(API_ACTIVITY, *act).is_some(), "{a}");
        }
    }

    #[test]
    fn words_split_at_separators_and_humps() {
        assert_eq!(
            words("detail_configuration_PUSH_modify_token_policy"),
            [
                "detail",
                "configuration",
                "push",
                "modify",
                "token",
                "policy"
            ]
        );
        assert_eq!(words("createUserGroup"), ["create", "user", "group"]);
        assert_eq!(
            words("DB_INSTANCE_DB_USER_CREATE"),
            ["db", "instance", "db", "user", "create"]
        );
        assert_eq!(words("sending-cancellation"), ["sending", "cancellation"]);
        assert_eq!(words("look_up"), ["look_up"]);
    }

    #[test]
    fn a_verb_that_says_how_leaves_the_resource_to_the_segment_before() {
        assert_eq!(
            said(
                "event_id.iaas.routing_table.set_as_default",
                "Set Default Routing Table",
                ""
            ),
            t("routing_table", "modify", 6003, 3)
        );
        assert_eq!(
            said(
                "event_id.gameanvil.deployfile.set_as_non_default",
                "",
                "배포 파일 Default 해제"
            ),
            t("deployfile", "modify", 6003, 3)
        );
    }

    #[test]
    fn the_ids_of_the_issue() {
        assert_eq!(
            said("event_id.iaas.instance.create", "", ""),
            t("instance", "create", 6003, 1)
        );
        assert_eq!(
            said("event_id.iaas.security_group_rule.delete", "", ""),
            t("security_group_rule", "delete", 6003, 4)
        );
        assert_eq!(
            said(
                "event_id.cloud_trail.delete_log_save_download_config",
                "",
                ""
            ),
            t("log_save_download_config", "delete", 6003, 4)
        );
        assert_eq!(
            said(
                "event_id.notification_hub.detail_configuration_PUSH_modify_token_policy",
                "",
                ""
            ),
            t("token_policy", "modify", 6003, 3)
        );
        assert_eq!(
            said("event_id.budget.create", "Add Budget", ""),
            t("budget", "create", 6003, 1)
        );
        assert_eq!(
            said("event_id.iaas.nodegroup.update_userscript.end", "", ""),
            t("userscript", "modify", 6003, 3)
        );
        assert_eq!(
            said("event_id.gameanvil.autoscale.start", "", ""),
            t("autoscale", "start", 6003, 99)
        );
    }

    #[test]
    fn names_place_an_id_without_a_verb() {
        let m = rules_nhn(&nhn("event_id.cdn.auth_token", "Create an Auth Token", ""));
        assert_eq!((m.action.as_str(), m.by), ("create", DecidedBy::NameEn));
        let m = rules_nhn(&nhn("event_id.x.widget", "", "위젯 생성"));
        assert_eq!((m.action.as_str(), m.by), ("create", DecidedBy::NameKo));
        let m = rules_nhn(&nhn("event_id.tstprd01.test03", "Test03", "테스트03"));
        assert_eq!((m.activity_id, m.by), (0, DecidedBy::Unplaced));
    }

    #[test]
    fn accounts_and_credentials_are_account_changes() {
        assert_eq!(
            said("event_id.cloud_access.user_create", "", ""),
            t("user", "create", 3001, 1)
        );
        assert_eq!(
            said("event_id.cloud_access.user_password_reset", "", ""),
            t("user_password", "reset", 3001, 4)
        );
        assert_eq!(
            said("event_id.cloud_access.user_login_failure_reset", "", ""),
            t("user_login_failure", "reset", 3001, 12)
        );
        assert_eq!(
            said("event_id.project.role_group.members.add", "", ""),
            t("member", "create", 3001, 7)
        );
        assert_eq!(
            said("event_id.project.member.delete", "", ""),
            t("member", "delete", 3001, 6)
        );
        assert_eq!(
            said("event_id.iam.login", "IAM Login", ""),
            t("iam", "login", 3002, 1)
        );
        // Reading an account is API Activity.
        assert_eq!(
            said("event_id.object_storage.account.lookup", "", ""),
            t("account", "read", 6003, 2)
        );
    }

    #[test]
    fn overrides_are_checked() {
        let o = |c, a| ClassificationOverride {
            event: "event_id.x.y".into(),
            resource_type: None,
            action: None,
            class_uid: c,
            activity_id: a,
            reason: "r".into(),
        };
        assert!(check_override(&o(Some(6003), Some(7))).is_some());
        assert!(check_override(&o(Some(3001), None)).is_some());
        assert!(check_override(&o(Some(3001), Some(7))).is_none());
    }

    #[test]
    fn apply_places_overrides_records_changes_and_reports() {
        let mut catalog = Catalog::default();
        catalog.nhn.events = vec![
            nhn("event_id.iaas.instance.create", "", ""),
            nhn("event_id.x.widget", "Widget", ""),
        ];
        let seen = Seen {
            date: "2026-01-02".into(),
            commit: None,
        };
        let found = apply(&mut catalog, None, Some(&seen));
        let codes: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|d| (d.code.as_str(), d.subject.as_deref()))
            .collect();
        assert_eq!(codes, [("classify/unplaced", Some("event_id.x.widget"))]);
        let before = catalog.clone();
        assert!(catalog.nhn.events[0].reclassified.is_empty());

        // An override changes the meaning: recorded as a reclassification with the date.
        catalog.hand.classification.overrides = vec![
            ClassificationOverride {
                event: "event_id.iaas.instance.create".into(),
                resource_type: Some("server".into()),
                action: None,
                class_uid: None,
                activity_id: None,
                reason: "r".into(),
            },
            ClassificationOverride {
                event: "event_id.gone".into(),
                resource_type: Some("x".into()),
                action: None,
                class_uid: None,
                activity_id: None,
                reason: "r".into(),
            },
        ];
        let found = apply(&mut catalog, Some(&before), Some(&seen));
        assert!(found.iter().any(|d| d.code == "classify/unused-override"));
        let e = &catalog.nhn.events[0];
        let m = e.meaning.as_ref().unwrap();
        assert_eq!(
            (m.resource_type.as_str(), m.by),
            ("server", DecidedBy::Override)
        );
        assert_eq!(e.reclassified.len(), 1);
        assert_eq!(e.reclassified[0].from.resource_type, "instance");
        let days = crate::changes::changes(&catalog.nhn, None);
        assert_eq!(days[0].reclassified[0].id, "event_id.iaas.instance.create");

        // The same import again records nothing new.
        let again = catalog.clone();
        apply(&mut catalog, Some(&again), Some(&seen));
        assert_eq!(catalog.nhn.events[0].reclassified.len(), 1);
    }
}
