"""Clients that openapi-generator writes from the OpenAPI document, built and run (by `tests/api.rs`).

Usage: python3 check_clients.py DOCUMENT MESSAGES

1. openapi-generator (the jar of the PyPI package `openapi-generator-cli`) writes four clients: Rust (reqwest, blocking), TypeScript (typescript-fetch), Go and Java
   (library `native`, Jackson). Every warning it prints fails the check, except the three it
   prints for any document of this kind (listed in EXPECTED_WARNINGS). Each client must have one
   model per schema component and no other: a generator that has to invent a name for an inline
   schema (an `allOf` member, a `oneOf` branch, an object without a component) adds a model.
2. Each client is built (cargo from crates.io, in a target folder outside the workspace; tsc from
   `clients/typescript`; Debian's Go with the standard library alone; javac with Debian's Jackson)
   and runs its check program from `clients/`: every guide example (requests and responses, both
   versions, every locale) and every message of MESSAGES (real-shaped ones: `userCode` as integer
   and as string, `pageable` as string and as object, counts above 2^31, event IDs the catalogue
   does not know) is decoded with the client's model and encoded back unchanged.
3. Each client sends one v2.0 search request with a known event ID to a local HTTP server
   (127.0.0.1, this process), which checks that the body is what the API accepts (it validates
   against the request schema and carries the ID as a plain string) and answers with a guide
   example, which the client must decode unchanged.

Exit status: 0 all passed; 1 a check failed (each failure is printed); 3 a tool is missing
(`missing: NAME` is printed, so that the caller can skip outside CI).
"""

import atexit
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLIENTS = HERE / "clients"
TSC = CLIENTS / "typescript" / "node_modules" / ".bin" / "tsc"
# Debian's packages (libjackson2-databind-java and what it depends on, libjakarta-annotation-api-java).
JAVA_LIBS = ["jackson-annotations", "jackson-core", "jackson-databind", "jakarta-annotation-api"]

# Warnings openapi-generator prints for every document like this one, whatever it says.
EXPECTED_WARNINGS = [
    # Any OpenAPI 3.1 document.
    "OpenAPI 3.1 support is still in beta",
    # The Rust generator names its content-type enum for every JSON body.
    "ApplicationJson cannot be used as a model name",
    # The Java generator skips every example of a request body that is an object.
    "Ignoring complex example on request body",
]

GENERATORS = {
    "rust": {"generatorName": "rust", "additionalProperties": {"packageName": "cloudtrail", "supportAsync": False}},
    "typescript": {"generatorName": "typescript-fetch"},
    "go": {
        "generatorName": "go",
        "additionalProperties": {
            "packageName": "cloudtrail", "gitHost": "example.invalid", "gitUserId": "check", "gitRepoId": "cloudtrail",
            "generateInterfaces": False,
        },
    },
    "java": {
        "generatorName": "java",
        "library": "native",
        # No JsonNullable (jackson-databind-nullable is no Debian package) and no query-string
        # helpers in the models (they need ApiClient, which needs jackson-datatype-jsr310).
        # Jakarta's annotations: Debian packages them (libjakarta-annotation-api-java), and javax's
        # `Generated` is no part of the JDK since Java 11.
        "additionalProperties": {"openApiNullable": False, "supportUrlQuery": False, "useJakartaEe": True},
    },
}

FAILURES = []
TIMES = {}


def fail(message):
    FAILURES.append(message)
    print(f"FAIL {message}")


def missing(name):
    print(f"missing: {name}")
    sys.exit(3)


def run(what, command, cwd=None, env=None, log=False):
    """Runs a command; returns its stdout (with `log`, and its stderr), or None after reporting the failure."""
    start = time.monotonic()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    TIMES[what] = TIMES.get(what, 0) + time.monotonic() - start
    if done.returncode != 0:
        fail(f"{what} failed ({' '.join(map(str, command[:3]))} ...): {done.stdout[-3000:]}{done.stderr[-3000:]}")
        return None
    return done.stdout + done.stderr if log else done.stdout


def tools():
    for tool in ("java", "javac", "go", "cargo", "node"):
        if shutil.which(tool) is None:
            missing(tool)
    try:
        import openapi_generator_cli
    except ImportError:
        missing("openapi_generator_cli")
    jar = Path(openapi_generator_cli.__file__).parent / "openapi-generator.jar"
    if not jar.exists():
        missing("openapi-generator.jar")
    if not TSC.exists():
        missing(f"tsc ({TSC.relative_to(HERE)}: npm ci there)")
    libs = []
    for lib in JAVA_LIBS:
        path = Path("/usr/share/java") / f"{lib}.jar"
        if not path.exists():
            missing(f"{path} (Debian's Jackson)")
        libs.append(str(path))
    return jar, libs


def examples(doc):
    """(schema name, value) of every example the document carries."""
    out = []
    for uri, item in sorted(doc["paths"].items()):
        op = item["post"]
        for media in (op["requestBody"]["content"]["application/json"], op["responses"]["200"]["content"]["application/json"]):
            name = media["schema"]["$ref"].rsplit("/", 1)[1]
            for locale, e in sorted(media.get("examples", {}).items()):
                if "$ref" in e:
                    e = doc["components"]["examples"][e["$ref"].rsplit("/", 1)[1]]
                out.append((f"the {locale} {name} example", name, e["value"]))
    return out


def generate(jar, spec, root):
    """Writes every client with openapi-generator (one JVM per generator, run side by side: its
    `batch` command hides the generators' warnings); returns the output folders."""
    started = time.monotonic()
    runs, outputs = {}, {}
    for lang, config in GENERATORS.items():
        outputs[lang] = root / lang / "cloudtrail"
        command = ["java", "-jar", str(jar), "generate", "--input-spec", str(spec), "--output", str(outputs[lang]),
                   "--generator-name", config["generatorName"]]
        if "library" in config:
            command += ["--library", config["library"]]
        for key, value in config.get("additionalProperties", {}).items():
            command += ["--additional-properties", f"{key}={str(value).lower() if isinstance(value, bool) else value}"]
        runs[lang] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ok = True
    for lang, proc in runs.items():
        log = proc.communicate()[0]
        if proc.returncode != 0:
            fail(f"openapi-generator ({lang}) failed: {log[-3000:]}")
            ok = False
            continue
        for w in sorted({line.strip() for line in log.splitlines() if " WARN " in line}):
            if not any(e in w for e in EXPECTED_WARNINGS):
                fail(f"openapi-generator ({lang}) warns: {w}")
    TIMES["openapi-generator"] = time.monotonic() - started
    return outputs if ok else None


def models(lang, out):
    """The model names a client has (file stems)."""
    patterns = {
        "rust": ("src/models", ".rs", {"mod"}),
        "typescript": ("models", ".ts", {"index"}),
        "go": (".", ".go", set()),
        "java": ("src/main/java/org/openapitools/client/model", ".java", {"AbstractOpenApiSchema"}),
    }
    folder, ext, skip = patterns[lang]
    stems = [p.stem for p in (out / folder).glob(f"*{ext}") if p.stem not in skip]
    if lang == "go":
        stems = [s for s in stems if s.startswith("model_")]
    return sorted(stems)


def build(lang, out, libs, target_dir):
    """Builds the check program of one client; returns the command that runs it."""
    work = out.parent
    if lang == "rust":
        for name in ("Cargo.toml", "Cargo.lock", "main.rs"):
            shutil.copy(CLIENTS / "rust" / name, work / name)
        env = dict(os.environ, CARGO_TARGET_DIR=str(target_dir))
        if run("cargo build (rust client)", ["cargo", "build", "--locked", "--quiet"], cwd=work, env=env) is None:
            return None
        return [str(target_dir / "debug" / "check-rust-client")]
    if lang == "typescript":
        shutil.copy(CLIENTS / "typescript" / "main.ts", work / "main.ts")
        types = CLIENTS / "typescript" / "node_modules" / "@types"
        command = [str(TSC), "--strict", "--target", "es2020", "--module", "commonjs", "--lib", "es2020,dom",
                   "--typeRoots", str(types), "--types", "node", "--outDir", str(work / "js"), str(work / "main.ts")]
        if run("tsc (typescript client)", command, cwd=work) is None:
            return None
        return ["node", str(work / "js" / "main.js")]
    if lang == "go":
        shutil.copy(CLIENTS / "go" / "main.go", work / "main.go")
        (work / "go.mod").write_text(
            "module check\n\ngo 1.19\n\nrequire example.invalid/check/cloudtrail v0.0.0\n\n"
            "replace example.invalid/check/cloudtrail => ./cloudtrail\n")
        (work / "main.go").write_text((work / "main.go").read_text().replace(
            '"example.invalid/cloudtrail"', '"example.invalid/check/cloudtrail"'))
        env = dict(os.environ, GOPROXY="off", GOFLAGS="-mod=mod", GOTOOLCHAIN="local")
        if run("go build (go client)", ["go", "build", "-o", "check-go-client", "."], cwd=work, env=env) is None:
            return None
        return [str(work / "check-go-client")]
    if lang == "java":
        sources = sorted(str(p) for p in (out / "src/main/java/org/openapitools/client/model").glob("*.java"))
        classes = work / "classes"
        classpath = ":".join(libs)
        command = ["javac", "-nowarn", "-encoding", "UTF-8", "-cp", classpath, "-d", str(classes),
                   *sources, str(CLIENTS / "java" / "Main.java")]
        if run("javac (java client)", command) is None:
            return None
        return ["java", "-cp", f"{classes}:{classpath}", "Main"]
    raise ValueError(lang)


class Server:
    """A local HTTP server that records each request and answers with one response example."""

    def __init__(self, answer):
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                server.requests.append((self.path, dict(self.headers), body))
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def request_validator(doc):
    import jsonschema
    import referencing
    resource = referencing.Resource.from_contents(doc, default_specification=referencing.jsonschema.DRAFT202012)
    registry = referencing.Registry().with_resource("urn:doc", resource)
    return jsonschema.Draft202012Validator({"$ref": "urn:doc#/components/schemas/EventSearchRequestV2_0"}, registry=registry)


def with_defaults(value, schema, doc):
    """The value with every absent field that has a `default` set to it (through `$ref`s and objects)."""
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    if not isinstance(value, dict):
        return value
    out = dict(value)
    for key, prop in schema.get("properties", {}).items():
        if key in out:
            out[key] = with_defaults(out[key], prop, doc)
        elif "default" in prop:
            out[key] = prop["default"]
    return out


def check(lang, command, cases, doc, event_id, answer):
    server = Server(answer)
    cases_file = Path(tempfile.mkstemp(suffix=".json")[1])
    atexit.register(cases_file.unlink, True)
    cases_file.write_text(json.dumps([{"schema": name, "value": value} for _, name, value in cases]))
    try:
        out = run(f"{lang} client", [*command, str(cases_file), server.url, event_id])
    finally:
        server.close()
    if out is None:
        return
    lines = out.strip().splitlines()
    if len(lines) != 2:
        fail(f"the {lang} client printed {len(lines)} lines, not 2: {out[-2000:]}")
        return
    results, sent = json.loads(lines[0]), json.loads(lines[1])
    for (what, name, value), result in zip(cases, results):
        # A client may fill in a field's documented default (Java's models do: `page.limit` 20).
        defaults = with_defaults(value, {"$ref": f"#/components/schemas/{name}"}, doc)
        if "error" in result:
            fail(f"the {lang} client cannot decode {what}: {result['error'][:500]}")
        elif result["ok"] not in (value, defaults):
            fail(f"the {lang} client changes {what}: {json.dumps(result['ok'])[:500]}")
    if len(server.requests) != 1:
        fail(f"the {lang} client sent {len(server.requests)} requests, not 1 ({sent})")
        return
    path, headers, body = server.requests[0]
    if path != "/cloud-trail/v2.0/appkeys/check-app-key/events/search":
        fail(f"the {lang} client posted to {path}")
    try:
        body = json.loads(body)
    except ValueError:
        fail(f"the {lang} client sent no JSON: {body[:200]!r}")
        return
    errors = [e.message for e in request_validator(doc).iter_errors(body)]
    if errors:
        fail(f"the {lang} client's request is not one the API accepts: {errors[:3]} in {body}")
    if body.get("eventId") != event_id:
        fail(f"the {lang} client sent eventId {body.get('eventId')!r}, not {event_id!r}")
    if "error" in sent:
        fail(f"the {lang} client's call failed: {sent['error'][:500]}")
    elif sent["ok"] != answer:
        fail(f"the {lang} client changes the answer: {json.dumps(sent['ok'])[:500]}")


def main():
    doc = json.loads(Path(sys.argv[1]).read_text())
    messages = json.loads(Path(sys.argv[2]).read_text())
    jar, libs = tools()
    root = Path(tempfile.mkdtemp(prefix="cloudtrail-clients-"))
    atexit.register(shutil.rmtree, root, True)
    spec = root / "openapi.json"
    spec.write_text(json.dumps(doc))
    # cargo's build folder lives outside the workspace and across runs: the client's dependencies
    # (reqwest, serde) are built once.
    target_dir = Path(tempfile.gettempdir()) / "cloudtrail-client-check-target"
    started = time.monotonic()
    outputs = generate(jar, spec, root)
    if outputs is None:
        sys.exit(1)
    # A component that is a plain string (`EventId`) is an alias, no model: every generator types
    # its fields `string` directly.
    components = len([s for s in doc["components"]["schemas"].values() if s.get("type") != "string" or "enum" in s])
    for lang, out in outputs.items():
        names = models(lang, out)
        if len(names) != components:
            fail(f"the {lang} client has {len(names)} models for {components} object and enum components: {names}")
    cases = examples(doc) + [(f"the message `{m['why']}`", m["schema"], m["value"]) for m in messages]
    event_id = doc["components"]["schemas"]["EventId"].get("examples", ["event_id.iam.member.role.update"])[0]
    answer = next(v for what, name, v in cases if name == "EventSearchResponseV2_0")
    for lang, out in outputs.items():
        command = build(lang, out, libs, target_dir)
        if command is not None:
            check(lang, command, copy.deepcopy(cases), doc, event_id, answer)
    times = ", ".join(f"{k} {v:.0f} s" for k, v in TIMES.items())
    print(f"{len(outputs)} clients, {len(cases)} messages each, in {time.monotonic() - started:.0f} s ({times}); "
          f"{len(FAILURES)} failures")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
