"""An OCSF implementation others maintain judges the generated crate's OCSF events; run by
`tests/downstream/tests/ocsf.rs` (and so by CI).

Usage: python3 check_ocsf.py EVENTS_JSON

EVENTS_JSON is a list of OCSF events made by `cloud_trail_events::ocsf::from_v1_0` and
`from_v2_0`. Each is validated with pydantic-ocsf's OCSF 1.5.0 model of its class
(`APIActivity`, `Authentication`, `AccountChange`), which checks the required attributes, the
types and that the class, category, activity and type ids and names agree. Then, to prove the
check can fail, each class's first event is changed into an invalid one (an activity its class
lacks; no `time`), and each of those must be rejected.

Exit status: 0 all passed; 1 a check failed (each failure is printed); 3 a module is missing
(`missing: NAME` is printed, so that the caller can skip outside CI).
"""

import copy
import json
import sys

try:
    import pydantic
    from ocsf.v1_5_0.events import AccountChange, APIActivity, Authentication
except ImportError as e:
    print(f"missing: {e.name}")
    sys.exit(3)

MODELS = {6003: APIActivity, 3002: Authentication, 3001: AccountChange}
# An activity each class lacks.
FOREIGN_ACTIVITY = {6003: 7, 3002: 12, 3001: 42}


def rejected(model, event):
    try:
        model.model_validate(event)
    except pydantic.ValidationError:
        return True
    return False


def main():
    events = json.load(open(sys.argv[1], encoding="utf-8"))
    failures = []
    first = {}
    for i, event in enumerate(events):
        model = MODELS.get(event.get("class_uid"))
        if model is None:
            failures.append(f"event {i}: class_uid {event.get('class_uid')} is none of 3001, 3002, 6003")
            continue
        first.setdefault(event["class_uid"], event)
        try:
            # model_validate fills in names on a dict it is given; keep the input as produced.
            model.model_validate(copy.deepcopy(event))
        except pydantic.ValidationError as e:
            failures.append(f"event {i} ({event.get('api', {}).get('operation')}): {e}")
    negatives = 0
    for class_uid, event in sorted(first.items()):
        model = MODELS[class_uid]
        wrong = copy.deepcopy(event)
        wrong["activity_id"] = FOREIGN_ACTIVITY[class_uid]
        wrong["type_uid"] = class_uid * 100 + FOREIGN_ACTIVITY[class_uid]
        wrong.pop("activity_name", None)
        untimed = copy.deepcopy(event)
        del untimed["time"]
        for what, bad in (("an activity the class lacks", wrong), ("no time", untimed)):
            negatives += 1
            if not rejected(model, bad):
                failures.append(f"class {class_uid}: an event with {what} was accepted")
    for f in failures:
        print(f"FAIL {f}")
    print(f"{len(events)} events validated, {negatives} invalid ones rejected; {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
