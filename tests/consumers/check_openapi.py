"""Real consumers of the generated OpenAPI document, run by `tests/api.rs` (and so by CI).

Usage: python3 check_openapi.py DOCUMENT MEMBER_RULE_CASES TIMESTAMP_CASES

1. JSON Schema (Draft 2020-12, `jsonschema` with format checks on): every guide example the
   document carries validates against its operation's schema; a response whose `eventTime` is no
   timestamp does not; the request schema accepts and rejects the member-rule cases exactly as
   the generated crate's `validate()` does, and timestamps as the cases say (both cases files are
   shared with the Rust tests in `tests/downstream/`).
2. Generated clients: `datamodel-code-generator` writes pydantic v2 models, and
   `openapi-python-client` a whole client package (attrs models), from the document; every guide
   example is parsed with each client's model of its version and dumped back unchanged.

Exit status: 0 all passed; 1 a check failed (each failure is printed); 3 a module is missing
(`missing: NAME` is printed, so that the caller can skip outside CI).
"""

import atexit
import copy
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import jsonschema
    import referencing
    import rfc3339_validator  # noqa: F401  (jsonschema checks `date-time` only when it is installed)
except ImportError as e:
    print(f"missing: {e.name}")
    sys.exit(3)
try:
    import datamodel_code_generator  # noqa: F401
    import openapi_python_client  # noqa: F401
    import pydantic  # noqa: F401
except ImportError as e:
    print(f"missing: {e.name}")
    sys.exit(3)

FAILURES = []


def fail(message):
    FAILURES.append(message)
    print(f"FAIL {message}")


def examples(doc):
    """(version, kind, locale, schema name, value) for every example in the document."""
    out = []
    for uri, item in sorted(doc["paths"].items()):
        version = next(s for s in uri.split("/") if s.startswith("v"))
        op = item["post"]
        bodies = [
            ("request", op["requestBody"]["content"]["application/json"]),
            ("response", op["responses"]["200"]["content"]["application/json"]),
        ]
        for kind, media in bodies:
            name = media["schema"]["$ref"].rsplit("/", 1)[1]
            for locale, e in sorted(media.get("examples", {}).items()):
                if "$ref" in e:  # the examples are components: `#/components/examples/NAME`
                    e = doc["components"]["examples"][e["$ref"].rsplit("/", 1)[1]]
                out.append((version, kind, locale, name, copy.deepcopy(e["value"])))
    return out


def validator(doc, name):
    resource = referencing.Resource.from_contents(doc, default_specification=referencing.jsonschema.DRAFT202012)
    registry = referencing.Registry().with_resource("urn:doc", resource)
    schema = {"$ref": f"urn:doc#/components/schemas/{name}"}
    cls = jsonschema.Draft202012Validator
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


def check_schemas(doc, cases):
    found = examples(doc)
    if sum(1 for e in found if e[1] == "response") < 2:
        fail(f"the document carries too few response examples ({len(found)} examples in all)")
    for version, kind, locale, name, value in found:
        errors = [e.message for e in validator(doc, name).iter_errors(value)]
        if errors:
            fail(f"the {locale} {version} {kind} example does not validate against {name}: {errors[:3]}")
    # Format checks are on: an `eventTime` that is no timestamp is rejected.
    for version, kind, locale, name, value in found:
        if kind == "response" and value.get("page", {}).get("content"):
            bad = copy.deepcopy(value)
            bad["page"]["content"][0]["eventTime"] = "yesterday"
            if validator(doc, name).is_valid(bad):
                fail(f"{name} accepts `eventTime: yesterday`")
            break
    if '"format": "date-time"' in json.dumps(doc):
        fail("the document still declares `format: date-time`, which the guide's timestamps do not meet")
    for case in cases:
        for version in ("V1_0", "V2_0"):
            name = f"EventSearchRequest{version}"
            ok = validator(doc, name).is_valid(case["request"])
            if ok != case["valid"]:
                fail(f"{name}: case `{case['name']}` is {'accepted' if ok else 'rejected'}, validate() says {case['valid']}")


def check_timestamps(doc, cases):
    for version, kind, locale, name, value in examples(doc):
        if kind != "request":
            continue
        for case in cases:
            request = copy.deepcopy(value)
            request["startDate"] = case["text"]
            ok = validator(doc, name).is_valid(request)
            if ok != case["schema"]:
                fail(f"{name}: startDate `{case['text']}` ({case['why']}) is {'accepted' if ok else 'rejected'}")
        return
    fail("no request example to check timestamps with")


def generate(doc, tool, out_name, command):
    """Runs a generator on the document in a scratch folder (removed at exit); returns
    (folder, output path) or None."""
    tmp = tempfile.mkdtemp(prefix="cloudtrail-client-")
    atexit.register(shutil.rmtree, tmp, True)
    spec = Path(tmp) / "openapi.json"
    spec.write_text(json.dumps(doc))
    out = Path(tmp) / out_name
    run = subprocess.run([sys.executable, "-m", *command(spec, out)], capture_output=True, text=True)
    if run.returncode != 0 or not out.exists():
        fail(f"{tool} failed: {run.stdout[-2000:]}{run.stderr[-2000:]}")
        return None
    return tmp, out


def round_trip_examples(doc, tool, models, parse_and_dump):
    """Every example parsed with the client's model of its schema and dumped back unchanged."""
    for version, kind, locale, name, value in examples(doc):
        what = f"the {locale} {version} {kind} example"
        model = getattr(models, name.replace("_", ""), None)
        if model is None:
            fail(f"the {tool} client has no model for {name}")
            continue
        try:
            back = parse_and_dump(model, value)
        except Exception as e:  # whatever a generated model raises on data it cannot take
            fail(f"the {tool} client cannot parse {what}: {e!r}")
            continue
        if back != value:
            fail(f"the {tool} client changes {what} on a round trip")


def check_datamodel_code_generator(doc):
    tool = "datamodel-code-generator"
    made = generate(doc, tool, "cloudtrail_models.py", lambda spec, out: [
        "datamodel_code_generator", "--input", str(spec), "--input-file-type", "openapi", "--output", str(out),
        "--output-model-type", "pydantic_v2.BaseModel", "--formatters", "black"])
    if made is None:
        return
    module_spec = importlib.util.spec_from_file_location("cloudtrail_models", made[1])
    models = importlib.util.module_from_spec(module_spec)
    sys.modules["cloudtrail_models"] = models  # pydantic resolves the annotations through it
    module_spec.loader.exec_module(models)
    round_trip_examples(doc, tool, models, lambda m, v: m.model_validate(v).model_dump(mode="json", exclude_unset=True))


def check_openapi_python_client(doc):
    tool = "openapi-python-client"
    made = generate(doc, tool, "cloudtrail_client", lambda spec, out: [
        "openapi_python_client", "generate", "--path", str(spec), "--output-path", str(out), "--meta", "none"])
    if made is None:
        return
    sys.path.insert(0, made[0])
    try:
        models = importlib.import_module("cloudtrail_client.models")
    finally:
        sys.path.remove(made[0])
    round_trip_examples(doc, tool, models, lambda m, v: m.from_dict(v).to_dict())


def main():
    doc = json.loads(Path(sys.argv[1]).read_text())
    cases = json.loads(Path(sys.argv[2]).read_text())
    timestamps = json.loads(Path(sys.argv[3]).read_text())
    check_schemas(doc, cases)
    check_timestamps(doc, timestamps)
    check_datamodel_code_generator(doc)
    check_openapi_python_client(doc)
    n = len(examples(doc))
    print(f"{n} examples, {len(cases)} member-rule cases, {len(timestamps)} timestamps checked; {len(FAILURES)} failures")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
