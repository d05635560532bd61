"""What changed in the Kubernetes API between two specs, as Markdown.

Everything here is Python 3 standard library. The command-line entry point is ``openapi/diff``; the
functions are importable so that test_diff.py can exercise them on small documents.

Each side is a Kubernetes version (1.N.x, or 1.N for its newest patch: served by kube-apiserver of
that version, built or reused exactly as ``openapi/update --version`` does), a Swagger 2.0 file, or
a URL. Reported, grouped by API group/version:
  types       definitions added, removed, changed
  fields      properties added, removed, type changed, required added/removed, other schema
              attributes changed (descriptions are left out: they change every release)
  operations  added, removed, and changed parameters, request body or response type
"""

import argparse
import os
import re
import sys
import time
import types

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import specupdate  # noqa: E402
from specupdate import UpdateError  # noqa: E402

VERSION_PATTERN = re.compile(r"^v?\d+\.\d+(\.\d+)?$")
# Keys that describe rather than define: a change to them alone is not an API change.
DOC_KEYS = ("description", "example", "externalDocs", "summary")
CORE_PACKAGE = "io.k8s.api.core.v1"


# --------------------------------------------------------------------------------------------
# Reading a side


def load(source, repo_root, log):
    """(spec, label) for a version, file or URL; ``source`` is what the user typed."""
    if VERSION_PATTERN.match(source) and not os.path.exists(source):
        args = types.SimpleNamespace(kube_apiserver=None, etcd=None, with_v3=False,
                                     feature_gates=specupdate.UPSTREAM_FEATURE_GATES)
        try:
            data, provenance, _ = specupdate.read_from_apiserver(source, repo_root, args, log)
        except UpdateError as e:
            # The shared code names the flag of openapi/update; here the version is an argument.
            raise UpdateError(str(e).replace(f"--version {source}", source)) from None
        version = provenance["kubernetesVersion"]
        return specupdate.parse_spec(data, f"kube-apiserver {version} /openapi/v2"), version
    if re.match(r"^https?://", source):
        return specupdate.parse_spec(specupdate.read_url(source), source), source
    if os.path.exists(source):
        return specupdate.parse_spec(specupdate.read_file(source), source), os.path.basename(source)
    raise UpdateError(f"{source}: not a Kubernetes version (1.N.x or 1.N), an existing file, nor an http(s):// URL. "
                      "Give one of those, e.g. openapi/diff 1.36.3 1.37.2 or openapi/diff old.json openapi/swagger.json.")


# --------------------------------------------------------------------------------------------
# Grouping by API group/version


def package_of(name):
    """'io.k8s.api.apps.v1.Deployment' -> 'io.k8s.api.apps.v1'."""
    return name.rsplit(".", 1)[0] if "." in name else ""


def short_name(name):
    return name.rsplit(".", 1)[-1]


def group_version(gvk):
    group = gvk.get("group") or "core"
    return f"{group}/{gvk.get('version')}"


def package_groups(*specs):
    """{definition package: 'group/version'} from the x-kubernetes-group-version-kind of the kinds in it.

    Every type of a package belongs to the group/version of the kinds beside it (DeploymentSpec to
    apps/v1); packages without a kind (meta/v1, runtime, intstr) keep their package name. The core
    package also holds meta/v1 kinds such as DeleteOptions registered under every group, so only the
    core group itself names it.
    """
    seen = {}
    for spec in specs:
        for name, definition in spec.get("definitions", {}).items():
            for gvk in definition.get("x-kubernetes-group-version-kind") or []:
                if isinstance(gvk, dict):
                    seen.setdefault(package_of(name), set()).add(group_version(gvk))
    result = {}
    for package, gvs in seen.items():
        if package == CORE_PACKAGE:
            result[package] = "core/v1"
        elif len(gvs) == 1:
            result[package] = next(iter(gvs))
    return result


def definition_group(name, groups):
    package = package_of(name)
    return groups.get(package, package or "(no package)")


def path_group(path):
    """'/apis/apps/v1/namespaces/...' -> 'apps/v1'; '/api/v1/...' -> 'core/v1'; else the first segment."""
    parts = [p for p in path.split("/") if p]
    if len(parts) >= 2 and parts[0] == "api":
        return f"core/{parts[1]}"
    if len(parts) >= 3 and parts[0] == "apis":
        return f"{parts[1]}/{parts[2]}"
    if len(parts) <= 2 and parts and parts[0] in ("api", "apis"):
        # /api/, /apis/ and /apis/<group>/ list what is served; one section for all of them.
        return "discovery"
    return "/" + parts[0] if parts else "/"


# --------------------------------------------------------------------------------------------
# Describing schemas and operations


def type_of(schema):
    """A short type for a schema: 'string', 'integer/int32', 'Pod', '[]Container', 'map[string]Quantity'."""
    if not isinstance(schema, dict):
        return "?"
    if "$ref" in schema:
        return short_name(schema["$ref"])
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return type_of(schema["allOf"][0])
    kind = schema.get("type")
    if kind == "array":
        return "[]" + type_of(schema.get("items"))
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return "map[string]" + type_of(schema["additionalProperties"])
    if kind:
        return kind + ("/" + schema["format"] if schema.get("format") else "")
    return "object" if "properties" in schema else "any"


def without_docs(value):
    """value with every documentation key removed, recursively."""
    if isinstance(value, dict):
        return {k: without_docs(v) for k, v in value.items() if k not in DOC_KEYS}
    if isinstance(value, list):
        return [without_docs(v) for v in value]
    return value


def attribute_changes(old, new, skip):
    """Names of the non-documentation keys of two schemas that differ, minus those in ``skip``."""
    old, new = without_docs(old), without_docs(new)
    return sorted(k for k in set(old) | set(new) if k not in skip and old.get(k) != new.get(k))


def resolve_parameter(spec, parameter):
    ref = parameter.get("$ref") if isinstance(parameter, dict) else None
    if ref and ref.startswith("#/parameters/"):
        return spec.get("parameters", {}).get(ref[len("#/parameters/"):], {})
    return parameter if isinstance(parameter, dict) else {}


def parameters_of(spec, path, method):
    """{(in, name): parameter} of an operation, path-level parameters included, $refs resolved."""
    item = spec["paths"][path]
    result = {}
    for raw in list(item.get("parameters") or []) + list(item[method].get("parameters") or []):
        parameter = resolve_parameter(spec, raw)
        result[(parameter.get("in", "?"), parameter.get("name", "?"))] = parameter
    return result


def parameter_type(parameter):
    return type_of(parameter.get("schema")) if "schema" in parameter else type_of(parameter)


def response_type(operation):
    responses = operation.get("responses") or {}
    for code in ("200", "201", "202"):
        if code in responses and isinstance(responses[code], dict):
            return type_of(responses[code].get("schema")) if "schema" in responses[code] else "none"
    return "none"


# --------------------------------------------------------------------------------------------
# Comparing


def new_section():
    return {"types_added": [], "types_removed": [], "types_changed": [], "fields": [], "ops_added": [],
            "ops_removed": [], "ops_changed": []}


def compare_definition(name, old, new):
    """Field rows (kind, field, detail) for one definition present on both sides, plus type-level rows."""
    rows = []
    old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
    old_req, new_req = set(old.get("required") or []), set(new.get("required") or [])
    for field in sorted(set(new_props) - set(old_props)):
        rows.append(("field added", field, type_of(new_props[field]) + (", required" if field in new_req else "")))
    for field in sorted(set(old_props) - set(new_props)):
        rows.append(("field removed", field, type_of(old_props[field])))
    for field in sorted(set(old_props) & set(new_props)):
        before, after = type_of(old_props[field]), type_of(new_props[field])
        if before != after:
            rows.append(("type changed", field, f"{before} → {after}"))
        changed = attribute_changes(old_props[field], new_props[field], ("$ref", "type", "format", "items",
                                                                          "additionalProperties", "allOf"))
        if before == after and without_docs(old_props[field].get("items")) != without_docs(
                new_props[field].get("items")):
            changed.append("items")
        if changed:
            rows.append(("attributes changed", field, ", ".join(f"`{k}`" for k in sorted(changed))))
    # Required changes of fields that also appeared or went are told by those rows.
    for field in sorted((new_req - old_req) & set(old_props)):
        rows.append(("now required", field, ""))
    for field in sorted((old_req - new_req) & set(new_props)):
        rows.append(("no longer required", field, ""))
    for field in sorted((new_req - old_req) - set(old_props) - set(new_props)):
        rows.append(("now required", field, "(not among its properties)"))
    if type_of(old) != type_of(new) and not (old_props or new_props):
        rows.append(("type changed", "", f"{type_of(old)} → {type_of(new)}"))
    other = attribute_changes(old, new, ("properties", "required", "type", "format", "items",
                                         "additionalProperties", "$ref"))
    if other:
        rows.append(("attributes changed", "", ", ".join(f"`{k}`" for k in other)))
    return rows


def compare_operation(old_spec, new_spec, path, method):
    """Detail strings saying how one operation present on both sides changed (empty when it did not)."""
    details = []
    old_params = parameters_of(old_spec, path, method)
    new_params = parameters_of(new_spec, path, method)
    for key in sorted(set(new_params) - set(old_params)):
        p = new_params[key]
        details.append(f"parameter `{key[1]}` ({key[0]}, {parameter_type(p)}"
                       f"{', required' if p.get('required') else ''}) added")
    for key in sorted(set(old_params) - set(new_params)):
        details.append(f"parameter `{key[1]}` ({key[0]}) removed")
    for key in sorted(set(old_params) & set(new_params)):
        before, after = old_params[key], new_params[key]
        if parameter_type(before) != parameter_type(after):
            details.append(f"parameter `{key[1]}` type {parameter_type(before)} → {parameter_type(after)}")
        if bool(before.get("required")) != bool(after.get("required")):
            details.append(f"parameter `{key[1]}` {'now' if after.get('required') else 'no longer'} required")
    old_op, new_op = old_spec["paths"][path][method], new_spec["paths"][path][method]
    before, after = response_type(old_op), response_type(new_op)
    if before != after:
        details.append(f"response {before} → {after}")
    for key in ("consumes", "produces"):
        gone = sorted(set(old_op.get(key) or []) - set(new_op.get(key) or []))
        came = sorted(set(new_op.get(key) or []) - set(old_op.get(key) or []))
        if came or gone:
            details.append(f"{key} " + ", ".join([f"+{m}" for m in came] + [f"-{m}" for m in gone]))
    if old_op.get("operationId") != new_op.get("operationId"):
        details.append(f"operationId {old_op.get('operationId')} → {new_op.get('operationId')}")
    if old_op.get("x-kubernetes-action") != new_op.get("x-kubernetes-action"):
        details.append(f"action {old_op.get('x-kubernetes-action')} → {new_op.get('x-kubernetes-action')}")
    return details


def diff(old, new):
    """{group/version: section} of every change from spec ``old`` to spec ``new``."""
    groups = package_groups(old, new)
    sections = {}

    def section(name):
        return sections.setdefault(name, new_section())

    old_defs, new_defs = old.get("definitions", {}), new.get("definitions", {})
    for name in sorted(set(new_defs) - set(old_defs)):
        section(definition_group(name, groups))["types_added"].append(name)
    for name in sorted(set(old_defs) - set(new_defs)):
        section(definition_group(name, groups))["types_removed"].append(name)
    for name in sorted(set(old_defs) & set(new_defs)):
        if without_docs(old_defs[name]) == without_docs(new_defs[name]):
            continue
        rows = compare_definition(name, old_defs[name], new_defs[name])
        if rows:
            target = section(definition_group(name, groups))
            target["types_changed"].append(name)
            target["fields"].extend((name,) + row for row in rows)

    old_ops, new_ops = specupdate.operations(old), specupdate.operations(new)
    order = lambda key: (key[1], key[0])  # noqa: E731
    for key in sorted(set(new_ops) - set(old_ops), key=order):
        section(path_group(key[1]))["ops_added"].append((key, new_ops[key].get("operationId", "")))
    for key in sorted(set(old_ops) - set(new_ops), key=order):
        section(path_group(key[1]))["ops_removed"].append((key, old_ops[key].get("operationId", "")))
    for key in sorted(set(old_ops) & set(new_ops), key=order):
        details = compare_operation(old, new, key[1], key[0].lower())
        if details:
            section(path_group(key[1]))["ops_changed"].append((key, new_ops[key].get("operationId", ""), details))
    return sections


def counts(sections):
    """Totals over all sections, in the order the summary prints them."""
    total = {"types added": 0, "types removed": 0, "types changed": 0, "fields added": 0, "fields removed": 0,
             "field type changes": 0, "required added": 0, "required removed": 0, "other field changes": 0,
             "operations added": 0, "operations removed": 0, "operations changed": 0}
    field_kinds = {"field added": "fields added", "field removed": "fields removed",
                   "type changed": "field type changes", "now required": "required added",
                   "no longer required": "required removed", "attributes changed": "other field changes"}
    for s in sections.values():
        total["types added"] += len(s["types_added"])
        total["types removed"] += len(s["types_removed"])
        total["types changed"] += len(s["types_changed"])
        for row in s["fields"]:
            total[field_kinds[row[1]]] += 1
        total["operations added"] += len(s["ops_added"])
        total["operations removed"] += len(s["ops_removed"])
        total["operations changed"] += len(s["ops_changed"])
    return total


# --------------------------------------------------------------------------------------------
# Markdown


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def group_order(name):
    """core first, then API groups alphabetically (newest version last), then non-group packages."""
    if name.startswith("core/"):
        return (0, name)
    if name.startswith(("io.", "/", "(")) or name == "discovery":
        return (2, name)
    return (1, name)


def render(old_label, new_label, sections, old, new):
    total = counts(sections)
    lines = [f"# Kubernetes API changes: {old_label} → {new_label}", ""]
    lines.append(f"{len(old.get('definitions', {}))} → {len(new.get('definitions', {}))} types, "
                 f"{len(specupdate.operations(old))} → {len(specupdate.operations(new))} operations. "
                 "Descriptions are not compared.")
    lines += ["", "| change | count |", "|---|---:|"]
    lines += [f"| {name} | {n} |" for name, n in total.items()]
    lines.append("")
    if not sections:
        lines += ["No API changes.", ""]
        return "\n".join(lines)
    lines += ["Groups: " + ", ".join(f"[{g}](#{anchor(g)})" for g in sorted(sections, key=group_order)), ""]
    for name in sorted(sections, key=group_order):
        s = sections[name]
        lines += [f"## {name}", ""]
        for key, title in (("types_added", "Types added"), ("types_removed", "Types removed")):
            if s[key]:
                lines.append(f"{title}: " + ", ".join(f"`{short_name(n)}`" for n in s[key]))
                lines.append("")
        if s["fields"]:
            lines += ["| type | field | change | detail |", "|---|---|---|---|"]
            for definition, kind, field, detail in s["fields"]:
                lines.append(f"| `{short_name(definition)}` | {'`' + field + '`' if field else ''} | {kind} | "
                             f"{cell(detail)} |")
            lines.append("")
        if s["ops_added"] or s["ops_removed"] or s["ops_changed"]:
            lines += ["| operation | change | detail |", "|---|---|---|"]
            for (method, path), op_id in s["ops_added"]:
                lines.append(f"| `{method} {cell(path)}` | added | {cell(op_id)} |")
            for (method, path), op_id in s["ops_removed"]:
                lines.append(f"| `{method} {cell(path)}` | removed | {cell(op_id)} |")
            for (method, path), op_id, details in s["ops_changed"]:
                lines.append(f"| `{method} {cell(path)}` | changed | {cell('; '.join(details))} |")
            lines.append("")
    return "\n".join(lines)


def anchor(title):
    """The id GitHub gives a heading: lower case, punctuation but '-' and '_' dropped, spaces to '-'."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


# --------------------------------------------------------------------------------------------
# Command line


def build_parser():
    p = argparse.ArgumentParser(
        prog="openapi/diff",
        description="Print, as Markdown, what changed in the Kubernetes API from A to B: types, fields and "
                    "operations added, removed and changed, grouped by API group/version.")
    p.add_argument("old", metavar="A", help="1.N.x or 1.N (served by kube-apiserver of that version, built or "
                                            "reused like openapi/update --version), a Swagger 2.0 file, or a URL")
    p.add_argument("new", metavar="B", help="the same kinds as A")
    p.add_argument("--output", "-o", metavar="FILE", help="write the Markdown here instead of stdout")
    return p


def main(argv=None):
    args = build_parser().parse_args(argv)
    repo_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    def log(message):
        print(message, file=sys.stderr, flush=True)

    started = time.monotonic()
    try:
        old, old_label = load(args.old, repo_root, log)
        new, new_label = load(args.new, repo_root, log)
        sections = diff(old, new)
        text = render(old_label, new_label, sections, old, new)
        if args.output:
            specupdate.write_atomic(args.output, text.encode("utf-8"))
            log(f"openapi/diff: wrote {args.output} in {time.monotonic() - started:.1f} s")
        else:
            sys.stdout.write(text)
    except UpdateError as e:
        print(f"openapi/diff: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("openapi/diff: interrupted.", file=sys.stderr)
        return 130
    return 0
