#!/usr/bin/env python3
"""Schema-driven hostile-input fuzzer for a running scaleplan.

Reads openapi/openapi.yaml, enumerates every operation, builds its own fixtures through the API
(projects named fuzz-<random>, runs from a Chinchilla law, fits, a plan, a fit job, keys), sends one
valid baseline request per operation and then mutates one thing at a time (each path parameter, each
query parameter, each body field incl. nested ones, map keys, array items, whole bodies, CSV cells).

Flags: 5xx; 4xx that is not application/problem+json or lacks type/title/status/detail; bare
NaN/Infinity tokens in JSON responses; 2xx for obviously invalid values (suspicious); requests over
10 s; connection errors; rows/plans/fits/keys/projects stored by a request answered 4xx; baselines
that were not 2xx.  Prints a report grouped by operation and a summary line.  Exit code 0, unless
--fail-on-findings is given (CI: scripts/check-image.sh) and a certain finding, a failed baseline or a fatal error occurred.

Safety: only mutates or deletes its own fuzz-* projects and the keys it created; never sends a
mutating request whose project id or key id could name something that existed before it started.

"Nothing stored" is checked per mutated field: the tracked count (runs of the upload project, fits or
plans of the main project, keys, projects) must grow by exactly what the 2xx answers created; if not,
the rejected requests are replayed one by one with a count check around each.  PATCH compares the
project before and after every rejected request.

Usage:
  python3 scripts/fuzz-api.py [--base http://localhost:8462] [--key KEY] [--only opId,opId]
                              [--max-requests 6000] [--json-out /tmp/fuzz.json] [--log /tmp/fuzz.jsonl]
                              [--keep-fixtures] [--fail-on-findings]
Environment: SCALEPLAN_URL, SCALEPLAN_KEY (defaults: http://localhost:8462, bench-admin-key-0123456789)
"""
import argparse
import copy
import json
import math
import os
import random
import re
import sys
import time
import traceback
import urllib.parse

import requests
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
METHODS = ("get", "post", "put", "patch", "delete")
INT_RANGES = {"int32": (-2**31, 2**31 - 1), "int64": (-2**63, 2**63 - 1), None: (-2**63, 2**63 - 1)}


# ---------------------------------------------------------------------------------------------
# JSON with raw tokens


class Raw:
    """A token written verbatim into the JSON body (1e400, NaN, Infinity, huge integers...)."""

    def __init__(self, token, num=None):
        self.token = token
        self.num = num  # the number it stands for, as far as Python can tell (inf, nan, ...)

    def __repr__(self):
        return self.token


class _Missing:
    def __repr__(self):
        return "<missing>"

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


MISSING = _Missing()


def dumps(v, abbreviate=False):
    """Serialise with Raw tokens; abbreviate=True shortens long strings for display."""
    if isinstance(v, Raw):
        return v.token
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            raise ValueError("use Raw for non-finite numbers")
        return repr(v)
    if isinstance(v, str):
        if abbreviate and len(v) > 120:
            return json.dumps("<%d chars: %s...>" % (len(v), v[:20]), ensure_ascii=False)
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        if abbreviate and len(v) > 20:
            return "[" + ",".join(dumps(x, True) for x in v[:3]) + ",...<%d items>]" % len(v)
        return "[" + ",".join(dumps(x, abbreviate) for x in v) + "]"
    if isinstance(v, dict):
        items = list(v.items())
        if abbreviate and len(items) > 20:
            return "{" + ",".join(dumps(str(k), True) + ":" + dumps(x, True) for k, x in items[:3]) \
                + ",...<%d entries>}" % len(items)
        return "{" + ",".join(dumps(str(k), abbreviate) + ":" + dumps(x, abbreviate) for k, x in items) + "}"
    raise TypeError(type(v))


def short(s, n=300):
    s = s if isinstance(s, str) else repr(s)
    s = s.replace("\n", "\\n").replace("\r", "\\r")
    return s if len(s) <= n else s[:n] + "...(%d chars)" % len(s)


# ---------------------------------------------------------------------------------------------
# hostile values

BIG = "x" * 100_000
UNICODE = "a\u0000b\u001b[31m\u202e\U0001F600\uffff\u00e9"

# (label, value, numeric meaning or None)
BODY_HOSTILE = [
    ("0", 0, 0.0),
    ("-1", -1, -1.0),
    ("-0.0", Raw("-0.0"), -0.0),
    ("1e400 (raw)", Raw("1e400"), float("inf")),
    ("1e308", 1e308, 1e308),
    ("1e-320 (raw)", Raw("1e-320"), 1e-320),
    ("NaN (raw)", Raw("NaN"), float("nan")),
    ("Infinity (raw)", Raw("Infinity"), float("inf")),
    ("-Infinity (raw)", Raw("-Infinity"), float("-inf")),
    ('"NaN"', "NaN", None),
    ('"Infinity"', "Infinity", None),
    ('"-Infinity"', "-Infinity", None),
    ('""', "", None),
    ('"abc"', "abc", None),
    ("100kB string", BIG, None),
    ("null", None, None),
    ("true", True, None),
    ("[]", [], None),
    ("{}", {}, None),
    ("99999999999999999999999", Raw("99999999999999999999999", 1e23), 1e23),
    ("-99999999999999999999999", Raw("-99999999999999999999999", -1e23), -1e23),
    ("unicode/control chars", UNICODE, None),
    ("missing", MISSING, None),
]
INTEGER_EXTRA = [("1.5 (fraction)", 1.5, 1.5)]

PARAM_HOSTILE = [
    "0", "-1", "-0.0", "1e400", "1e308", "1e-320", "NaN", "Infinity", "-Infinity", "", "abc", BIG,
    "null", "true", "[]", "{}", "99999999999999999999999", "-99999999999999999999999", UNICODE,
]
PARAM_INTEGER_EXTRA = ["1.5"]

CSV_HOSTILE = ["0", "-1", "-0.0", "1e400", "1e308", "1e-320", "NaN", "Infinity", "-Infinity", "abc", "",
               '""', BIG, "null", "true", "99999999999999999999999", "-99999999999999999999999",
               '"' + UNICODE.replace("\u0000", "") + '"', "=1+1"]


def param_label(v):
    if v is MISSING:
        return "missing"
    if len(v) > 120:
        return "%d-char string" % len(v)
    if v == UNICODE:
        return "unicode/control chars"
    return repr(v)


# Facts stated in parameter descriptions (not in their schemas), used to judge "obviously invalid".
PARAM_HINTS = {
    "page": {"min": 0, "int": True},
    "size": {"min": 1, "max": 1000, "int": True},
    "wait": {"min": 0, "max": 60, "int": True},
    "points": {"min": 2, "max": 500, "int": True},
    "width": {"min": 320, "max": 3000, "int": True},
    "height": {"min": 240, "max": 2000, "int": True},
    "experts": {"min": 1, "int": True},
    "flops": {"positive": True}, "parameters": {"positive": True}, "tokens": {"positive": True},
    "uniqueTokens": {"positive": True}, "from": {"positive": True}, "to": {"positive": True},
    "fixed": {"positive": True},
    "axis": {"enum": ["flops", "parameters", "tokens"]},
    "band": {"enum": ["confidence", "prediction", "calibrated"]},
    "kind": {"enum": ["loss-vs-compute", "isoflop", "residuals", "downstream"]},
    "projectId": {"pattern": r"[a-z0-9][a-z0-9-]{0,62}"},
    "fitId": {"min": 1, "int": True}, "planId": {"min": 1, "int": True}, "runId": {"min": 1, "int": True},
    "jobId": {"min": 1, "int": True}, "keyId": {"min": 1, "int": True},
    "metricFits": {"list_of_positive_int": True},
    ("compareDatasets", "form"): {"enum": ["chinchilla", "kaplan"]},
    ("getLatestFit", "form"): {"enum": ["chinchilla", "kaplan", "power-law-parameters", "power-law-tokens",
                                        "power-law-flops", "moe", "data-constrained", "downstream", "isoflop"]},
    ("cancelFitJobs", "status"): {"enum": ["queued", "running"]},
    ("listFitJobs", "status"): {"enum_list": ["queued", "running", "succeeded", "failed", "cancelled"]},
}

# Baseline query values that differ from the descriptions' "For example" values, and why.
QUERY_OVERRIDES = {
    ("createFit", "wait"): "60",           # answer synchronously (201), not 202
    ("predictLoss", "flops"): MISSING,     # parameters+tokens or flops, not both
    ("predictLoss", "experts"): MISSING,   # experts under a dense fit is a 422 by design
    ("predictLoss", "metrics"): "hellaswag",  # the example's loss_wiki has no downstream fit here
}

# Query parameters that only take effect in another mode get a second baseline in that mode.
QUERY_VARIANTS = {
    "getCurve": [("axis=parameters", {"axis": "parameters", "fixed": "1e10", "from": "1e7", "to": "1e10"},
                  {"fixed", "from", "to", "points"})],
    "predictLoss": [("flops only", {"parameters": MISSING, "tokens": MISSING, "flops": "1e21"}, {"flops", "band"})],
}
NUMBER_RE = r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?"


def desc_bounds(desc):
    """Bounds stated in a description: '(1 to 1e15)', 'integer ≥ 1', 'at most 0.5'."""
    out = {}
    if not desc:
        return out
    m = re.search(r"(?<![\w.])(%s) to (%s)(?![\w])" % (NUMBER_RE, NUMBER_RE), desc, re.I)
    if m:
        out["min"], out["max"] = float(m.group(1)), float(m.group(2))
    m = re.search(r"≥ (%s)(?![\w])" % NUMBER_RE, desc)
    if m and "min" not in out and "magnitude" not in desc[max(0, m.start() - 15):m.start()]:
        out["min"] = float(m.group(1))
    if "1e-300" in desc:
        out["no_subnormal"] = True
    m = re.search(r"values ≤ (\d+) characters", desc)
    if m:
        out["value_max_length"] = int(m.group(1))
    return out


# ---------------------------------------------------------------------------------------------
# spec


def load_spec(path):
    with open(path) as f:
        spec = yaml.safe_load(f)

    def resolve(node, depth=0):
        if depth > 40:
            return node
        if isinstance(node, dict):
            if "$ref" in node:
                ref = node["$ref"]
                target = spec
                for part in ref.lstrip("#/").split("/"):
                    target = target[part]
                merged = dict(resolve(target, depth + 1))
                for k, v in node.items():
                    if k != "$ref":
                        merged[k] = resolve(v, depth + 1)
                return merged
            return {k: resolve(v, depth + 1) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(x, depth + 1) for x in node]
        return node

    ops = []
    for path, item in spec["paths"].items():
        common = item.get("parameters", [])
        for method, op in item.items():
            if method not in METHODS:
                continue
            op = resolve(op)
            params = [resolve(p) for p in common] + op.get("parameters", [])
            body = {}
            rb = op.get("requestBody")
            if rb:
                for media, mt in rb.get("content", {}).items():
                    body[media] = {"schema": mt.get("schema", {}),
                                   "examples": [e.get("value") for e in (mt.get("examples") or {}).values()
                                                if isinstance(e, dict) and "value" in e]
                                   + ([mt["example"]] if "example" in mt else [])}
            ops.append({"id": op.get("operationId") or method + path, "method": method.upper(), "path": path,
                        "params": params, "body": body, "body_required": bool(rb and rb.get("required")),
                        "responses": list(op.get("responses", {}).keys())})
    return spec, ops


def schema_example(schema, depth=0):
    """A value for a schema from its example/default/enum, recursing into objects and arrays."""
    if depth > 8 or not isinstance(schema, dict):
        return None
    if "example" in schema:
        return copy.deepcopy(schema["example"])
    if "default" in schema:
        return copy.deepcopy(schema["default"])
    if "enum" in schema:
        return schema["enum"][0]
    t = schema.get("type")
    if t == "object" or "properties" in schema:
        out = {}
        for name, sub in (schema.get("properties") or {}).items():
            v = schema_example(sub, depth + 1)
            if v is not None:
                out[name] = v
        return out
    if t == "array":
        v = schema_example(schema.get("items", {}), depth + 1)
        return [] if v is None else [v]
    if t == "integer":
        return max(1, int(schema.get("minimum", 1)))
    if t == "number":
        return float(schema.get("minimum", 1) or 1)
    if t == "boolean":
        return False
    if t == "string":
        return "fuzz"
    return None


def walk_fields(schema, prefix, required_set=(), depth=0):
    """Yield (path, schema, required, kind) for every field below an object schema.
    kind: 'field' | 'item' (array element) | 'mapvalue' (additionalProperties value)."""
    if depth > 6 or not isinstance(schema, dict):
        return
    props = schema.get("properties") or {}
    req = set(schema.get("required") or [])
    for name, sub in props.items():
        p = prefix + [name]
        yield p, sub, name in req, "field"
        yield from walk_children(sub, p, depth)


def walk_children(sub, p, depth):
    if not isinstance(sub, dict):
        return
    if sub.get("type") == "object" or "properties" in sub:
        if sub.get("properties"):
            yield from walk_fields(sub, p, depth=depth + 1)
        ap = sub.get("additionalProperties")
        if isinstance(ap, dict) and ap:
            ex = sub.get("example") if isinstance(sub.get("example"), dict) else None
            key = next(iter(ex)) if ex else "fuzzkey"
            yield p + [key], ap, False, "mapvalue"
            yield from walk_children(ap, p + [key], depth + 1)
    if sub.get("type") == "array":
        items = sub.get("items") or {}
        yield p + [0], items, False, "item"
        if items.get("type") == "object" or items.get("properties"):
            yield from walk_fields(items, p + [0], depth=depth + 1)


def get_at(obj, path):
    for k in path:
        if isinstance(obj, dict) and k in obj:
            obj = obj[k]
        elif isinstance(obj, list) and isinstance(k, int) and k < len(obj):
            obj = obj[k]
        else:
            return MISSING
    return obj


def set_at(obj, path, value, root_schema):
    """Set obj[path] = value (MISSING deletes), creating parents from schema examples."""
    cur, sch = obj, root_schema
    for i, k in enumerate(path[:-1]):
        sch = child_schema(sch, k)
        nxt = cur[k] if (isinstance(cur, dict) and k in cur) or (isinstance(cur, list) and k < len(cur)) else MISSING
        if nxt is MISSING or not isinstance(nxt, (dict, list)):
            nxt = schema_example(sch) if sch else {}
            if nxt is None or not isinstance(nxt, (dict, list)):
                nxt = [] if isinstance(path[i + 1], int) else {}
            if isinstance(path[i + 1], int) and not nxt:
                nxt = [schema_example((sch or {}).get("items", {}))]
            if isinstance(cur, list):
                cur[k] = nxt
            else:
                cur[k] = nxt
        cur = nxt
    last = path[-1]
    if value is MISSING:
        if isinstance(cur, dict):
            cur.pop(last, None)
        elif isinstance(cur, list) and last < len(cur):
            cur.pop(last)
    else:
        if isinstance(cur, list):
            while len(cur) <= last:
                cur.append(None)
        cur[last] = value
    return obj


def child_schema(sch, k):
    if not isinstance(sch, dict):
        return {}
    if isinstance(k, int):
        return sch.get("items") or {}
    props = sch.get("properties") or {}
    if k in props:
        return props[k]
    ap = sch.get("additionalProperties")
    return ap if isinstance(ap, dict) else {}


def path_str(path):
    out = ""
    for k in path:
        out += "[%d]" % k if isinstance(k, int) else ("." if out else "") + str(k)
    return out


# ---------------------------------------------------------------------------------------------
# judging values


def _num_of(value, num):
    """The number a hostile body value means, or None when it is not a JSON number."""
    if isinstance(value, Raw):
        return value.num if value.num is not None else num
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


def invalid_body_value(schema, value, num, required, desc_extra=None, key_pattern=None):
    """Why a body value is obviously invalid for the schema (None if it may well be valid)."""
    if value is MISSING:
        return "required field missing" if required else None
    if value is None:
        return "null for a required field" if required else None
    schema = schema or {}
    t = schema.get("type")
    hints = desc_bounds(schema.get("description", ""))
    if desc_extra:
        hints.update(desc_extra)
    if t in ("number", "integer"):
        n = _num_of(value, num)
        if n is None:
            return "not a number (%s) for a %s field" % (type(value).__name__, t)
        if math.isnan(n) or math.isinf(n):
            return "non-finite / beyond double range"
        if t == "integer":
            lo, hi = INT_RANGES.get(schema.get("format"), INT_RANGES[None])
            if isinstance(value, Raw) and re.fullmatch(r"-?\d+", value.token):
                iv = int(value.token)
                if iv < lo or iv > hi:
                    return "integer beyond %s" % (schema.get("format") or "int64")
            elif n < lo or n > hi:
                return "integer beyond %s" % (schema.get("format") or "int64")
            elif n != int(n):
                return "fraction for an integer field"
        mn = schema.get("minimum", hints.get("min"))
        mx = schema.get("maximum", hints.get("max"))
        emn = schema.get("exclusiveMinimum")
        if isinstance(emn, bool):
            emn = mn if emn else None
            mn = None if emn is not None else mn
        if mn is not None and n < float(mn):
            return "below minimum %s" % mn
        if emn is not None and n <= float(emn):
            return "not above exclusiveMinimum %s" % emn
        if mx is not None and n > float(mx):
            return "above maximum %s" % mx
        if hints.get("no_subnormal") and n != 0 and abs(n) < 1e-300:
            return "magnitude below 1e-300"
        return None
    if t == "string":
        if not isinstance(value, str):
            return "not a string (%s)" % type(value).__name__
        if "enum" in schema and value not in schema["enum"]:
            return "not one of %s" % schema["enum"]
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            return "longer than maxLength %s" % schema["maxLength"]
        if hints.get("value_max_length") and len(value) > hints["value_max_length"]:
            return "longer than %s characters" % hints["value_max_length"]
        if "minLength" in schema and len(value) < schema["minLength"]:
            return "shorter than minLength %s" % schema["minLength"]
        pat = schema.get("pattern")
        if pat:
            try:
                if not re.search(pat, value):
                    return "does not match pattern %s" % pat
            except re.error:
                pass
        return None
    if t == "array":
        if not isinstance(value, list):
            return "not an array (%s)" % type(value).__name__
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            return "more than maxItems %s" % schema["maxItems"]
        return None
    if t == "object" or "properties" in schema:
        if not isinstance(value, dict):
            return "not an object (%s)" % type(value).__name__
        return None
    if t == "boolean":
        if not isinstance(value, bool):
            return "not a boolean (%s)" % type(value).__name__
    return None


def parse_decimal(s):
    try:
        v = float(s)
    except (ValueError, OverflowError):
        return None
    return v


def invalid_param_value(op_id, name, schema, value, required=True):
    """Why a path/query parameter value is obviously invalid (None if it may well be valid)."""
    hints = dict(PARAM_HINTS.get(name, {}))
    hints.update(PARAM_HINTS.get((op_id, name), {}))
    schema = schema or {}
    if value is MISSING:
        return None
    if value == "" and not required:
        return None  # an empty optional query value reads as absent (Spring's default); not flagged
    t = schema.get("type")
    if hints.get("list_of_positive_int"):
        for part in value.split(","):
            if not re.fullmatch(r"\+?\d+", part.strip()) or int(part) <= 0 or int(part) > 2**63 - 1:
                return "not a list of positive integers"
        return None
    if t == "integer" or hints.get("int"):
        if not re.fullmatch(r"[+-]?\d+", value):
            return "not an integer"
        iv = int(value)
        lo, hi = INT_RANGES.get(schema.get("format"), INT_RANGES[None])
        if iv < lo or iv > hi:
            return "integer beyond %s" % (schema.get("format") or "int64")
        if "min" in hints and iv < hints["min"]:
            return "below %s" % hints["min"]
        if "max" in hints and iv > hints["max"]:
            return "above %s" % hints["max"]
        return None
    if schema.get("format") == "decimal" or hints.get("positive"):
        pat = schema.get("pattern")
        if pat and not re.search(pat, value):
            return "not a decimal number"
        v = parse_decimal(value)
        if v is None:
            return "not a number"
        if math.isinf(v) or math.isnan(v):
            return "non-finite / beyond double range"
        if hints.get("positive") and v <= 0:
            return "not positive"
        if hints.get("positive") and 0 < abs(v) < 2.2250738585072014e-308:
            return "subnormal double (the service's own run limits exclude these)"
        return None
    if "enum" in hints and value not in hints["enum"]:
        return "not one of %s" % hints["enum"]
    if "enum_list" in hints and any(p.strip() not in hints["enum_list"] for p in value.split(",")):
        return "not a list of %s" % hints["enum_list"]
    if "pattern" in hints and not re.fullmatch(hints["pattern"], value):
        return "does not match %s" % hints["pattern"]
    return None


# ---------------------------------------------------------------------------------------------
# HTTP


class BudgetExceeded(Exception):
    pass


class Resp:
    def __init__(self):
        self.status = None
        self.ctype = ""
        self.text = ""
        self.json = None
        self.json_ok = False
        self.nan_tokens = []
        self.elapsed = 0.0
        self.error = None
        self.headers = {}


class Client:
    def __init__(self, base, key, timeout, max_requests):
        self.base = base.rstrip("/")
        self.key = key
        self.timeout = timeout
        self.max_requests = max_requests
        self.count = 0
        self.session = requests.Session()
        self.unbudgeted = False

    def url(self, path, query=None):
        u = self.base + path
        if query:
            u += "?" + "&".join(urllib.parse.quote(k, safe=".") + "=" + urllib.parse.quote(v, safe=",:")
                                for k, v in query)
        return u

    def send(self, method, url, data=None, ctype=None, headers=None, auth=True):
        if not self.unbudgeted and self.count >= self.max_requests:
            raise BudgetExceeded()
        self.count += 1
        h = {"Accept": "application/json, application/problem+json, */*;q=0.5"}
        if auth:
            h["Authorization"] = "Bearer " + self.key
        if ctype is not None:
            h["Content-Type"] = ctype
        if headers:
            h.update(headers)
        r = Resp()
        started = time.time()
        try:
            req = requests.Request(method, url, data=data, headers=h)
            prep = self.session.prepare_request(req)
            if ctype is None and data is not None:
                prep.headers.pop("Content-Type", None)
            rr = self.session.send(prep, timeout=self.timeout, allow_redirects=False)
            r.status = rr.status_code
            r.headers = dict(rr.headers)
            r.ctype = rr.headers.get("Content-Type", "").split(";")[0].strip().lower()
            raw = rr.content
            r.text = raw.decode("utf-8", "replace")
        except requests.RequestException as e:
            r.error = "%s: %s" % (type(e).__name__, str(e)[:300])
        r.elapsed = time.time() - started
        if r.text and (r.ctype.endswith("json")):
            tokens = []

            def hook(tok):
                tokens.append(tok)
                return None
            try:
                r.json = json.loads(r.text, parse_constant=hook)
                r.json_ok = True
            except ValueError:
                r.json_ok = False
            r.nan_tokens = tokens
        return r

    def api(self, method, path, query=None, body=None, ctype="application/json", auth=True):
        """Convenience for fixtures: body is a Python object serialised as JSON."""
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else dumps(body).encode()
        elif method in ("POST", "PATCH", "PUT"):
            ctype = None
        else:
            ctype = None
        return self.send(method, self.url(path, query), data=data, ctype=ctype if data is not None else None,
                         auth=auth)


# ---------------------------------------------------------------------------------------------
# fuzzer


class Fuzzer:
    def __init__(self, args, spec, ops):
        self.args = args
        self.spec = spec
        self.ops = ops
        self.c = Client(args.base, args.key, args.timeout, args.max_requests)
        self.rng = random.Random(args.seed)
        self.tag = "%06x" % random.SystemRandom().getrandbits(24)
        self.findings = []
        self.baselines = {}
        self.sent_per_op = {}
        self.own_projects = []
        self.own_keys = []
        self.preexisting_projects = set()
        self.preexisting_keys = set()
        self.fx = {}
        self.seq = 0
        self.service_down = False
        self.logfh = open(args.log, "w") if args.log else None

    # ---- helpers -----------------------------------------------------------------------------

    def uid(self, prefix="x"):
        self.seq += 1
        return "%s-%s-%d" % (prefix, self.tag, self.seq)

    def finding(self, op, kind, severity, target, mutation, req, resp, note=""):
        f = {"op": op["id"], "route": op["method"] + " " + op["path"], "kind": kind, "severity": severity,
             "target": target, "mutation": mutation, "method": req["method"], "url": req["url_display"],
             "body": req["body_display"], "ctype": req.get("ctype"),
             "status": resp.status if resp else None, "elapsed": round(resp.elapsed, 2) if resp else None,
             "response": short(resp.error or resp.text, 300) if resp else "", "note": note,
             "title": resp.json.get("title") if resp is not None and isinstance(resp.json, dict) else None}
        self.findings.append(f)

    def fetch_all_ids(self, path, key="id"):
        ids, page = [], 0
        while True:
            r = self.c.api("GET", path, [("page", str(page)), ("size", "1000")])
            if r.status != 200 or not isinstance(r.json, dict):
                raise RuntimeError("cannot list %s: %s %s" % (path, r.status, short(r.text)))
            ids += [x.get(key) for x in r.json.get("content", [])]
            page += 1
            if page >= r.json.get("totalPages", 1):
                return ids

    def total(self, path):
        r = self.c.api("GET", path, [("page", "0"), ("size", "1")])
        if r.status == 200 and isinstance(r.json, dict):
            return r.json.get("totalElements")
        return None

    def wait_alive(self):
        for _ in range(30):
            try:
                r = requests.get(self.c.base + "/api/v1/accelerators", timeout=5,
                                 headers={"Authorization": "Bearer " + self.c.key})
                if r.status_code < 500:
                    return True
            except requests.RequestException:
                pass
            time.sleep(2)
        return False

    # ---- fixtures ----------------------------------------------------------------------------

    @staticmethod
    def chinchilla(n, d, e=1.69):
        return e + 406.4 / n ** 0.34 + 410.7 / d ** 0.28

    def make_runs(self, dataset, budgets, per_budget, e, sweep, noise=0.005, prefix="r"):
        runs = []
        for c in budgets:
            lo, hi = max(1e7, c / (6 * 1e11)), min(1e9, c / (6 * 1e9))
            for i in range(per_budget):
                n = 10 ** (math.log10(lo) + (math.log10(hi) - math.log10(lo)) * i / (per_budget - 1))
                d = c / (6 * n)
                loss = self.chinchilla(n, d, e) * math.exp(self.rng.gauss(0, noise))
                acc = 0.25 + 0.65 / (1 + math.exp(4 * (loss - 3.3)))
                runs.append({"externalId": "%s-%s-%g-%d" % (prefix, dataset, c, i), "parameters": float("%.6g" % n),
                             "tokens": float("%.6g" % d), "loss": round(loss, 6), "dataset": dataset,
                             "tags": {"sweep": sweep}, "metrics": {"hellaswag": round(acc, 6)}})
        return runs

    def new_project(self, suffix, body_extra=None):
        pid = "fuzz-%s-%s" % (self.tag, suffix)
        body = {"id": pid, "name": "fuzz fixture " + suffix}
        body.update(body_extra or {})
        r = self.c.api("POST", "/api/v1/projects", body=body)
        if r.status != 201:
            raise RuntimeError("cannot create project %s: %s %s" % (pid, r.status, short(r.text)))
        self.own_projects.append(pid)
        return pid

    def upload(self, pid, runs):
        r = self.c.api("POST", "/api/v1/projects/%s/runs" % pid, body=runs)
        if r.status not in (200, 201):
            raise RuntimeError("upload to %s failed: %s %s" % (pid, r.status, short(r.text)))
        return r.json["ids"]

    def fit(self, pid, body):
        r = self.c.api("POST", "/api/v1/projects/%s/fits" % pid, [("wait", "60")], body=body)
        if r.status == 202:
            r = self.poll_job(pid, r.json.get("id"))
        if r.status != 201 or not isinstance(r.json, dict) or "id" not in r.json:
            raise RuntimeError("fit %s on %s failed: %s %s" % (body, pid, r.status, short(r.text)))
        return r.json["id"]

    def poll_job(self, pid, job_id, limit=120):
        deadline = time.time() + limit
        r = None
        while time.time() < deadline:
            r = self.c.api("GET", "/api/v1/projects/%s/fit-jobs/%s" % (pid, job_id))
            if r.status == 200 and isinstance(r.json, dict) and r.json.get("status") in ("succeeded", "failed", "cancelled"):
                if r.json.get("fitId"):
                    r2 = self.c.api("GET", "/api/v1/projects/%s/fits/%s" % (pid, r.json["fitId"]))
                    r2.status = 201 if r2.status == 200 else r2.status
                    return r2
                return r
            time.sleep(1)
        return r

    def fresh_job(self):
        """A fit job on project J that is still queued or running (a 1000-draw bootstrap)."""
        pid = self.fx["J"]
        r = self.c.api("POST", "/api/v1/projects/%s/fits" % pid, [("wait", "0")],
                       body={"form": "chinchilla", "bootstrap": 1000, "seed": self.rng.randrange(1 << 30)})
        if r.status == 202 and isinstance(r.json, dict):
            return r.json.get("id")
        return None

    def fresh_run(self):
        pid = self.fx["S"]
        run = {"externalId": self.uid("victim"), "parameters": 3e8, "tokens": 6e9,
               "loss": round(self.chinchilla(3e8, 6e9), 6)}
        return self.upload(pid, [run])[0]

    def fresh_key(self):
        r = self.c.api("POST", "/api/v1/keys", body={"name": self.uid("fuzz-key"), "scopes": ["read"]})
        if r.status != 201:
            raise RuntimeError("cannot create key: %s %s" % (r.status, short(r.text)))
        kid = created_key_id(r.json)
        self.own_keys.append(kid)
        return kid

    def setup(self):
        self.preexisting_projects = set(self.fetch_all_ids("/api/v1/projects"))
        self.preexisting_keys = set(self.fetch_all_ids("/api/v1/keys"))
        print("pre-existing: %d projects, %d keys (left alone)" % (len(self.preexisting_projects),
                                                                   len(self.preexisting_keys)))
        budgets = [3e17, 1e18, 3e18, 1e19, 3e19, 1e20]
        main_runs = self.make_runs("web-v2", budgets, 5, 1.69, "1")
        other_runs = self.make_runs("web-v1", [1e18, 1e19, 1e20], 5, 1.75, "2")
        P = self.new_project("main", {"description": "fuzz fixture: reads, fits, plans"})
        self.upload(P, main_runs + other_runs)
        self.fx["P"] = P
        self.fx["fit"] = self.fit(P, {"form": "chinchilla", "bootstrap": 20, "filter": {"dataset": "web-v2"}})
        self.fx["isoflop"] = self.fit(P, {"form": "isoflop", "bootstrap": 20, "filter": {"dataset": "web-v2"}})
        self.fx["downstream"] = self.fit(P, {"form": "downstream", "metric": "hellaswag", "shape": "sigmoid",
                                             "bootstrap": 20})
        # chinchilla again so that it is the latest chinchilla fit (agreement, default plans)
        self.fx["fit"] = self.fit(P, {"form": "chinchilla", "bootstrap": 20, "filter": {"dataset": "web-v2"}})
        r = self.c.api("POST", "/api/v1/projects/%s/plans" % P,
                       body={"objective": "compute-optimal", "budget": {"flops": 1e20}, "fitId": self.fx["fit"],
                             "band": "confidence"})
        if r.status != 201:
            raise RuntimeError("plan fixture failed: %s %s" % (r.status, short(r.text)))
        self.fx["plan"] = r.json["id"]
        self.fx["run"] = self.c.api("GET", "/api/v1/projects/%s/runs" % P, [("size", "1")]).json["content"][0]["id"]
        S = self.new_project("scratch", {"description": "fuzz fixture: patch and run deletes"})
        self.upload(S, self.make_runs("web-v2", budgets, 5, 1.69, "1", prefix="s"))
        self.fx["S"] = S
        J = self.new_project("jobs", {"description": "fuzz fixture: fit jobs"})
        self.upload(J, self.make_runs("web-v2", budgets, 5, 1.69, "1", prefix="j"))
        self.fx["J"] = J
        r = self.c.api("POST", "/api/v1/projects/%s/fits" % J, [("wait", "0")],
                       body={"form": "chinchilla", "bootstrap": 10})
        self.fx["job"] = r.json.get("id") if isinstance(r.json, dict) else None
        if self.fx["job"]:
            self.poll_job(J, self.fx["job"])
        self.fx["U"] = self.new_project("upload", {"description": "fuzz fixture: run uploads"})
        self.fx["key"] = self.fresh_key()
        print("fixtures: %s" % json.dumps(self.fx))

    def drop_created_projects(self):
        """Projects made by createProject mutations (e.g. id "abc") go at once, so that later path mutations
        such as projectId=abc meet a 404 rather than one of our own empty projects."""
        fixtures = {self.fx.get(k) for k in ("P", "S", "J", "U")}
        for pid in list(self.own_projects):
            if pid in fixtures or pid in self.preexisting_projects:
                continue
            r = self.c.api("DELETE", "/api/v1/projects/%s" % urllib.parse.quote(pid, safe=""))
            if r.status in (204, 404):
                self.own_projects.remove(pid)

    def cleanup(self):
        self.c.unbudgeted = True
        deleted, failed = [], []
        for pid in list(dict.fromkeys(self.own_projects)):
            if pid in self.preexisting_projects:
                continue  # never (cannot happen: own ids come from our own 201s)
            r = self.c.api("DELETE", "/api/v1/projects/%s" % urllib.parse.quote(pid, safe=""))
            (deleted if r.status in (204, 404) else failed).append((pid, r.status))
        revoked = 0
        for kid in dict.fromkeys(self.own_keys):
            if kid in self.preexisting_keys:
                continue
            r = self.c.api("DELETE", "/api/v1/keys/%s" % kid)
            revoked += r.status in (204, 409)
        print("cleanup: deleted %d own projects%s; revoked %d own keys" % (
            len(deleted), (" (FAILED: %s)" % failed) if failed else "", revoked))

    # ---- request building --------------------------------------------------------------------

    def default_path_values(self, op):
        fx = self.fx
        pid = fx["P"]
        if op["id"] in ("updateProject", "deleteRun"):
            pid = fx["S"]
        elif op["id"] in ("cancelFitJob", "cancelFitJobs", "getFitJob", "listFitJobs"):
            pid = fx["J"]
        elif op["id"] == "uploadRuns":
            pid = fx["U"]
        vals = {"projectId": pid, "fitId": str(fx["fit"]), "planId": str(fx["plan"]), "runId": str(fx["run"]),
                "jobId": str(fx.get("job")), "keyId": str(fx["key"]), "kind": "loss-vs-compute"}
        return vals

    def default_query(self, op):
        q = {}
        for p in op["params"]:
            if p.get("in") != "query":
                continue
            name = p["name"]
            wire = "tag.sweep" if name == "tag.NAME" else name
            val = MISSING
            m = re.search(r"For example `([^=`]+)=([^`]*)`", p.get("description", ""))
            if m:
                val = m.group(2)
            elif "example" in p:
                val = str(p["example"])
            elif (p.get("schema") or {}).get("items", {}).get("example") is not None:
                val = str(p["schema"]["items"]["example"])
            if name == "tag.NAME":
                val = "1"
            ov = QUERY_OVERRIDES.get((op["id"], name), None)
            if (op["id"], name) in QUERY_OVERRIDES:
                val = ov
            if val is MISSING and p.get("required"):
                val = str(schema_example(p.get("schema", {})))
            q[wire] = val
        return q

    def body_variants(self, op):
        """[(variant name, baseline body, field-path filter or None)] for JSON bodies."""
        oid, fx = op["id"], self.fx
        if oid == "createKey":
            return [("default", {"name": "fuzz-key", "scopes": ["read"]}, None)]
        if oid == "createProject":
            sch = op["body"]["application/json"]["schema"]
            return [("default", schema_example(sch), None)]
        if oid == "updateProject":
            return [("default", {"name": "fuzz patched", "description": "patched by the fuzzer", "flopsPerToken": 6,
                                 "flopsConvention": "6N", "aggregates": {"core": ["hellaswag"]}}, None)]
        if oid == "createFit":
            base = {"form": "chinchilla", "bootstrap": 20, "confidenceLevel": 0.9, "filter": {"dataset": "web-v2"},
                    "holdout": 0.1, "huberDelta": 0.001, "loss": "huber", "seed": 42}
            down = {"form": "downstream", "metric": "hellaswag", "shape": "sigmoid", "bootstrap": 20}
            dfields = {"metric", "shape", "from"}
            return [("all options", base, lambda p: p[0] not in dfields),
                    ("downstream", down, lambda p: p[0] in dfields)]
        if oid == "createPlan":
            fit = fx["fit"]
            base = {"objective": "compute-optimal", "budget": {"flops": 1e20}, "fitId": fit, "band": "confidence",
                    "allowDegenerate": False, "bytesPerParameter": 2, "maxParameters": 7e10}
            accel = {"objective": "compute-optimal", "fitId": fit, "band": "confidence",
                     "budget": {"accelerator": "h100-sxm", "count": 8, "hours": 10, "mfu": 0.4, "pricePerHour": 2.5}}
            tl = {"objective": "target-loss", "targetLoss": 2.5, "fitId": fit, "band": "confidence"}
            inf = {"objective": "inference-aware", "targetLoss": 2.5, "inferenceTokens": 2e13, "fitId": fit,
                   "band": "confidence"}
            fp = {"objective": "fixed-parameters", "parameters": 5e8, "budget": {"flops": 1e20}, "fitId": fit,
                  "band": "confidence"}
            ft = {"objective": "fixed-tokens", "tokens": 2e10, "budget": {"flops": 1e20}, "fitId": fit,
                  "band": "confidence"}
            tm = {"objective": "target-metric", "targetMetric": {"name": "hellaswag", "value": 0.6}, "fitId": fit,
                  "band": "confidence"}
            mm = {"objective": "compute-optimal", "budget": {"flops": 1e20}, "fitId": fit, "band": "confidence",
                  "metrics": ["hellaswag"], "metricFits": [fx["downstream"]]}
            accel_fields = {"accelerator", "count", "hours", "mfu", "pricePerHour"}
            own = {"targetLoss": "target-loss", "inferenceTokens": "inference-aware", "parameters": "fixed-parameters",
                   "tokens": "fixed-tokens", "targetMetric": "target-metric", "metrics": "metrics",
                   "metricFits": "metrics"}

            def default_filter(p):
                return p[0] not in own and not (p[0] == "budget" and len(p) > 1 and p[1] in accel_fields)
            return [("flops budget", base, default_filter),
                    ("accelerator budget", accel, lambda p: p[0] == "budget" and len(p) > 1 and p[1] in accel_fields),
                    ("target-loss", tl, lambda p: p[0] == "targetLoss"),
                    ("inference-aware", inf, lambda p: p[0] == "inferenceTokens"),
                    ("fixed-parameters", fp, lambda p: p[0] == "parameters"),
                    ("fixed-tokens", ft, lambda p: p[0] == "tokens"),
                    ("target-metric", tm, lambda p: p[0] == "targetMetric"),
                    ("metrics", mm, lambda p: p[0] in ("metrics", "metricFits"))]
        if oid == "uploadRuns":
            return [("two runs", [self.valid_run(), self.valid_run()], None)]
        sch = list(op["body"].values())[0]["schema"]
        return [("default", schema_example(sch), None)]

    def valid_run(self):
        n, d = 2e8, 4e9
        return {"externalId": self.uid("up"), "parameters": n, "tokens": d, "loss": round(self.chinchilla(n, d), 6),
                "dataset": "web-v2", "tags": {"sweep": "1"}, "metrics": {"hellaswag": 0.41}}

    def freshen_body(self, op, body, mutated_path):
        """Per-request unique keys (project id, key name, run externalIds) unless they are the mutated field."""
        oid = op["id"]
        if oid == "createProject" and isinstance(body, dict) and mutated_path != ["id"]:
            body["id"] = "fuzz-%s-c%d" % (self.tag, self.seq + 1)
            self.seq += 1
        if oid == "uploadRuns" and isinstance(body, list):
            for i, run in enumerate(body):
                if isinstance(run, dict) and mutated_path != [i, "externalId"]:
                    if "externalId" in run:
                        run["externalId"] = self.uid("up")
        return body

    def render(self, op, path_vals, query, body=MISSING, raw=None, ctype="application/json", headers=None,
               auth=True):
        path = op["path"]
        for k, v in path_vals.items():
            path = path.replace("{%s}" % k, urllib.parse.quote(v, safe=""))
        qlist = [(k, v) for k, v in query.items() if v is not MISSING]
        url = self.c.url(path, qlist)
        if raw is not None:
            data = raw
            disp = raw[:300].decode("utf-8", "replace") + ("...(%d bytes)" % len(raw) if len(raw) > 300 else "")
        elif body is not MISSING:
            data = dumps(body).encode("utf-8")
            disp = dumps(body, abbreviate=True)
        else:
            data, disp = None, ""
        if len(url) > 400:
            def abbrev(v):
                return "<%d x %r>" % (len(v), v[0]) if len(v) > 120 and len(set(v)) == 1 else \
                    ("<%d chars>" % len(v) if len(v) > 120 else None)
            pd = op["path"]
            for k, v in path_vals.items():
                pd = pd.replace("{%s}" % k, abbrev(v) or urllib.parse.quote(v, safe=""))
            qd = "&".join("%s=%s" % (k, abbrev(v) or urllib.parse.quote(v, safe=",:")) for k, v in qlist)
            url_display = self.c.base + pd + ("?" + qd if qd else "")
        else:
            url_display = url
        return {"method": op["method"], "url": url, "data": data, "ctype": ctype if data is not None else None,
                "headers": headers, "auth": auth, "url_display": url_display, "body_display": disp}

    def send(self, op, req):
        self.sent_per_op[op["id"]] = self.sent_per_op.get(op["id"], 0) + 1
        return self.c.send(req["method"], req["url"], data=req["data"], ctype=req["ctype"], headers=req["headers"],
                           auth=req["auth"])

    def log(self, op, target, mutation, req, resp, invalid):
        if self.logfh:
            self.logfh.write(json.dumps({"op": op["id"], "target": target, "mutation": mutation,
                                         "method": req["method"], "url": req["url_display"],
                                         "body": req["body_display"][:500], "ctype": req.get("ctype"),
                                         "status": resp.status, "elapsed": round(resp.elapsed, 3),
                                         "invalid": invalid, "response": short(resp.error or resp.text, 300)},
                                        ensure_ascii=False) + "\n")

    def safe_to_send(self, op, path_vals):
        """Never aim a mutating request at something that existed before this run."""
        if op["method"] == "GET":
            return True
        pid = path_vals.get("projectId")
        if pid is not None:
            norm = urllib.parse.unquote(pid).strip().lower()
            if norm in self.preexisting_projects or pid in self.preexisting_projects:
                return False
        kid = path_vals.get("keyId")
        if kid is not None:
            m = re.fullmatch(r"\s*\+?(\d+)(?:\.0*)?\s*", urllib.parse.unquote(kid))
            if m:
                iv = int(m.group(1))
                if 1 <= iv <= 2**63 - 1 and iv not in self.own_keys:
                    return False  # could name a key that is not ours
        return True

    # ---- response checks ---------------------------------------------------------------------

    def check(self, op, target, mutation, req, resp, invalid=None, expect_names=None, baseline=False):
        """Record findings for one response. Returns True when the response was 2xx."""
        self.log(op, target, mutation, req, resp, invalid)
        if resp.error:
            self.finding(op, "connection-error", "certain", target, mutation, req, resp)
            if not self.wait_alive():
                self.service_down = True
            return False
        st = resp.status
        if st >= 500:
            self.finding(op, "5xx", "certain", target, mutation, req, resp)
        if resp.ctype.endswith("json"):
            if not resp.json_ok:
                self.finding(op, "invalid-json-response", "certain", target, mutation, req, resp)
            if resp.nan_tokens:
                self.finding(op, "nan-token", "certain", target, mutation, req, resp,
                             note="bare tokens: %s" % sorted(set(resp.nan_tokens)))
        elif resp.ctype in ("text/csv", "image/svg+xml") and 200 <= st < 300:
            if re.search(r"(?<![A-Za-z])(NaN|-?Infinity)(?![A-Za-z])", resp.text):
                self.finding(op, "nan-in-%s" % resp.ctype.split("/")[1].split("+")[0], "suspicious", target,
                             mutation, req, resp, note="NaN/Infinity inside a %s answer" % resp.ctype)
        if 400 <= st < 500:
            if resp.ctype != "application/problem+json":
                self.finding(op, "non-problem-4xx", "certain", target, mutation, req, resp,
                             note="Content-Type %r" % resp.ctype)
            elif not isinstance(resp.json, dict):
                self.finding(op, "problem-not-object", "certain", target, mutation, req, resp)
            else:
                missing = [k for k in ("type", "title", "status", "detail") if k not in resp.json]
                if missing:
                    self.finding(op, "problem-missing-members", "certain", target, mutation, req, resp,
                                 note="missing %s" % missing)
                elif resp.json.get("status") != st:
                    self.finding(op, "problem-status-mismatch", "certain", target, mutation, req, resp,
                                 note="body status %r" % resp.json.get("status"))
                elif re.search(r"\b(?:java|javax|jakarta|org|com)\.[a-z0-9_.]+\.[A-Z]\w*(?:Exception|Error)\b",
                               str(resp.json.get("detail", ""))):
                    self.finding(op, "problem-leaks-java-exception", "note", target, mutation, req, resp,
                                 note="the detail names a Java exception class")
                elif st == 400 and expect_names:
                    text = resp.text.lower()
                    if not any(n.lower() in text for n in expect_names if n):
                        self.finding(op, "problem-does-not-name-target", "note", target, mutation, req, resp,
                                     note="none of %s in the problem" % expect_names)
        if resp.elapsed > self.args.slow:
            self.finding(op, "slow", "certain", target, mutation, req, resp, note="%.1f s" % resp.elapsed)
        ok = 200 <= st < 300
        if baseline and not ok:
            self.finding(op, "baseline-not-2xx", "note", target, mutation, req, resp)
        if ok and invalid and not baseline:
            self.finding(op, "accepted-invalid", "suspicious", target, mutation, req, resp, note=invalid)
        return ok

    # ---- state trackers for "nothing stored on 4xx" -----------------------------------------

    def tracker(self, op):
        fx, oid = self.fx, op["id"]
        paths = {"createProject": "/api/v1/projects", "createKey": "/api/v1/keys",
                 "uploadRuns": "/api/v1/projects/%s/runs" % fx["U"], "createFit": "/api/v1/projects/%s/fits" % fx["P"],
                 "createPlan": "/api/v1/projects/%s/plans" % fx["P"]}
        if oid in paths:
            return lambda: self.total(paths[oid])
        if oid == "updateProject":
            def snap():
                r = self.c.api("GET", "/api/v1/projects/%s" % fx["S"])
                return json.dumps(r.json, sort_keys=True) if r.status == 200 else None
            return snap
        return None

    def created_by(self, op, resp, req=None):
        """How many items a 2xx created (in the tracked collection), recording own projects/keys for cleanup."""
        oid = op["id"]
        if not isinstance(resp.json, dict):
            return 0
        tracked = {"uploadRuns": self.fx.get("U"), "createFit": self.fx.get("P"), "createPlan": self.fx.get("P")}
        if req is not None and oid in tracked and \
                not req["url"].startswith(self.c.base + "/api/v1/projects/%s/" % tracked[oid]):
            return 0  # a mutated project id that happened to name another of our projects
        if oid == "createProject" and resp.status == 201:
            self.own_projects.append(resp.json.get("id"))
            return 1
        if oid == "createKey" and resp.status == 201:
            self.own_keys.append(created_key_id(resp.json))
            return 1
        if oid == "uploadRuns":
            return resp.json.get("created", 0) or 0
        if oid == "createFit":
            if resp.status == 202:
                r = self.poll_job(self.fx["P"], resp.json.get("id"))
                return 1 if r is not None and r.status == 201 else 0
            return 1 if resp.status == 201 else 0
        if oid == "createPlan":
            return 1 if resp.status == 201 else 0
        return 0

    # ---- the fuzzing loop ----------------------------------------------------------------------

    def run_group(self, op, group, trk):
        """Send a group of mutations [(target, mutation, reqfactory, invalid, names)], then check state."""
        if trk is None or op["id"] == "updateProject":
            state = trk() if trk else None
            for target, mutation, make, invalid, names in group:
                req = make()
                if req is None:
                    continue
                resp = self.send(op, req)
                self.check(op, target, mutation, req, resp, invalid, names)
                if trk:
                    after = trk()
                    if resp.status and 400 <= resp.status < 500 and state is not None and after != state:
                        self.finding(op, "stored-on-4xx", "certain", target, mutation, req, resp,
                                     note="project changed although the PATCH was rejected: %s" %
                                     short(diff_json(state, after), 200))
                    state = after
                if self.service_down:
                    return
            return
        before = trk()
        created = 0
        sent = []
        for target, mutation, make, invalid, names in group:
            req = make()
            if req is None:
                continue
            resp = self.send(op, req)
            ok = self.check(op, target, mutation, req, resp, invalid, names)
            if ok:
                created += self.created_by(op, resp, req)
            elif resp.status and 400 <= resp.status < 500:
                sent.append((target, mutation, make, invalid, names))
            if self.service_down:
                return
        after = trk()
        if before is None or after is None or after == before + created:
            return
        # something was stored that no 2xx accounts for: replay the rejected ones one at a time
        pinned = False
        for target, mutation, make, invalid, names in sent:
            b = trk()
            req = make()
            resp = self.send(op, req)
            ok = 200 <= (resp.status or 0) < 300
            if ok:
                self.created_by(op, resp, req)
                continue
            a = trk()
            if a is not None and b is not None and a > b:
                pinned = True
                self.finding(op, "stored-on-4xx", "certain", target, mutation, req, resp,
                             note="count %s -> %s although the request was rejected" % (b, a))
        if not pinned:
            req = {"method": op["method"], "url_display": self.c.url(op["path"]), "body_display": "", "ctype": None}
            self.finding(op, "count-mismatch", "note", group[0][0], "%d mutations" % len(group), req, None,
                         note="count %s -> %s with %d created by 2xx; not reproduced one by one" % (
                             before, after, created))

    def fuzz_op(self, op):
        oid = op["id"]
        pv = self.default_path_values(op)
        q = self.default_query(op)
        trk = self.tracker(op)
        pschemas = {p["name"]: p for p in op["params"]}
        json_media = "application/json" in op["body"]
        variants = self.body_variants(op) if json_media else [(None, MISSING, None)]
        root_schema = op["body"]["application/json"]["schema"] if json_media else None

        fresh = {}  # per-op fixture refresh after a consuming baseline

        def pvals():
            d = dict(pv)
            d.update(fresh)
            return d

        # ---------------- baseline(s)
        def baseline_path_values():
            d = dict(pv)
            if oid == "deleteProject":
                d["projectId"] = self.new_project(self.uid("del").split("-", 1)[1])
            elif oid == "deleteRun":
                d["runId"] = str(self.fresh_run())
            elif oid == "revokeKey":
                d["keyId"] = str(self.fresh_key())
            elif oid == "cancelFitJob":
                d["jobId"] = str(self.fresh_job())
            return d

        base_bodies = []
        for vname, vbody, vfilter in variants:
            body = copy.deepcopy(vbody)
            if body is not MISSING:
                body = self.freshen_body(op, body, None)
            d = baseline_path_values()
            req = self.render(op, d, q, body)
            resp = self.send(op, req)
            label = "baseline" + (" (%s)" % vname if vname and len(variants) > 1 else "")
            ok = self.check(op, "-", label, req, resp, baseline=True)
            if ok:
                self.created_by(op, resp)
            self.baselines.setdefault(oid, []).append((label, resp.status, round(resp.elapsed, 2),
                                                       short(resp.error or resp.text, 200), req))
            base_bodies.append((vname, vbody, vfilter))
        if oid == "deleteRun":
            fresh["runId"] = str(self.fresh_run())  # a live run for the path mutations
        if oid == "cancelFitJob":
            fresh["jobId"] = str(self.fresh_job() or pv["jobId"])

        main_body = copy.deepcopy(variants[0][1])

        def make_req(path_vals=None, query=None, body=MISSING, raw=None, ctype="application/json", headers=None,
                     auth=True, mutated_path=None):
            pvv = path_vals if path_vals is not None else pvals()
            if not self.safe_to_send(op, pvv):
                return None
            if body is not MISSING and raw is None:
                body = self.freshen_body(op, copy.deepcopy(body), mutated_path)
            return self.render(op, pvv, query if query is not None else q, body, raw, ctype, headers, auth)

        def B():
            return copy.deepcopy(main_body) if json_media else MISSING

        group = []
        # ---------------- auth
        group.append(("header Authorization", "no Authorization header",
                      lambda: make_req(body=B(), auth=False), None, None))
        self.run_group(op, group, trk)

        # ---------------- path params
        for name in pv:
            if "{%s}" % name not in op["path"]:
                continue
            sch = pschemas.get(name, {}).get("schema", {})
            group = []
            for v in PARAM_HOSTILE + (PARAM_INTEGER_EXTRA if sch.get("type") == "integer" else []):
                def mk(v=v, name=name):
                    d = pvals()
                    d[name] = v
                    return make_req(path_vals=d, body=B())
                # an empty segment changes the route itself, so its 400/404 need not name the parameter
                group.append(("path " + name, param_label(v), mk, invalid_param_value(oid, name, sch, v),
                              [name] if v != "" else None))
            self.run_group(op, group, trk)
            if oid == "deleteRun" and name == "projectId":
                r = self.c.api("GET", "/api/v1/projects/%s/runs/%s" % (self.fx["S"], fresh["runId"]))
                if r.status != 200:
                    req = self.render(op, pvals(), q)
                    self.finding(op, "stored-on-4xx", "certain", "path projectId", "(all projectId mutations)",
                                 req, r, note="the run addressed under a wrong project id was deleted")
            if self.service_down:
                return

        # ---------------- query params (and query variants where a parameter only matters in another mode)
        qvariants = [(None, q, None)]
        for vname, changes, only in QUERY_VARIANTS.get(oid, []):
            qv = dict(q)
            qv.update(changes)
            req = make_req(query=qv, body=B())
            resp = self.send(op, req)
            label = "baseline (%s)" % vname
            self.check(op, "-", label, req, resp, baseline=True)
            self.baselines.setdefault(oid, []).append((label, resp.status, round(resp.elapsed, 2),
                                                       short(resp.error or resp.text, 200), req))
            qvariants.append((vname, qv, only))
        for vname, qbase, only in qvariants:
            for p in op["params"]:
                if p.get("in") != "query":
                    continue
                name = p["name"]
                if only is not None and name not in only:
                    continue
                wire = "tag.sweep" if name == "tag.NAME" else name
                sch = p.get("schema", {})
                values = PARAM_HOSTILE + (PARAM_INTEGER_EXTRA if sch.get("type") == "integer" else [])
                if p.get("required"):
                    values = values + [MISSING]
                group = []
                for v in values:
                    def mk(v=v, wire=wire, qbase=qbase):
                        qq = dict(qbase)
                        qq[wire] = v
                        return make_req(query=qq, body=B())
                    inv = "required parameter missing" if v is MISSING else \
                        invalid_param_value(oid, name, sch, v, bool(p.get("required")))
                    group.append(("query " + wire + (" [%s]" % vname if vname else ""), param_label(v), mk, inv,
                                  [name, wire]))
                self.run_group(op, group, trk)
                if self.service_down:
                    return

        # ---------------- JSON body fields
        if json_media:
            for vname, vbody, vfilter in base_bodies:
                prefix = [1] if oid == "uploadRuns" else []
                field_schema = root_schema.get("items", {}) if oid == "uploadRuns" else root_schema
                for path, sch, required, kind in walk_fields(field_schema, prefix):
                    rel = path[len(prefix):]
                    if vfilter and not vfilter(rel):
                        continue
                    if len(variants) > 1 and vfilter is None:
                        pass
                    group = []
                    values = BODY_HOSTILE + (INTEGER_EXTRA if sch.get("type") == "integer" else [])
                    desc_extra = {}
                    if kind == "mapvalue":
                        # bounds of map values are stated on the map
                        parent = get_schema_at(field_schema, rel[:-1])
                        desc_extra = desc_bounds((parent or {}).get("description", ""))
                        desc_extra.pop("min", None)
                        desc_extra.pop("max", None)
                    for label, v, num in values:
                        if kind in ("item", "mapvalue") and v is MISSING:
                            continue

                        def mk(v=v, path=path, vbody=vbody):
                            body = set_at(copy.deepcopy(vbody), path, v, root_schema)
                            return make_req(body=body, mutated_path=path)
                        inv = invalid_body_value(sch, v, num, required, desc_extra)
                        group.append(("body " + path_str(rel) + ("" if vname in (None, "default", "all options",
                                                                                  "flops budget", "two runs")
                                                                  else " [%s]" % vname),
                                      label, mk, inv, [str(rel[-1]) if not isinstance(rel[-1], int)
                                                       else str(rel[-2]), path_str(rel)]))
                    self.run_group(op, group, trk)
                    if self.service_down:
                        return
                # objects: unknown field, and map keys / sizes
                group = []
                for path, sch in object_nodes(field_schema, prefix):
                    rel = path[len(prefix):]
                    if vfilter and rel and not vfilter(rel):
                        continue
                    if vfilter and not rel and vname not in ("default", "all options", "flops budget", "two runs"):
                        continue

                    def mk(path=path, vbody=vbody):
                        body = copy.deepcopy(vbody)
                        node = get_at(body, path)
                        if node is MISSING or not isinstance(node, dict):
                            body = set_at(body, path + ["fuzzUnknownField"], 1, root_schema)
                        else:
                            node["fuzzUnknownField"] = 1
                        return make_req(body=body, mutated_path=path)
                    group.append(("body " + (path_str(rel) or "<root>"), "unknown extra field fuzzUnknownField=1",
                                  mk, None, None))
                for path, sch in map_nodes(field_schema, prefix):
                    rel = path[len(prefix):]
                    if vfilter and not vfilter(rel):
                        continue
                    ap = sch.get("additionalProperties")
                    keyname_pattern = r"[A-Za-z0-9_.:-]{1,64}" if rel[-1] in ("tags", "metrics", "aggregates") \
                        and "filter" not in rel else None
                    sample = schema_example(ap)
                    for klabel, key in (('key ""', ""), ("300-char key", "k" * 300), ("key with control chars",
                                                                                      "a\u0000\u001fb"),
                                        ("key with space", "a b")):
                        def mk(path=path, key=key, sample=sample, vbody=vbody):
                            body = copy.deepcopy(vbody)
                            node = get_at(body, path)
                            if not isinstance(node, dict):
                                body = set_at(body, path, {}, root_schema)
                                node = get_at(body, path)
                            node[key] = sample
                            return make_req(body=body, mutated_path=path)
                        inv = ("map key %r does not match %s" % (key[:20], keyname_pattern)) if keyname_pattern and \
                            not re.fullmatch(keyname_pattern, key) else None
                        group.append(("body " + path_str(rel), klabel, mk, inv, [str(rel[-1])]))
                    if "at most 64" in sch.get("description", ""):
                        def mk(path=path, sample=sample, vbody=vbody):
                            body = copy.deepcopy(vbody)
                            body = set_at(body, path, {"k%d" % i: copy.deepcopy(sample) for i in range(65)},
                                          root_schema)
                            return make_req(body=body, mutated_path=path)
                        group.append(("body " + path_str(rel), "65 entries (limit 64)", mk,
                                      "more than 64 entries", [str(rel[-1])]))
                for path, sch in array_nodes(field_schema, prefix):
                    rel = path[len(prefix):]
                    if vfilter and not vfilter(rel):
                        continue
                    if "maxItems" in sch:
                        n = sch["maxItems"] + 1

                        def mk(path=path, n=n, sch=sch, vbody=vbody):
                            body = copy.deepcopy(vbody)
                            item = schema_example(sch.get("items", {}))
                            items = [item] * n
                            if sch.get("items", {}).get("enum"):
                                en = sch["items"]["enum"]
                                items = [en[i % len(en)] for i in range(n)]
                            body = set_at(body, path, items, root_schema)
                            return make_req(body=body, mutated_path=path)
                        group.append(("body " + path_str(rel), "%d items (maxItems %d)" % (n, n - 1), mk,
                                      "more than maxItems", [str(rel[-1])]))
                self.run_group(op, group, trk)
                if self.service_down:
                    return

        # ---------------- whole-body mutations
        if op["body"]:
            base_bytes = dumps(self.freshen_body(op, copy.deepcopy(main_body), None)).encode() if json_media else b""
            group = []
            req_required = op["body_required"]
            wb = [
                ("empty body", b"", "application/json", "required body missing" if req_required else None),
                ("no body, no Content-Type", None, None, "required body missing" if req_required else None),
                ("body `null`", b"null", "application/json", "null body"),
                ("body `[]`", b"[]", "application/json", None if oid == "uploadRuns" else "array for an object"),
                ("body `{}`", b"{}", "application/json", "object for an array" if oid == "uploadRuns" else
                 ("required fields missing" if (root_schema or {}).get("required") else None)),
                ("body `\"abc\"`", b'"abc"', "application/json", "string body"),
                ("body `1e400`", b"1e400", "application/json", "number body"),
                ("truncated JSON", None, "application/json", "truncated JSON"),
                ("trailing garbage after JSON", None, "application/json", "trailing garbage"),
                ("invalid UTF-8 bytes", None, "application/json", "invalid UTF-8"),
                ("deeply nested arrays (100000)", b"[" * 100000 + b"]" * 100000, "application/json", "nesting"),
                ("wrong Content-Type text/plain", None, "text/plain", "wrong media type"),
                ("wrong Content-Type application/xml", None, "application/xml", "wrong media type"),
                ("Content-Type application/json, CSV body", b"a,b\n1,2\n", "application/json", "CSV as JSON"),
                ("5 MB body", None, "application/json", None),
            ]
            for label, data, ctype, inv in wb:
                if data is None and label != "no body, no Content-Type":
                    if label == "truncated JSON":
                        data = base_bytes[: max(1, len(base_bytes) // 2)]
                    elif label == "trailing garbage after JSON":
                        data = base_bytes + b" }{ garbage"
                    elif label == "invalid UTF-8 bytes":
                        data = base_bytes.replace(b"fuzz", b"fu\xff\xfez", 1) if b"fuzz" in base_bytes \
                            else base_bytes[:-1] + b',"x":"\xff\xfe"' + base_bytes[-1:]
                        if oid == "uploadRuns":
                            data = base_bytes.replace(b"web-v2", b"web\xff\xfe", 1)
                    elif label.startswith("wrong Content-Type"):
                        data = base_bytes
                    elif label == "5 MB body":
                        if oid == "uploadRuns":
                            data = b"[" + dumps(dict(self.valid_run(), dataset="d" * (5 << 20))).encode() + b"]"
                            inv = "dataset longer than 200"
                        else:
                            data = b'{"fuzzPad":"' + b"p" * (5 << 20) + b'",' + base_bytes[1:]
                            if oid == "createProject":
                                pass
                    if oid == "createProject" and label in ("wrong Content-Type text/plain",
                                                            "wrong Content-Type application/xml", "5 MB body"):
                        fresh_id = ("fuzz-%s-w%d" % (self.tag, len(group))).encode()
                        data = re.sub(rb'"id":"[^"]*"', b'"id":"' + fresh_id + b'"', data, count=1)

                def mk(data=data, ctype=ctype, label=label):
                    if label == "no body, no Content-Type":
                        return make_req(body=MISSING, ctype=None)
                    return make_req(raw=data, ctype=ctype)
                group.append(("whole body", label, mk, inv, None))
            if "text/csv" in op["body"]:
                group += self.csv_mutations(op, make_req)
            self.run_group(op, group, trk)

    def csv_mutations(self, op, make_req):
        cols = ["externalId", "parameters", "tokens", "loss", "dataset", "tag.sweep", "metric.hellaswag"]
        run_schema = op["body"]["application/json"]["schema"]["items"] if "application/json" in op["body"] else {}
        props = run_schema.get("properties", {})
        required = set(run_schema.get("required", []))

        def row(ext, n=4e8, d=8e9):
            return [ext, "%g" % n, "%g" % d, "%.6f" % self.chinchilla(n, d), "web-v2", "1", "0.43"]

        def csv_bytes(header, rows):
            return ("\n".join([",".join(header)] + [",".join(r) for r in rows]) + "\n").encode("utf-8")

        out = []

        def base_rows():
            return [row(self.uid("csv")), row(self.uid("csv"), 2e9, 4e10)]

        # the CSV baseline (the JSON one is the op's first baseline)
        req = make_req(raw=csv_bytes(cols, base_rows()), ctype="text/csv")
        resp = self.send(op, req)
        if self.check(op, "-", "baseline (text/csv)", req, resp, baseline=True):
            self.created_by(op, resp)
        self.baselines.setdefault(op["id"], []).append(("baseline (text/csv)", resp.status, round(resp.elapsed, 2),
                                                        short(resp.error or resp.text, 200), req))
        for ci, col in enumerate(cols):
            if col.startswith("tag."):
                sch, req = {"type": "string", "description": props.get("tags", {}).get("description", "")}, False
            elif col.startswith("metric."):
                sch, req = dict(props.get("metrics", {}).get("additionalProperties", {"type": "number"})), False
                sch["description"] = props.get("metrics", {}).get("description", "")
            else:
                sch, req = props.get(col, {}), col in required
            for v in CSV_HOSTILE:
                def mk(ci=ci, v=v):
                    rows = base_rows()
                    rows[1][ci] = v
                    return make_req(raw=csv_bytes(cols, rows), ctype="text/csv")
                inv = csv_cell_invalid(sch, v, req, col)
                out.append(("csv column " + col, "row 2 cell " + param_label(v), mk, inv, [col, "row"]))
        structural = [
            ("missing required column loss", lambda: csv_bytes([c for c in cols if c != "loss"],
                                                               [r[:3] + r[4:] for r in base_rows()]), "no loss"),
            ("unknown column", lambda: csv_bytes(cols + ["bogus"], [r + ["1"] for r in base_rows()]), None),
            ("duplicate column loss", lambda: csv_bytes(cols + ["loss"], [r + ["2.5"] for r in base_rows()]),
             None),
            ("row with an extra cell", lambda: csv_bytes(cols, [base_rows()[0], base_rows()[1] + ["9"]]),
             "ragged row"),
            ("row with a missing cell", lambda: csv_bytes(cols, [base_rows()[0], base_rows()[1][:-2]]), "ragged row"),
            ("unterminated quote", lambda: csv_bytes(cols, [base_rows()[0], ['"' + base_rows()[1][0]] +
                                                             base_rows()[1][1:]]), "bad quoting"),
            ("header only", lambda: csv_bytes(cols, []), None),
            ("empty CSV body", lambda: b"", "empty"),
            ("UTF-8 BOM before header", lambda: b"\xef\xbb\xbf" + csv_bytes(cols, base_rows()), None),
            ("CRLF line endings", lambda: csv_bytes(cols, base_rows()).replace(b"\n", b"\r\n"), None),
            ("NUL byte in a cell", lambda: csv_bytes(cols, [base_rows()[0], [base_rows()[1][0] + "\x00"] +
                                                              base_rows()[1][1:]]), None),
            ("invalid UTF-8 in a cell", lambda: csv_bytes(cols, base_rows()).replace(b"web-v2", b"web\xff", 1),
             "invalid UTF-8"),
            ("empty tag name column tag.", lambda: csv_bytes(cols + ["tag."], [r + ["x"] for r in base_rows()]),
             "empty tag name"),
            ("empty metric name column metric.", lambda: csv_bytes(cols + ["metric."], [r + ["1"] for r in
                                                                                        base_rows()]),
             "empty metric name"),
            ("semicolon-separated", lambda: csv_bytes([";".join(cols)], [[";".join(r)] for r in base_rows()]),
             "not comma-separated"),
        ]
        for label, gen, inv in structural:
            def mk(gen=gen):
                return make_req(raw=gen(), ctype="text/csv")
            out.append(("csv", label, mk, inv, None))
        return out

    # ---- driver -------------------------------------------------------------------------------

    def run(self):
        only = set(filter(None, (self.args.only or "").split(",")))
        order = {"GET": 0, "POST": 1, "PUT": 1, "PATCH": 1, "DELETE": 2}
        ops = sorted(self.ops, key=lambda o: (order[o["method"]], o["id"] == "deleteProject"))
        started = time.time()
        try:
            self.setup()
            for op in ops:
                if only and op["id"] not in only:
                    continue
                if self.service_down:
                    print("service unreachable; stopping")
                    break
                t0, n0 = time.time(), self.c.count
                try:
                    self.fuzz_op(op)
                    if op["id"] == "createProject":
                        self.drop_created_projects()
                except BudgetExceeded:
                    print("request budget (%d) reached during %s; stopping" % (self.args.max_requests, op["id"]))
                    break
                print("  %-22s %-7s %-55s %5d requests %6.1f s" % (op["id"], op["method"], op["path"],
                                                                   self.c.count - n0, time.time() - t0),
                      flush=True)
        except Exception:
            print("fuzzer error:\n" + traceback.format_exc())
        finally:
            if not self.args.keep_fixtures:
                try:
                    self.cleanup()
                except Exception:
                    print("cleanup error:\n" + traceback.format_exc())
            self.report(self.c.count, time.time() - started)

    def report(self, n, elapsed):
        print()
        print("=" * 100)
        print("BASELINES (one valid request per operation / variant)")
        bad_baselines = 0
        for op in self.ops:
            for label, st, el, body, req in self.baselines.get(op["id"], []):
                mark = "ok " if st and 200 <= st < 300 else "BAD"
                bad_baselines += mark == "BAD"
                print("  %s %-18s %-22s %s %s  %s" % (mark, op["id"], label[:22], st, "%.2fs" % el,
                                                    "" if mark == "ok " else short(body, 200)))
        only = set(filter(None, (self.args.only or "").split(",")))
        not_run = [o["id"] for o in self.ops if o["id"] not in self.baselines and (not only or o["id"] in only)]
        if not_run:
            print("  operations not fuzzed: %s" % ", ".join(not_run))
        self.failed = bad_baselines + len(not_run) + sum(f["severity"] == "certain" for f in self.findings)
        print()
        print("FINDINGS by operation (certain and suspicious)")
        by_op = {}
        for f in self.findings:
            if f["severity"] != "note" or f["kind"] == "baseline-not-2xx":
                by_op.setdefault((f["op"], f["route"]), []).append(f)
        for (oid, route), fs in by_op.items():
            print("-" * 100)
            print("%s  %s" % (oid, route))
            groups = {}
            for f in fs:
                key = (f["kind"], f["status"], f["mutation"], f["note"] if f["kind"] == "accepted-invalid" else "")
                groups.setdefault(key, []).append(f)
            for (kind, st, mut, _), gfs in sorted(groups.items(), key=lambda kv: (
                    {"certain": 0, "suspicious": 1, "note": 2}[kv[1][0]["severity"]], kv[0][0], str(kv[0][2]))):
                f = gfs[0]
                targets = sorted(set(g["target"] for g in gfs))
                print("  [%s/%s] %s = %s -> %s%s" % (f["severity"], kind, ", ".join(targets)[:200], mut, st,
                                                    (" (%s)" % f["note"]) if f["note"] else ""))
                print("      repro: %s %s" % (f["method"], f["url"]))
                if f["body"]:
                    print("      body (%s): %s" % (f["ctype"], short(f["body"], 400)))
                print("      response: %s" % f["response"])
        notes = {}
        for f in self.findings:
            if f["severity"] == "note" and f["kind"] != "baseline-not-2xx":
                notes.setdefault((f["kind"], f["mutation"], f["status"], f.get("title")), []).append(f)
        if notes:
            print("=" * 100)
            print("NOTES (collapsed across operations; one example each)")
            for (kind, mut, st, _), fs in sorted(notes.items(), key=lambda kv: -len(kv[1])):
                f = fs[0]
                ops = sorted(set(x["op"] for x in fs))
                print("  [note/%s] %s -> %s, %d times in %d operations (%s)" % (
                    kind, mut, st, len(fs), len(ops), ", ".join(ops)[:150]))
                print("      e.g. %s %s  [%s]" % (f["method"], short(f["url"], 200), f["target"]))
                if f["body"]:
                    print("      body (%s): %s" % (f["ctype"], short(f["body"], 300)))
                print("      response: %s" % short(f["response"], 250))
        counts = {}
        for f in self.findings:
            counts[(f["severity"], f["kind"])] = counts.get((f["severity"], f["kind"]), 0) + 1
        print("=" * 100)
        summary = ", ".join("%s %s: %d" % (s, k, c) for (s, k), c in sorted(counts.items()))
        fuzz = sum(self.sent_per_op.values())
        print("SUMMARY: %d requests (%d baseline+mutation, %d fixture/check/cleanup) in %.0f s over %d of %d "
              "operations; %d baselines not 2xx; findings: %s" % (
                  n, fuzz, n - fuzz, elapsed, len(self.baselines), len(self.ops), bad_baselines, summary or "none"))
        if self.args.json_out:
            with open(self.args.json_out, "w") as fh:
                json.dump({"requests": n, "findings": self.findings,
                           "baselines": {k: [(a, b, c, d) for a, b, c, d, _ in v] for k, v in self.baselines.items()}},
                          fh, indent=1, ensure_ascii=False)


def csv_cell_invalid(sch, v, required, col):
    if v == "":
        return "required column empty" if required else None
    if v == '""':
        value = ""
    elif v.startswith('"') and v.endswith('"'):
        value = v[1:-1]
    else:
        value = v
    t = sch.get("type")
    if t in ("number", "integer"):
        if v == '""':
            return "required column empty" if required else None  # read as absent, like an empty cell
        f = parse_decimal(value)
        if f is None or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", value):
            return "not a number"
        num = f
        raw = Raw(value, f) if re.fullmatch(r"-?\d+", value) else (f if math.isfinite(f) else Raw(value, f))
        return invalid_body_value(sch, raw, num, required)
    return invalid_body_value(sch, value, None, required)


def created_key_id(body):
    """CreatedApiKey is {"key": ApiKey, "secret": ...}; tolerate a flat ApiKey too."""
    if isinstance(body, dict):
        if isinstance(body.get("key"), dict) and "id" in body["key"]:
            return body["key"]["id"]
        return body.get("id")
    return None


def diff_json(a, b):
    try:
        ja, jb = json.loads(a), json.loads(b)
        return {k: (ja.get(k), jb.get(k)) for k in set(ja) | set(jb) if ja.get(k) != jb.get(k)}
    except (TypeError, ValueError, AttributeError):
        return "%s -> %s" % (a, b)


def get_schema_at(schema, rel):
    s = schema
    for k in rel:
        s = child_schema(s, k)
    return s


def object_nodes(schema, prefix, depth=0):
    """Paths of object-typed nodes with declared properties (root included)."""
    if depth > 6 or not isinstance(schema, dict):
        return
    if schema.get("properties"):
        yield prefix, schema
        for name, sub in schema["properties"].items():
            if sub.get("properties"):
                yield from object_nodes(sub, prefix + [name], depth + 1)
            elif sub.get("type") == "array" and (sub.get("items") or {}).get("properties"):
                yield from object_nodes(sub["items"], prefix + [name, 0], depth + 1)


def map_nodes(schema, prefix, depth=0):
    if depth > 6 or not isinstance(schema, dict):
        return
    for name, sub in (schema.get("properties") or {}).items():
        ap = sub.get("additionalProperties")
        if isinstance(ap, dict) and ap:
            yield prefix + [name], sub
        if sub.get("properties"):
            yield from map_nodes(sub, prefix + [name], depth + 1)


def array_nodes(schema, prefix, depth=0):
    if depth > 6 or not isinstance(schema, dict):
        return
    for name, sub in (schema.get("properties") or {}).items():
        if sub.get("type") == "array":
            yield prefix + [name], sub
        if sub.get("properties"):
            yield from array_nodes(sub, prefix + [name], depth + 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", default=os.environ.get("SCALEPLAN_URL", "http://localhost:8462"))
    ap.add_argument("--key", default=os.environ.get("SCALEPLAN_KEY", "bench-admin-key-0123456789"))
    ap.add_argument("--spec", default=os.path.join(REPO, "openapi", "openapi.yaml"))
    ap.add_argument("--max-requests", type=int, default=6000)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--slow", type=float, default=10.0, help="seconds above which a request is a finding")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", help="comma-separated operationIds to fuzz (fixtures are always made)")
    ap.add_argument("--json-out", help="also write the findings as JSON to this file")
    ap.add_argument("--log", help="write every fuzz request and its answer as JSON lines to this file")
    ap.add_argument("--keep-fixtures", action="store_true", help="do not delete the fuzz projects / revoke keys")
    ap.add_argument("--fail-on-findings", action="store_true",
                    help="exit 1 on a certain finding, a baseline that is not 2xx, an operation not fuzzed or a fatal "
                         "error (for CI); suspicious findings and notes never fail")
    args = ap.parse_args()
    failed = 0
    try:
        spec, ops = load_spec(args.spec)
        print("%s: %d operations" % (os.path.relpath(args.spec), len(ops)))
        fuzzer = Fuzzer(args, spec, ops)
        fuzzer.run()
        failed = getattr(fuzzer, "failed", 1)
    except Exception:
        print("fatal:\n" + traceback.format_exc())
        failed = 1
    sys.exit(1 if args.fail_on_findings and failed else 0)


if __name__ == "__main__":
    main()
