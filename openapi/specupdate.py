"""Moves openapi/swagger.json to another Kubernetes version and records where it came from.

Everything here is Python 3 standard library. The command-line entry point is ``openapi/update``;
the functions are importable so that test_update.py can exercise them on small documents.

Sources of a spec, in order of trust:
  --version 1.N.x   build (or reuse) kube-apiserver and etcd of that version from their Go modules,
                    start them on loopback and read GET /openapi/v2 -- the same recipe as
                    hack/update-openapi-spec.sh in the Kubernetes repository.
  --from-cluster    GET /openapi/v2 of a live cluster through ``kubectl get --raw`` (CRDs included).
  --url URL         GET of a Swagger 2.0 document over http(s).
  --file PATH       a Swagger 2.0 document on disk.
"""

import argparse
import contextlib
import glob
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
FORMAT = "swagger 2.0"
KUBERNETES_MODULE = "k8s.io/kubernetes"
ETCD_MODULE = "go.etcd.io/etcd/server/v3"
# The one newer Go toolchain this project accepts when a Kubernetes go.mod asks for more than the
# installed one.
APPROVED_NEWER_TOOLCHAIN = "go1.27.3"
# The flags and environment hack/update-openapi-spec.sh gives kube-apiserver: every API group and
# version served, alpha and beta feature gates on (some resources are gated beyond runtime-config),
# enums left out of the static snapshot used for client generation (kubernetes#109177), and the
# /logs handler on (its two operations are part of the published spec).
UPSTREAM_FEATURE_GATES = "AllAlpha=true,AllBeta=true,OpenAPIEnums=false"
UPSTREAM_ENV = {"KUBE_APISERVER_STRICT_REMOVED_API_HANDLING_IN_ALPHA": "true"}
RUNTIME_CONFIG = "api/all=true"


class UpdateError(Exception):
    """A problem the user can fix; the message names the input and the fix."""


# --------------------------------------------------------------------------------------------
# Parsing, validating and normalising a spec


def parse_spec(data, origin):
    """Parses and validates a Swagger 2.0 document; ``origin`` names the input in messages."""
    try:
        text = data.decode("utf-8") if isinstance(data, (bytes, bytearray)) else data
    except UnicodeDecodeError as e:
        raise UpdateError(f"{origin}: not UTF-8 text ({e}). Give the JSON document served at /openapi/v2.")
    if not text.strip():
        raise UpdateError(f"{origin}: empty document. Give the JSON document served at /openapi/v2.")
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as e:
        hint = ""
        if text.lstrip().startswith(("swagger:", "openapi:", "---")):
            hint = " It looks like YAML; this command reads JSON only (kubectl get --raw /openapi/v2 prints JSON)."
        raise UpdateError(f"{origin}: not valid JSON at line {e.lineno} column {e.colno}: {e.msg}.{hint}")
    if not isinstance(spec, dict):
        raise UpdateError(f"{origin}: the document is a JSON {type(spec).__name__}, expected an object with "
                          "'swagger', 'paths' and 'definitions'.")
    if "openapi" in spec and "swagger" not in spec:
        raise UpdateError(
            f"{origin}: this is an OpenAPI {spec.get('openapi')} document (field 'openapi'); kubesdk pins the "
            "Swagger 2.0 spec. A Kubernetes API server serves it at /openapi/v2 (OpenAPI 3 is /openapi/v3/...): "
            "use --url https://HOST/openapi/v2, --from-cluster, or --version 1.N.x.")
    if spec.get("swagger") != "2.0":
        raise UpdateError(f"{origin}: field 'swagger' is {spec.get('swagger')!r}, expected \"2.0\". "
                          "Give the document served at /openapi/v2.")
    for field in ("paths", "definitions"):
        value = spec.get(field)
        if not isinstance(value, dict) or not value:
            raise UpdateError(f"{origin}: field '{field}' is missing or empty; a Kubernetes /openapi/v2 document "
                              f"has both 'paths' and 'definitions'. Check that the input is the whole document.")
    for path, item in spec["paths"].items():
        if not isinstance(item, dict):
            raise UpdateError(f"{origin}: paths[{path!r}] is not an object.")
        for method in HTTP_METHODS:
            if method in item and not isinstance(item[method], dict):
                raise UpdateError(f"{origin}: paths[{path!r}].{method} is not an operation object.")
    for name, definition in spec["definitions"].items():
        if not isinstance(definition, dict):
            raise UpdateError(f"{origin}: definitions[{name!r}] is not an object.")
    return spec


def normalise(spec):
    """The committed bytes of a spec, the same way upstream writes api/openapi-spec/swagger.json.

    Keys sorted, two-space indent, UTF-8 unescaped, final newline (``jq -S``), and info.version set to
    "unversioned": the version lives in provenance.json, so a rebuild of the same spec gives the same bytes.
    """
    info = spec.get("info")
    if isinstance(info, dict):
        info = dict(info)
        info["version"] = "unversioned"
        spec = dict(spec, info=info)
    return (json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------------------------
# What changed


def operations(spec):
    """{(METHOD, path): operation} for every operation of a spec."""
    result = {}
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                result[(method.upper(), path)] = op
    return result


def describe_changes(old, new, old_label, new_label):
    """Human-readable lines saying what differs between two specs (old may be None)."""
    lines = []
    old_defs = (old or {}).get("definitions", {})
    new_defs = new.get("definitions", {})
    old_ops = operations(old or {})
    new_ops = operations(new)

    def op_line(sign, key, op):
        return f"  {sign} {key[0]} {key[1]} ({op.get('operationId', 'no operationId')})"

    added_defs = sorted(set(new_defs) - set(old_defs))
    removed_defs = sorted(set(old_defs) - set(new_defs))
    changed_defs = sorted(n for n in set(old_defs) & set(new_defs) if old_defs[n] != new_defs[n])
    added_ops = sorted(set(new_ops) - set(old_ops), key=lambda k: (k[1], k[0]))
    removed_ops = sorted(set(old_ops) - set(new_ops), key=lambda k: (k[1], k[0]))
    changed_ops = sorted((k for k in set(old_ops) & set(new_ops) if old_ops[k] != new_ops[k]),
                         key=lambda k: (k[1], k[0]))

    lines.append(f"{old_label} -> {new_label}")
    lines.append(f"definitions: {len(old_defs)} -> {len(new_defs)} "
                 f"(+{len(added_defs)} added, -{len(removed_defs)} removed, {len(changed_defs)} changed)")
    lines.append(f"operations: {len(old_ops)} -> {len(new_ops)} "
                 f"(+{len(added_ops)} added, -{len(removed_ops)} removed, {len(changed_ops)} changed)")
    if old is not None:
        other = sorted(k for k in set(old) | set(new)
                       if k not in ("paths", "definitions") and old.get(k) != new.get(k))
        if other:
            lines.append("other top-level fields changed: " + ", ".join(other))
    if added_defs:
        lines.append("added definitions:")
        lines.extend(f"  + {n}" for n in added_defs)
    if removed_defs:
        lines.append("removed definitions:")
        lines.extend(f"  - {n}" for n in removed_defs)
    if added_ops:
        lines.append("added operations:")
        lines.extend(op_line("+", k, new_ops[k]) for k in added_ops)
    if removed_ops:
        lines.append("removed operations:")
        lines.extend(op_line("-", k, old_ops[k]) for k in removed_ops)
    if changed_defs:
        lines.append("changed definitions:")
        lines.extend(f"  ~ {n}" for n in changed_defs)
    if changed_ops:
        lines.append("changed operations:")
        lines.extend(op_line("~", k, new_ops[k]) for k in changed_ops)
    return lines


# --------------------------------------------------------------------------------------------
# Writing


def write_atomic(path, data):
    """Writes data beside path and renames it into place, so readers see the old or the new file."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def provenance_bytes(provenance):
    return (json.dumps(provenance, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def install(openapi_dir, spec_bytes, provenance, v3_files=None):
    """Writes swagger.json, provenance.json and, given v3_files ({file name: bytes}), the v3/ folder.

    provenance.sha256 (and openapiV3's per-file sha256) are computed here from the bytes written. Without
    v3_files an existing v3/ folder is removed: it described the previous spec. Returns the provenance
    and whether v3/ was removed.
    """
    provenance = dict(provenance)
    provenance["format"] = FORMAT
    provenance["sha256"] = sha256(spec_bytes)
    provenance.pop("openapiV3", None)
    v3_dir = os.path.join(openapi_dir, "v3")
    staged = None
    if v3_files:
        staged = tempfile.mkdtemp(prefix=".v3.", dir=openapi_dir)
        for name, data in v3_files.items():
            with open(os.path.join(staged, name), "wb") as f:
                f.write(data)
        os.chmod(staged, 0o755)
        provenance["openapiV3"] = {"dir": "v3", "format": "openapi 3",
                                   "sha256": {name: sha256(data) for name, data in sorted(v3_files.items())}}
    try:
        write_atomic(os.path.join(openapi_dir, "swagger.json"), spec_bytes)
        write_atomic(os.path.join(openapi_dir, "provenance.json"), provenance_bytes(provenance))
    except BaseException:
        if staged:
            shutil.rmtree(staged, ignore_errors=True)
        raise
    removed = False
    if os.path.isdir(v3_dir):
        old = tempfile.mkdtemp(prefix=".v3-old.", dir=openapi_dir)
        os.rename(v3_dir, os.path.join(old, "v3"))
        shutil.rmtree(old, ignore_errors=True)
        removed = not staged
    if staged:
        os.rename(staged, v3_dir)
    return provenance, removed


def v3_file_name(group_path):
    """Upstream's file name for a /openapi/v3 group: 'apis/apps/v1' -> 'apis__apps__v1_openapi.json'."""
    return group_path.replace("/", "__") + "_openapi.json"


def normalise_v3(data, origin):
    try:
        doc = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise UpdateError(f"{origin}: not valid JSON ({e}).")
    if not isinstance(doc, dict) or not str(doc.get("openapi", "")).startswith("3."):
        raise UpdateError(f"{origin}: not an OpenAPI 3 document (no 'openapi: 3.x' field).")
    return normalise(doc)


def read_v3(get, origin):
    """{file name: normalised bytes} for every group the /openapi/v3 index lists; get(path) -> bytes."""
    try:
        index = json.loads(get("/openapi/v3"))
        groups = index["paths"]
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        raise UpdateError(f"{origin} /openapi/v3: not the expected index of groups ({e}).")
    files = {}
    for group, entry in sorted(groups.items()):
        url = entry.get("serverRelativeURL") or f"/openapi/v3/{group}"
        files[v3_file_name(group)] = normalise_v3(get(url), f"{origin} {url}")
    return files


def read_current(openapi_dir):
    """The committed spec and provenance, or (None, None) where absent."""
    spec_path = os.path.join(openapi_dir, "swagger.json")
    prov_path = os.path.join(openapi_dir, "provenance.json")
    spec = None
    provenance = None
    # A damaged current file must not block the update that replaces it: it only loses the comparison.
    if os.path.exists(spec_path):
        with open(spec_path, "rb") as f:
            try:
                spec = parse_spec(f.read(), spec_path)
            except UpdateError as e:
                print(f"openapi/update: warning: {e} Comparing against nothing.", file=sys.stderr)
    if os.path.exists(prov_path):
        with open(prov_path, "rb") as f:
            try:
                provenance = json.loads(f.read())
            except json.JSONDecodeError as e:
                print(f"openapi/update: warning: {prov_path}: not valid JSON ({e.msg} at line {e.lineno}); "
                      "it will be rewritten.", file=sys.stderr)
    if not isinstance(provenance, dict):
        provenance = None
    return spec, provenance


def version_from_git_version(git_version):
    """'v1.37.2' -> '1.37.2'; 'v1.30.4+k3s1' -> '1.30.4'; anything else -> None."""
    m = re.match(r"^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)", git_version or "")
    return m.group(1) if m else None


# --------------------------------------------------------------------------------------------
# Sources: file, URL, live cluster


def read_file(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise UpdateError(f"--file {path}: cannot read it ({e.strerror}). Give the path of a Swagger 2.0 JSON file.")


def http_get(url, headers=None, context=None, timeout=60, what=None):
    what = what or url
    request = urllib.request.Request(url, headers=dict(headers or {}, Accept="application/json"))
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        raise UpdateError(f"{what}: the server answered HTTP {e.code} {e.reason}. Check the URL "
                          "(a Kubernetes API server serves the spec at /openapi/v2) and that it needs no credentials "
                          "(for a cluster that does, use --from-cluster or kubectl proxy).")
    except urllib.error.URLError as e:
        if isinstance(e.reason, ssl.SSLCertVerificationError):
            raise UpdateError(f"{what}: its certificate is not trusted ({e.reason.verify_message}). Use --from-cluster "
                              "(kubectl knows the cluster's CA), or --insecure for a server you trust.")
        raise UpdateError(f"{what}: cannot reach it ({e.reason}). Check the host and port and that the server runs; "
                          "for a cluster, `kubectl proxy` then --url http://127.0.0.1:8001/openapi/v2 works too.")
    except (OSError, ValueError) as e:
        raise UpdateError(f"{what}: cannot read it ({e}). Check the URL.")


def read_url(url, insecure=False):
    if not re.match(r"^https?://", url):
        raise UpdateError(f"--url {url}: only http:// and https:// URLs are read. For a file use --file.")
    context = None
    if url.startswith("https://") and insecure:
        context = ssl._create_unverified_context()
    return http_get(url, context=context, what=f"--url {url}")


def kubectl_raw(kubectl, path, context_name, kubeconfig):
    cmd = [kubectl, "get", "--raw", path]
    if context_name:
        cmd += ["--context", context_name]
    if kubeconfig:
        cmd += ["--kubeconfig", kubeconfig]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise UpdateError(f"`{' '.join(cmd)}` did not answer within 120 s. Check that the cluster is reachable.")
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UpdateError(f"`{' '.join(cmd)}` failed: {message[-1] if message else 'exit ' + str(done.returncode)}. "
                          "Check the context (kubectl config get-contexts) and that you may read /openapi/v2.")
    return done.stdout


def read_cluster(context_name, kubeconfig, with_v3=False):
    """GET /openapi/v2 and /version of a live cluster.

    kubectl reads the kubeconfig: it already knows every authentication kind (certificates, tokens, exec
    plugins, OIDC), which a second YAML reader and credential stack here would only imitate.
    """
    kubectl = shutil.which("kubectl")
    if not kubectl:
        raise UpdateError("--from-cluster needs kubectl on PATH to read your kubeconfig. Install kubectl, or run "
                          "`kubectl proxy` where kubectl is installed and use --url http://127.0.0.1:8001/openapi/v2.")
    version_doc = kubectl_raw(kubectl, "/version", context_name, kubeconfig)
    spec_bytes = kubectl_raw(kubectl, "/openapi/v2", context_name, kubeconfig)
    try:
        git_version = json.loads(version_doc).get("gitVersion")
    except (json.JSONDecodeError, AttributeError):
        git_version = None
    v3_files = None
    if with_v3:
        v3_files = read_v3(lambda path: kubectl_raw(kubectl, path, context_name, kubeconfig), "cluster")
    return spec_bytes, git_version, v3_files


# --------------------------------------------------------------------------------------------
# Go modules: versions, builds, binaries


def go_env():
    env = dict(os.environ)
    env.setdefault("GOFLAGS", "")
    env["GOFLAGS"] = (env["GOFLAGS"] + " -mod=mod").strip()
    env["GO111MODULE"] = "on"
    return env


def run_go(args, cwd, env=None, what=None):
    go = shutil.which("go") or ("/usr/local/go/bin/go" if os.path.exists("/usr/local/go/bin/go") else None)
    if not go:
        raise UpdateError("--version needs the Go toolchain (go on PATH or /usr/local/go/bin/go) to build "
                          "kube-apiserver. Install Go 1.26 or newer, or use --file/--url/--from-cluster.")
    done = subprocess.run([go] + args, cwd=cwd, env=env or go_env(), capture_output=True)
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip()
        raise UpdateError(f"`go {' '.join(args)}` failed{' (' + what + ')' if what else ''}:\n{err[-3000:]}")
    return done.stdout.decode("utf-8", "replace")


def parse_semver(v):
    m = re.match(r"^v?(\d+)\.(\d+)\.(\d+)(-.*)?$", v)
    if not m:
        return None
    pre = m.group(4)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3)), 0 if pre else 1, pre or "")


def resolve_version(requested, available):
    """Picks the exact module version for --version; '1.37' means its newest patch release."""
    req = requested[1:] if requested.startswith("v") else requested
    releases = sorted((v for v in available if parse_semver(v)), key=parse_semver, reverse=True)
    if re.match(r"^\d+\.\d+$", req):
        matching = [v for v in releases if v.startswith(f"v{req}.") and "-" not in v]
        if matching:
            return matching[0][1:]
    elif "v" + req in available:
        return req
    newest = ", ".join(v[1:] for v in releases[:10]) or "none"
    raise UpdateError(f"--version {requested}: {KUBERNETES_MODULE} v{req} is not served by the Go module proxy. "
                      f"Newest versions that exist: {newest}. Pick one of those (1.N.x), or 1.N for the newest patch.")


def list_module_versions(workdir):
    out = run_go(["list", "-m", "-versions", KUBERNETES_MODULE], cwd=workdir, what="listing Kubernetes versions")
    return out.split()[1:]


def parse_gomod(text):
    """The pieces of a go.mod this command needs: go line, requires, replaces (naive but sufficient)."""
    result = {"go": None, "toolchain": None, "godebug": [], "require": {}, "replace": {}}
    block = None
    for raw in text.splitlines():
        line = raw.split("//")[0].strip()
        if not line:
            continue
        if block:
            if line == ")":
                block = None
                continue
            words = [block] + line.split()
        else:
            words = line.split()
            if len(words) == 2 and words[1] == "(":
                block = words[0]
                continue
        kind = words[0]
        if kind == "go" and len(words) >= 2:
            result["go"] = words[1]
        elif kind == "toolchain" and len(words) >= 2:
            result["toolchain"] = words[1]
        elif kind == "godebug" and len(words) >= 2:
            result["godebug"].extend(words[1:])
        elif kind == "require" and len(words) >= 3:
            result["require"][words[1]] = words[2]
        elif kind == "replace" and "=>" in words:
            i = words.index("=>")
            result["replace"][words[1]] = words[i + 1:]
    return result


def staging_replaces(kubernetes_gomod, version):
    """replace lines mapping each staging module k8s.io/<name> to its published v0.N.x."""
    minor_patch = version.split(".", 1)[1]
    lines = []
    for module, target in sorted(kubernetes_gomod["replace"].items()):
        if target and target[0].startswith("./staging/"):
            lines.append(f"\t{module} => {module} v0.{minor_patch}")
    return lines


def go_version_tuple(v):
    m = re.match(r"^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?", v or "")
    return tuple(int(x or 0) for x in m.groups()) if m else None


def toolchain_env(required_go, local_go):
    """Environment for go commands in a module whose go line is required_go."""
    env = go_env()
    need = go_version_tuple(required_go)
    have = go_version_tuple(local_go)
    if need and have and need > have:
        if need > go_version_tuple(APPROVED_NEWER_TOOLCHAIN):
            raise UpdateError(f"{KUBERNETES_MODULE}'s go.mod needs Go {required_go}; this machine has {local_go} and "
                              f"the newest toolchain this project approves is {APPROVED_NEWER_TOOLCHAIN}. Install a "
                              "newer Go, or pick an older --version.")
        env["GOTOOLCHAIN"] = APPROVED_NEWER_TOOLCHAIN
    return env


def cache_root():
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "kubesdk")


def binary_module_version(path, module, go_cmd_dir):
    """The version of `module` a Go binary was built from (go version -m), else its --version output."""
    try:
        out = run_go(["version", "-m", path], cwd=go_cmd_dir)
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[0] in ("mod", "dep") and parts[1] == module and parts[2] != "(devel)":
                return parts[2].lstrip("v")
    except UpdateError:
        pass
    try:
        done = subprocess.run([path, "--version"], capture_output=True, timeout=30)
        m = re.search(r"v(\d+\.\d+\.\d+\S*)", done.stdout.decode("utf-8", "replace"))
        return m.group(1) if m else None
    except (OSError, subprocess.TimeoutExpired):
        return None


def e2e_pins(repo_root):
    """(kubernetes version, etcd version) the e2e control plane pins, from its go.mod files, or Nones."""
    def pin(path, module):
        try:
            with open(path) as f:
                v = parse_gomod(f.read())["require"].get(module)
            return v.lstrip("v") if v else None
        except OSError:
            return None
    base = os.path.join(repo_root, "e2e", "controlplane")
    return (pin(os.path.join(base, "kubernetes", "go.mod"), KUBERNETES_MODULE),
            pin(os.path.join(base, "etcd", "go.mod"), ETCD_MODULE))


def candidate_dirs(version, etcd_pin):
    """Folders that may already hold binaries for `version`, most specific first."""
    controlplane = os.path.join(cache_root(), "controlplane")
    dirs = []
    if etcd_pin:
        dirs.append(os.path.join(controlplane, f"k8s-{version}-etcd-{etcd_pin}"))
    dirs.extend(sorted(glob.glob(os.path.join(controlplane, f"k8s-{version}-etcd-*"))))
    if os.environ.get("KUBEBUILDER_ASSETS"):
        dirs.append(os.environ["KUBEBUILDER_ASSETS"])
    dirs.append(os.path.join(cache_root(), "openapi", f"k8s-{version}"))
    seen = []
    for d in dirs:
        if d not in seen:
            seen.append(d)
    return seen


def build_ldflags(version):
    # kube-apiserver reports these in /version; release builds set them the same way (hack/lib/version.sh).
    minor = version.split(".")[1]
    flags = ["-s", "-w"]
    for pkg in ("k8s.io/component-base/version", "k8s.io/client-go/pkg/version"):
        flags += [f"-X {pkg}.gitVersion=v{version}", f"-X {pkg}.gitMajor=1", f"-X {pkg}.gitMinor={minor}",
                  f"-X {pkg}.gitTreeState=clean"]
    return " ".join(flags)


def build_kube_apiserver(version, workdir, out_path, log):
    """Builds kube-apiserver from k8s.io/kubernetes@v<version> in a throwaway module."""
    info = json.loads(run_go(["mod", "download", "-json", f"{KUBERNETES_MODULE}@v{version}"], cwd=workdir,
                             what=f"downloading {KUBERNETES_MODULE}@v{version}"))
    with open(info["GoMod"]) as f:
        kgomod = parse_gomod(f.read())
    local_go = run_go(["env", "GOVERSION"], cwd=workdir).strip()
    env = toolchain_env(kgomod["go"], local_go)
    module_dir = os.path.join(workdir, "kube-apiserver-module")
    os.makedirs(module_dir, exist_ok=True)
    # The godebug lines of k8s.io/kubernetes apply only to its own main module: repeat them here so the
    # binary runs with the same GODEBUG defaults as a release build.
    gomod = ["module kubesdk.local/openapi/kube-apiserver", "", f"go {kgomod['go']}", ""]
    gomod += [f"godebug {setting}" for setting in kgomod["godebug"]] + ([""] if kgomod["godebug"] else [])
    gomod += [f"require {KUBERNETES_MODULE} v{version}", "", "replace ("]
    gomod += staging_replaces(kgomod, version) + [")", ""]
    with open(os.path.join(module_dir, "go.mod"), "w") as f:
        f.write("\n".join(gomod))
    # Importing the command keeps `go mod tidy` resolving everything the build needs; the build tag
    # keeps the file out of every compilation.
    with open(os.path.join(module_dir, "tools.go"), "w") as f:
        f.write('//go:build tools\n\npackage tools\n\nimport _ "k8s.io/kubernetes/cmd/kube-apiserver"\n')
    log(f"resolving modules for {KUBERNETES_MODULE}@v{version} (go {kgomod['go']}"
        f"{', GOTOOLCHAIN=' + env['GOTOOLCHAIN'] if 'GOTOOLCHAIN' in env and env['GOTOOLCHAIN'] != os.environ.get('GOTOOLCHAIN') else ''})")
    run_go(["mod", "tidy"], cwd=module_dir, env=env, what="resolving kube-apiserver's modules")
    log("building kube-apiserver (cold: about 10 minutes on 2 cores)")
    tmp = out_path + f".tmp.{os.getpid()}"
    run_go(["build", "-trimpath", "-ldflags", build_ldflags(version), "-o", tmp,
            f"{KUBERNETES_MODULE}/cmd/kube-apiserver"], cwd=module_dir, env=env, what="building kube-apiserver")
    os.replace(tmp, out_path)
    return kgomod


def build_etcd(etcd_version, e2e_etcd_dir, workdir, out_path, log):
    module_dir = os.path.join(workdir, "etcd-module")
    os.makedirs(module_dir, exist_ok=True)
    copied = False
    if e2e_etcd_dir and os.path.exists(os.path.join(e2e_etcd_dir, "go.sum")):
        # The e2e module already pins etcd with checksums: copy it rather than resolving again.
        for name in ("go.mod", "go.sum"):
            shutil.copy(os.path.join(e2e_etcd_dir, name), module_dir)
        copied = True
    if not copied:
        with open(os.path.join(module_dir, "go.mod"), "w") as f:
            f.write(f"module kubesdk.local/openapi/etcd\n\ngo 1.24\n\nrequire {ETCD_MODULE} v{etcd_version}\n")
        with open(os.path.join(module_dir, "tools.go"), "w") as f:
            f.write(f'//go:build tools\n\npackage tools\n\nimport _ "{ETCD_MODULE}"\n')
        run_go(["mod", "tidy"], cwd=module_dir, what="resolving etcd's modules")
    log(f"building etcd {etcd_version} (about 80 s)")
    tmp = out_path + f".tmp.{os.getpid()}"
    run_go(["build", "-trimpath", "-ldflags", "-s -w", "-o", tmp, ETCD_MODULE], cwd=module_dir,
           what="building etcd")
    os.replace(tmp, out_path)


# --------------------------------------------------------------------------------------------
# A throwaway control plane


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent():
    # Linux: the child gets SIGTERM when this process dies, even by SIGKILL, so no server outlives it.
    try:
        import ctypes
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class ControlPlane:
    """etcd and kube-apiserver on free loopback ports in a temp folder; stop() ends both."""

    def __init__(self, kube_apiserver, etcd, workdir, feature_gates, log):
        self.kube_apiserver = kube_apiserver
        self.etcd = etcd
        self.workdir = workdir
        self.feature_gates = feature_gates
        self.log = log
        self.processes = []
        self.token = secrets.token_hex(16)
        self.port = None

    def spec_flags(self):
        """The flags that decide what the server serves, as recorded in provenance."""
        flags = [f"--runtime-config={RUNTIME_CONFIG}", "--enable-logs-handler=true"]
        if self.feature_gates:
            flags.append(f"--feature-gates={self.feature_gates}")
        return flags

    def _start(self, name, cmd, env=None):
        logfile = open(os.path.join(self.workdir, f"{name}.log"), "wb")
        process = subprocess.Popen(cmd, stdout=logfile, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=env, cwd=self.workdir, start_new_session=True,
                                   preexec_fn=_die_with_parent)
        logfile.close()
        self.processes.append((name, process))
        return process

    def _log_tail(self, name, lines=15):
        try:
            with open(os.path.join(self.workdir, f"{name}.log"), "rb") as f:
                return "\n".join(f.read().decode("utf-8", "replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def _wait(self, name, process, probe, deadline_s):
        deadline = time.monotonic() + deadline_s
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise UpdateError(f"{name} exited with code {process.returncode} while starting. Its log ends:\n"
                                  f"{self._log_tail(name)}")
            with contextlib.suppress(Exception):
                if probe():
                    return
            time.sleep(0.25)
        raise UpdateError(f"{name} did not become ready within {deadline_s} s. Its log ends:\n{self._log_tail(name)}")

    def start(self):
        client, peer, self.port = free_port(), free_port(), free_port()
        etcd_url = f"http://127.0.0.1:{client}"
        etcd = self._start("etcd", [
            self.etcd, "--name=openapi", f"--data-dir={os.path.join(self.workdir, 'etcd-data')}",
            f"--listen-client-urls={etcd_url}", f"--advertise-client-urls={etcd_url}",
            f"--listen-peer-urls=http://127.0.0.1:{peer}", f"--initial-advertise-peer-urls=http://127.0.0.1:{peer}",
            f"--initial-cluster=openapi=http://127.0.0.1:{peer}", "--log-level=warn", "--unsafe-no-fsync"])
        self._wait("etcd", etcd, lambda: b'"health":"true"' in http_get(f"{etcd_url}/health", timeout=2), 60)

        key = os.path.join(self.workdir, "sa.key")
        done = subprocess.run(["openssl", "genrsa", "-out", key, "2048"], capture_output=True)
        if done.returncode != 0:
            raise UpdateError("openssl genrsa failed; the service-account key needs openssl on PATH: "
                              + done.stderr.decode("utf-8", "replace").strip())
        tokens = os.path.join(self.workdir, "tokens.csv")
        fd = os.open(tokens, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(f"{self.token},openapi-update,openapi-update,system:masters\n")
        env = dict(os.environ, **UPSTREAM_ENV)
        apiserver = self._start("kube-apiserver", [
            self.kube_apiserver, "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
            f"--secure-port={self.port}", f"--etcd-servers={etcd_url}",
            f"--cert-dir={os.path.join(self.workdir, 'certs')}", f"--token-auth-file={tokens}",
            "--authorization-mode=AlwaysAllow", f"--service-account-key-file={key}",
            f"--service-account-signing-key-file={key}", "--service-account-issuer=https://kubernetes.default.svc",
            "--service-cluster-ip-range=10.0.0.0/24", "--endpoint-reconciler-type=none", "--v=1"] + self.spec_flags(), env=env)
        self._wait("kube-apiserver", apiserver, lambda: self.get("/readyz", timeout=5) == b"ok", 180)

    def get(self, path, timeout=120):
        # Our own child on loopback with the self-signed certificate it made in --cert-dir: nothing to verify.
        context = ssl._create_unverified_context()
        return http_get(f"https://127.0.0.1:{self.port}{path}", headers={"Authorization": f"Bearer {self.token}"},
                        context=context, timeout=timeout, what=f"kube-apiserver {path}")

    def stop(self):
        for name, process in reversed(self.processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=15)
        self.processes = []


def find_binaries(version, repo_root, explicit_apiserver, explicit_etcd, workdir, log):
    """(kube-apiserver path, etcd path, notes) for `version`, building what no cache holds."""
    k8s_pin, etcd_pin = e2e_pins(repo_root)
    notes = {}
    apiserver = explicit_apiserver
    etcd = explicit_etcd
    for d in candidate_dirs(version, etcd_pin if k8s_pin == version else None):
        if not apiserver and os.access(os.path.join(d, "kube-apiserver"), os.X_OK):
            found = binary_module_version(os.path.join(d, "kube-apiserver"), KUBERNETES_MODULE, workdir)
            if found == version:
                apiserver = os.path.join(d, "kube-apiserver")
            else:
                log(f"skipping {d}/kube-apiserver: it is Kubernetes {found or 'of unknown version'}, not {version}")
        if not etcd and os.access(os.path.join(d, "etcd"), os.X_OK):
            etcd = os.path.join(d, "etcd")
    if apiserver:
        if not os.access(apiserver, os.X_OK):
            raise UpdateError(f"--kube-apiserver {apiserver}: no executable file there. Fix the path, or leave the "
                              "flag out to reuse or build one.")
        found = binary_module_version(apiserver, KUBERNETES_MODULE, workdir)
        if found != version:
            raise UpdateError(f"--kube-apiserver {apiserver} is Kubernetes {found or 'of unknown version'}, not "
                              f"{version}. Give a kube-apiserver built from {KUBERNETES_MODULE}@v{version}, "
                              "or leave the flag out to build one.")
        notes["kubeApiserverBinary"] = "reused"
    own = os.path.join(cache_root(), "openapi", f"k8s-{version}")
    if not apiserver:
        os.makedirs(own, exist_ok=True)
        apiserver = os.path.join(own, "kube-apiserver")
        build_kube_apiserver(version, workdir, apiserver, log)
        notes["kubeApiserverBinary"] = "built"
    if etcd and not os.access(etcd, os.X_OK):
        raise UpdateError(f"--etcd {etcd}: no executable file there. Fix the path, or leave the flag out.")
    if not etcd:
        for d in sorted(glob.glob(os.path.join(cache_root(), "controlplane", "k8s-*-etcd-*"))):
            if os.access(os.path.join(d, "etcd"), os.X_OK):
                etcd = os.path.join(d, "etcd")
                break
    if not etcd:
        etcd_version = etcd_pin or "3.6.0"
        etcd_dir = os.path.join(cache_root(), "openapi", f"etcd-{etcd_version}")
        os.makedirs(etcd_dir, exist_ok=True)
        etcd = os.path.join(etcd_dir, "etcd")
        build_etcd(etcd_version, os.path.join(repo_root, "e2e", "controlplane", "etcd") if etcd_pin else None,
                   workdir, etcd, log)
    notes["etcdVersion"] = binary_module_version(etcd, ETCD_MODULE, workdir)
    return apiserver, etcd, notes


def read_from_apiserver(version, repo_root, args, log):
    """Builds or reuses kube-apiserver <version>, serves it on loopback, returns (spec bytes, provenance)."""
    workdir = tempfile.mkdtemp(prefix="kubesdk-openapi-")
    plane = None
    try:
        available = list_module_versions(workdir)
        version = resolve_version(version, available)
        apiserver, etcd, notes = find_binaries(version, repo_root, args.kube_apiserver, args.etcd, workdir, log)
        log(f"kube-apiserver: {apiserver}\netcd: {etcd}")
        plane = ControlPlane(apiserver, etcd, workdir, args.feature_gates, log)
        started = time.monotonic()
        plane.start()
        log(f"control plane ready in {time.monotonic() - started:.1f} s on 127.0.0.1:{plane.port}")
        spec_bytes = plane.get("/openapi/v2")
        git_version = json.loads(plane.get("/version")).get("gitVersion")
        if version_from_git_version(git_version) != version:
            log(f"note: this kube-apiserver reports gitVersion {git_version} (built without version stamping); "
                f"`go version -m` showed it was built from {KUBERNETES_MODULE}@v{version}")
        v3_files = read_v3(plane.get, "kube-apiserver") if args.with_v3 else None
        flags = plane.spec_flags()
    finally:
        if plane:
            plane.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    env = " ".join(f"{k}={v}" for k, v in UPSTREAM_ENV.items())
    provenance = {
        "kubernetesVersion": version,
        "source": (f"GET /openapi/v2 of kube-apiserver built from Go module {KUBERNETES_MODULE}@v{version} "
                   f"({' '.join(flags)}, {env}; etcd {notes.get('etcdVersion') or 'unknown'})"),
        "apiserverGitVersion": git_version,
        "apiserverFlags": flags,
    }
    return spec_bytes, provenance, v3_files


# --------------------------------------------------------------------------------------------
# Command line


def build_parser():
    p = argparse.ArgumentParser(
        prog="openapi/update",
        description="Replace openapi/swagger.json with another Kubernetes API spec, print what changed, and "
                    "record its provenance in openapi/provenance.json.")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--version", metavar="1.N.x",
                        help="serve kube-apiserver of this Kubernetes version (built from its Go module, or "
                             "reused from the cache) and read its /openapi/v2; 1.N picks the newest 1.N.x")
    source.add_argument("--file", metavar="PATH", help="a Swagger 2.0 JSON document on disk")
    source.add_argument("--url", metavar="URL", help="GET a Swagger 2.0 JSON document over http(s)")
    source.add_argument("--from-cluster", action="store_true",
                        help="read /openapi/v2 of your current kubeconfig context with kubectl (CRDs included)")
    p.add_argument("--context", help="with --from-cluster: the kubeconfig context to read")
    p.add_argument("--kubeconfig", help="with --from-cluster: the kubeconfig file (default: kubectl's)")
    p.add_argument("--kubernetes-version", metavar="1.N.x",
                   help="with --file/--url: the Kubernetes version to record (default: asked from the server "
                        "with --url, required with --file)")
    p.add_argument("--insecure", action="store_true", help="with --url https://: do not verify the certificate")
    p.add_argument("--kube-apiserver", metavar="PATH", help="with --version: use this kube-apiserver binary "
                   "(it must be built from that version)")
    p.add_argument("--etcd", metavar="PATH", help="with --version: use this etcd binary")
    p.add_argument("--feature-gates", default=UPSTREAM_FEATURE_GATES,
                   help=f"with --version: kube-apiserver --feature-gates (default: {UPSTREAM_FEATURE_GATES}, "
                        "as upstream's hack/update-openapi-spec.sh; '' for the defaults)")
    p.add_argument("--with-v3", action="store_true",
                   help="with --version/--from-cluster: also write every /openapi/v3 group document into v3/")
    p.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    p.add_argument("--openapi-dir", default=os.path.dirname(os.path.abspath(__file__)), help=argparse.SUPPRESS)
    return p


def main(argv=None):
    args = build_parser().parse_args(argv)
    openapi_dir = args.openapi_dir
    repo_root = os.path.dirname(os.path.abspath(__file__))
    repo_root = os.path.dirname(repo_root)

    def log(message):
        print(message, file=sys.stderr, flush=True)

    def stop_on_term(signum, frame):
        raise KeyboardInterrupt()

    previous_handler = signal.signal(signal.SIGTERM, stop_on_term)
    started = time.monotonic()
    try:
        old_spec, old_provenance = read_current(openapi_dir)
        for flag, value, needs, given in (("--context", args.context, "--from-cluster", args.from_cluster),
                                          ("--kubeconfig", args.kubeconfig, "--from-cluster", args.from_cluster),
                                          ("--kube-apiserver", args.kube_apiserver, "--version", args.version),
                                          ("--etcd", args.etcd, "--version", args.version),
                                          ("--insecure", args.insecure, "--url", args.url)):
            if value and not given:
                raise UpdateError(f"{flag} only applies with {needs}.")
        v3_files = None
        if args.with_v3 and (args.file or args.url):
            raise UpdateError("--with-v3 works with --version and --from-cluster, which read a server's /openapi/v3.")
        if args.version:
            spec_bytes, provenance, v3_files = read_from_apiserver(args.version, repo_root, args, log)
            origin = f"kube-apiserver {provenance['kubernetesVersion']} /openapi/v2"
        elif args.file:
            spec_bytes = read_file(args.file)
            origin = f"--file {args.file}"
            if not args.kubernetes_version:
                raise UpdateError(f"--file {args.file}: say which Kubernetes version it is with "
                                  "--kubernetes-version 1.N.x (recorded in provenance.json).")
            provenance = {"kubernetesVersion": args.kubernetes_version,
                          "source": f"file {os.path.abspath(args.file)}"}
        elif args.url:
            spec_bytes = read_url(args.url, args.insecure)
            origin = f"--url {args.url}"
            version = args.kubernetes_version
            git_version = None
            if not version:
                version_url = re.sub(r"/openapi/v2/?$", "/version", args.url)
                if version_url != args.url:
                    with contextlib.suppress(UpdateError, ValueError, AttributeError):
                        git_version = json.loads(read_url(version_url, args.insecure)).get("gitVersion")
                        version = version_from_git_version(git_version)
            if not version:
                raise UpdateError(f"--url {args.url}: cannot tell which Kubernetes version it is (no /version "
                                  "beside it); add --kubernetes-version 1.N.x.")
            provenance = {"kubernetesVersion": version, "source": f"GET {args.url}"}
            if git_version:
                provenance["apiserverGitVersion"] = git_version
        else:
            spec_bytes, git_version, v3_files = read_cluster(args.context, args.kubeconfig, args.with_v3)
            origin = f"cluster{' context ' + args.context if args.context else ''} /openapi/v2"
            version = version_from_git_version(git_version) or "unknown"
            provenance = {"kubernetesVersion": version,
                          "source": "GET /openapi/v2 of a live cluster with kubectl"
                                    f"{' --context ' + args.context if args.context else ''}"
                                    " (includes its CustomResourceDefinitions and aggregated APIs)",
                          "apiserverGitVersion": git_version}
        new_spec = parse_spec(spec_bytes, origin)
        new_bytes = normalise(new_spec)
        # Compare what would be committed: the normalised form, parsed back.
        new_spec = json.loads(new_bytes)
        old_label = "openapi/swagger.json " + (f"Kubernetes {old_provenance.get('kubernetesVersion')}"
                                               if old_provenance else "(none)")
        for line in describe_changes(old_spec, new_spec, old_label, f"{origin} (Kubernetes "
                                     f"{provenance['kubernetesVersion']})"):
            print(line)
        current_bytes = None
        spec_path = os.path.join(openapi_dir, "swagger.json")
        if os.path.exists(spec_path):
            with open(spec_path, "rb") as f:
                current_bytes = f.read()
        print("swagger.json bytes: " + ("unchanged" if current_bytes == new_bytes else
                                        f"changed, sha256 {sha256(new_bytes)}"))
        if args.dry_run:
            print("dry run: nothing written")
        else:
            _, removed_v3 = install(openapi_dir, new_bytes, provenance, v3_files)
            print(f"wrote {spec_path} and provenance.json"
                  + (f" and v3/ ({len(v3_files)} OpenAPI 3 files)" if v3_files else ""))
            if removed_v3:
                print("removed v3/: it described the previous spec (add --with-v3 to fetch it again)")
        log(f"done in {time.monotonic() - started:.1f} s")
        return 0
    except UpdateError as e:
        print(f"openapi/update: {e}", file=sys.stderr)
        print("nothing was written.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("openapi/update: interrupted; servers stopped, nothing was written.", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
