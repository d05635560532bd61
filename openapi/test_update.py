"""Tests for openapi/update on small documents; no API server is started here.

Run: python3 -m pytest openapi
"""

import http.server
import io
import json
import os
import socket
import stat
import sys
import threading
import unittest
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import specupdate  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def fragment(definitions=("io.k8s.api.core.v1.Pod",), operations=(("get", "/api/v1/pods", "listPodForAllNamespaces"),),
             info_version="v1.37.2"):
    paths = {}
    for method, path, op_id in operations:
        paths.setdefault(path, {})[method] = {"operationId": op_id, "responses": {"200": {"description": "OK"}}}
    return {
        "swagger": "2.0",
        "info": {"title": "Kubernetes", "version": info_version},
        "paths": paths,
        "definitions": {name: {"type": "object", "description": f"{name} – é"} for name in definitions},
    }


def encode(doc):
    return json.dumps(doc).encode("utf-8")


def run_main(args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = specupdate.main(args)
    return code, out.getvalue(), err.getvalue()


def snapshot(directory):
    result = {}
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), "rb") as f:
            result[name] = f.read()
    return result


class TempDirTestCase(unittest.TestCase):
    def setUp(self):
        import tempfile
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name
        self.openapi_dir = os.path.join(self.tmp, "openapi")
        os.mkdir(self.openapi_dir)
        old = fragment(definitions=("io.k8s.api.core.v1.Pod", "io.k8s.api.core.v1.Gone"),
                       operations=(("get", "/api/v1/pods", "listPodForAllNamespaces"),
                                   ("delete", "/api/v1/gone", "deleteGone")))
        specupdate.install(self.openapi_dir, specupdate.normalise(old),
                           {"kubernetesVersion": "1.36.0", "source": "test"})

    def tearDown(self):
        self._tmp.cleanup()

    def write_input(self, name, data):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path


class CommittedSpecTest(unittest.TestCase):
    def test_committed_provenance_sha256_matches_the_committed_swagger_json(self):
        with open(os.path.join(HERE, "swagger.json"), "rb") as f:
            data = f.read()
        with open(os.path.join(HERE, "provenance.json")) as f:
            provenance = json.load(f)
        self.assertEqual(specupdate.sha256(data), provenance["sha256"])
        self.assertEqual("swagger 2.0", provenance["format"])

    def test_committed_swagger_json_is_already_in_normalised_form(self):
        with open(os.path.join(HERE, "swagger.json"), "rb") as f:
            data = f.read()
        self.assertEqual(data, specupdate.normalise(specupdate.parse_spec(data, "swagger.json")))


class ParseSpecTest(unittest.TestCase):
    def test_accepts_a_swagger_2_document_with_paths_and_definitions(self):
        spec = specupdate.parse_spec(encode(fragment()), "input")
        self.assertEqual("2.0", spec["swagger"])

    def test_an_openapi_3_document_is_rejected_with_the_way_to_get_version_2(self):
        doc = {"openapi": "3.0.0", "info": {}, "paths": {"/a": {}}, "components": {}}
        with self.assertRaises(specupdate.UpdateError) as e:
            specupdate.parse_spec(encode(doc), "--file v3.json")
        self.assertIn("--file v3.json", str(e.exception))
        self.assertIn("OpenAPI 3.0.0", str(e.exception))
        self.assertIn("/openapi/v2", str(e.exception))

    def test_invalid_json_names_the_input_and_the_position(self):
        with self.assertRaises(specupdate.UpdateError) as e:
            specupdate.parse_spec(b'{"swagger": "2.0",\n  oops}', "--file broken.json")
        self.assertIn("--file broken.json", str(e.exception))
        self.assertIn("line 2", str(e.exception))

    def test_yaml_input_gets_a_hint_that_json_is_read(self):
        with self.assertRaises(specupdate.UpdateError) as e:
            specupdate.parse_spec(b"swagger: '2.0'\npaths: {}\n", "spec.yaml")
        self.assertIn("YAML", str(e.exception))

    def test_missing_definitions_or_paths_are_named(self):
        for field in ("definitions", "paths"):
            doc = fragment()
            del doc[field]
            with self.assertRaises(specupdate.UpdateError) as e:
                specupdate.parse_spec(encode(doc), "in")
            self.assertIn(f"'{field}'", str(e.exception))

    def test_a_swagger_version_other_than_2_0_is_rejected(self):
        doc = dict(fragment(), swagger="1.2")
        with self.assertRaises(specupdate.UpdateError) as e:
            specupdate.parse_spec(encode(doc), "in")
        self.assertIn("'1.2'", str(e.exception))

    def test_a_json_array_or_empty_input_is_rejected(self):
        for data in (b"[]", b"", b"  \n"):
            with self.assertRaises(specupdate.UpdateError):
                specupdate.parse_spec(data, "in")


class NormaliseTest(unittest.TestCase):
    def test_keys_are_sorted_indented_utf8_with_final_newline_and_info_version_unversioned(self):
        data = specupdate.normalise({"swagger": "2.0", "info": {"version": "v1.37.2", "title": "K"},
                                     "definitions": {"b": {}, "a": {"description": "é"}}, "paths": {"/x": {}}})
        text = data.decode("utf-8")
        self.assertTrue(text.endswith("}\n"))
        self.assertLess(text.index('"a"'), text.index('"b"'))
        self.assertIn('"é"', text)
        self.assertIn('"version": "unversioned"', text)
        self.assertIn('\n  "definitions": {', text)

    def test_normalising_twice_gives_the_same_bytes(self):
        once = specupdate.normalise(fragment())
        self.assertEqual(once, specupdate.normalise(json.loads(once)))


class DescribeChangesTest(unittest.TestCase):
    def test_lists_added_removed_and_changed_definitions_and_operations_with_counts(self):
        old = fragment(definitions=("A", "B", "C"),
                       operations=(("get", "/a", "getA"), ("delete", "/b", "deleteB"), ("put", "/c", "putC")))
        new = fragment(definitions=("A", "C", "D", "E"),
                       operations=(("get", "/a", "getA"), ("put", "/c", "putC2"), ("post", "/d", "createD")))
        new["definitions"]["C"]["type"] = "string"
        lines = specupdate.describe_changes(old, new, "old", "new")
        text = "\n".join(lines)
        self.assertEqual("old -> new", lines[0])
        self.assertIn("definitions: 3 -> 4 (+2 added, -1 removed, 1 changed)", lines)
        self.assertIn("operations: 3 -> 3 (+1 added, -1 removed, 1 changed)", lines)
        self.assertIn("added definitions:\n  + D\n  + E", text)
        self.assertIn("removed definitions:\n  - B", text)
        self.assertIn("added operations:\n  + POST /d (createD)", text)
        self.assertIn("removed operations:\n  - DELETE /b (deleteB)", text)
        self.assertIn("changed definitions:\n  ~ C", text)
        self.assertIn("changed operations:\n  ~ PUT /c (putC2)", text)

    def test_identical_specs_report_no_additions_removals_or_changes(self):
        lines = specupdate.describe_changes(fragment(), fragment(), "old", "new")
        self.assertEqual(["old -> new", "definitions: 1 -> 1 (+0 added, -0 removed, 0 changed)",
                          "operations: 1 -> 1 (+0 added, -0 removed, 0 changed)"], lines)

    def test_changed_top_level_fields_other_than_paths_and_definitions_are_named(self):
        new = dict(fragment(), parameters={"body": {"in": "body"}})
        self.assertIn("other top-level fields changed: parameters",
                      specupdate.describe_changes(fragment(), new, "old", "new"))


class FileSourceTest(TempDirTestCase):
    def test_a_file_replaces_the_spec_prints_the_changes_and_records_provenance(self):
        new = fragment(definitions=("io.k8s.api.core.v1.Pod", "io.k8s.api.core.v1.New"),
                       operations=(("get", "/api/v1/pods", "listPodForAllNamespaces"),
                                   ("post", "/api/v1/new", "createNew")))
        path = self.write_input("new.json", encode(new))
        code, out, err = run_main(["--file", path, "--kubernetes-version", "1.38.0", "--openapi-dir",
                                   self.openapi_dir])
        self.assertEqual(0, code, err)
        self.assertIn("definitions: 2 -> 2 (+1 added, -1 removed, 0 changed)", out)
        self.assertIn("  + io.k8s.api.core.v1.New", out)
        self.assertIn("  - io.k8s.api.core.v1.Gone", out)
        self.assertIn("  + POST /api/v1/new (createNew)", out)
        self.assertIn("  - DELETE /api/v1/gone (deleteGone)", out)
        files = snapshot(self.openapi_dir)
        self.assertEqual(["provenance.json", "swagger.json"], sorted(files))
        provenance = json.loads(files["provenance.json"])
        self.assertEqual(specupdate.sha256(files["swagger.json"]), provenance["sha256"])
        self.assertEqual("1.38.0", provenance["kubernetesVersion"])
        self.assertEqual("swagger 2.0", provenance["format"])
        self.assertEqual(specupdate.normalise(new), files["swagger.json"])

    def test_bad_input_leaves_spec_and_provenance_untouched(self):
        before = snapshot(self.openapi_dir)
        inputs = [b"{not json", encode({"openapi": "3.0.3", "paths": {}}), encode(dict(fragment(), definitions={}))]
        for i, data in enumerate(inputs):
            path = self.write_input(f"bad{i}.json", data)
            code, out, err = run_main(["--file", path, "--kubernetes-version", "1.38.0", "--openapi-dir",
                                       self.openapi_dir])
            self.assertEqual(1, code)
            self.assertIn(path, err)
            self.assertIn("nothing was written", err)
            self.assertEqual(before, snapshot(self.openapi_dir))

    def test_a_missing_file_is_a_clear_error(self):
        code, _, err = run_main(["--file", os.path.join(self.tmp, "absent.json"), "--kubernetes-version", "1.38.0",
                                 "--openapi-dir", self.openapi_dir])
        self.assertEqual(1, code)
        self.assertIn("absent.json: cannot read it", err)

    def test_a_file_without_a_kubernetes_version_asks_for_one(self):
        before = snapshot(self.openapi_dir)
        path = self.write_input("new.json", encode(fragment()))
        code, _, err = run_main(["--file", path, "--openapi-dir", self.openapi_dir])
        self.assertEqual(1, code)
        self.assertIn("--kubernetes-version", err)
        self.assertEqual(before, snapshot(self.openapi_dir))

    def test_an_option_of_another_source_is_refused(self):
        path = self.write_input("new.json", encode(fragment()))
        code, _, err = run_main(["--file", path, "--kubernetes-version", "1.38.0", "--context", "prod",
                                 "--openapi-dir", self.openapi_dir])
        self.assertEqual(1, code)
        self.assertIn("--context only applies with --from-cluster", err)

    def test_dry_run_prints_the_changes_and_writes_nothing(self):
        before = snapshot(self.openapi_dir)
        path = self.write_input("new.json", encode(fragment(definitions=("X",))))
        code, out, _ = run_main(["--file", path, "--kubernetes-version", "1.38.0", "--dry-run",
                                 "--openapi-dir", self.openapi_dir])
        self.assertEqual(0, code)
        self.assertIn("  + X", out)
        self.assertIn("dry run: nothing written", out)
        self.assertEqual(before, snapshot(self.openapi_dir))

    def test_the_same_spec_again_reports_unchanged_bytes(self):
        with open(os.path.join(self.openapi_dir, "swagger.json"), "rb") as f:
            path = self.write_input("same.json", f.read())
        code, out, _ = run_main(["--file", path, "--kubernetes-version", "1.36.0", "--openapi-dir",
                                 self.openapi_dir])
        self.assertEqual(0, code)
        self.assertIn("swagger.json bytes: unchanged", out)


class DamagedCurrentSpecTest(TempDirTestCase):
    def test_a_damaged_current_spec_is_replaced_with_a_warning(self):
        with open(os.path.join(self.openapi_dir, "swagger.json"), "wb") as f:
            f.write(b"<<<<<<< HEAD\n")
        path = self.write_input("new.json", encode(fragment()))
        code, out, err = run_main(["--file", path, "--kubernetes-version", "1.38.0", "--openapi-dir",
                                   self.openapi_dir])
        self.assertEqual(0, code, err)
        self.assertIn("warning", err)
        self.assertIn("definitions: 0 -> 1", out)
        with open(os.path.join(self.openapi_dir, "swagger.json"), "rb") as f:
            self.assertEqual(specupdate.normalise(fragment()), f.read())


class WriteAtomicTest(TempDirTestCase):
    def test_a_failed_rename_keeps_the_old_file_and_leaves_no_temp_file(self):
        target = os.path.join(self.openapi_dir, "swagger.json")
        before = snapshot(self.openapi_dir)
        with mock.patch.object(specupdate.os, "replace", side_effect=OSError("disk full")):
            with self.assertRaises(OSError):
                specupdate.write_atomic(target, b"new")
        self.assertEqual(before, snapshot(self.openapi_dir))


class OpenApiV3Test(TempDirTestCase):
    INDEX = {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=AB"},
                       "apis/apps/v1": {"serverRelativeURL": "/openapi/v3/apis/apps/v1?hash=CD"}}}

    def served(self):
        doc = {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": "v1.37.2"}, "paths": {}}
        return {"/openapi/v3": encode(self.INDEX), "/openapi/v3/api/v1?hash=AB": encode(doc),
                "/openapi/v3/apis/apps/v1?hash=CD": encode(doc)}

    def test_every_group_of_the_index_is_read_under_upstreams_file_names(self):
        files = specupdate.read_v3(self.served().__getitem__, "test")
        self.assertEqual(["api__v1_openapi.json", "apis__apps__v1_openapi.json"], sorted(files))
        self.assertIn(b'"version": "unversioned"', files["api__v1_openapi.json"])

    def test_a_group_document_that_is_not_openapi_3_is_an_error_naming_its_url(self):
        served = self.served()
        served["/openapi/v3/apis/apps/v1?hash=CD"] = encode(fragment())
        with self.assertRaises(specupdate.UpdateError) as e:
            specupdate.read_v3(served.__getitem__, "test")
        self.assertIn("/openapi/v3/apis/apps/v1?hash=CD", str(e.exception))

    def test_v3_files_are_written_with_their_checksums_and_removed_by_an_update_without_them(self):
        files = specupdate.read_v3(self.served().__getitem__, "test")
        spec = specupdate.normalise(fragment())
        provenance, removed = specupdate.install(self.openapi_dir, spec, {"kubernetesVersion": "1.37.2",
                                                                          "source": "t"}, files)
        self.assertFalse(removed)
        written = snapshot(os.path.join(self.openapi_dir, "v3"))
        self.assertEqual(files, written)
        with open(os.path.join(self.openapi_dir, "provenance.json")) as f:
            recorded = json.load(f)["openapiV3"]["sha256"]
        self.assertEqual({n: specupdate.sha256(d) for n, d in written.items()}, recorded)

        provenance, removed = specupdate.install(self.openapi_dir, spec, {"kubernetesVersion": "1.37.2",
                                                                          "source": "t"})
        self.assertTrue(removed)
        self.assertNotIn("openapiV3", provenance)
        self.assertEqual(["provenance.json", "swagger.json"], sorted(os.listdir(self.openapi_dir)))

    def test_with_v3_is_refused_for_a_file(self):
        path = self.write_input("new.json", encode(fragment()))
        code, _, err = run_main(["--file", path, "--kubernetes-version", "1.38.0", "--with-v3",
                                 "--openapi-dir", self.openapi_dir])
        self.assertEqual(1, code)
        self.assertIn("--with-v3 works with --version and --from-cluster", err)


class _Handler(http.server.BaseHTTPRequestHandler):
    routes = {}

    def do_GET(self):
        body = self.routes.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class UrlSourceTest(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.server = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
        _Handler.routes = {"/openapi/v2": encode(fragment(definitions=("Served",))),
                           "/version": encode({"gitVersion": "v1.38.1"})}
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        super().tearDown()

    def test_a_url_is_read_and_its_version_taken_from_the_servers_version_endpoint(self):
        code, out, err = run_main(["--url", self.base + "/openapi/v2", "--openapi-dir", self.openapi_dir])
        self.assertEqual(0, code, err)
        self.assertIn("  + Served", out)
        with open(os.path.join(self.openapi_dir, "provenance.json")) as f:
            provenance = json.load(f)
        self.assertEqual("1.38.1", provenance["kubernetesVersion"])
        self.assertEqual("v1.38.1", provenance["apiserverGitVersion"])
        self.assertEqual(f"GET {self.base}/openapi/v2", provenance["source"])

    def test_an_http_error_names_the_url_and_leaves_files_untouched(self):
        before = snapshot(self.openapi_dir)
        code, _, err = run_main(["--url", self.base + "/nothing", "--kubernetes-version", "1.38.0",
                                 "--openapi-dir", self.openapi_dir])
        self.assertEqual(1, code)
        self.assertIn(f"--url {self.base}/nothing: the server answered HTTP 404", err)
        self.assertEqual(before, snapshot(self.openapi_dir))

    def test_an_unreachable_url_is_a_clear_error(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            closed_port = s.getsockname()[1]
        code, _, err = run_main(["--url", f"http://127.0.0.1:{closed_port}/openapi/v2", "--openapi-dir",
                                 self.openapi_dir])
        self.assertEqual(1, code)
        self.assertIn("cannot reach it", err)

    def test_a_non_http_url_is_rejected(self):
        code, _, err = run_main(["--url", "ftp://example/openapi", "--openapi-dir", self.openapi_dir])
        self.assertEqual(1, code)
        self.assertIn("only http:// and https://", err)


class ClusterSourceTest(TempDirTestCase):
    def fake_kubectl(self, script_body):
        bindir = os.path.join(self.tmp, "bin")
        os.makedirs(bindir, exist_ok=True)
        path = os.path.join(bindir, "kubectl")
        with open(path, "w") as f:
            f.write("#!/bin/sh\n" + script_body)
        os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
        return bindir

    def test_from_cluster_reads_openapi_v2_and_version_through_kubectl_with_the_context(self):
        spec = self.write_input("cluster.json", encode(fragment(definitions=("com.example.v1.Widget",))))
        calls = os.path.join(self.tmp, "calls")
        bindir = self.fake_kubectl(f'echo "$@" >> {calls}\n'
                                   f'case "$3" in /version) echo \'{{"gitVersion":"v1.36.4+k3s1"}}\';;\n'
                                   f'/openapi/v2) cat {spec};; esac\n')
        with mock.patch.dict(os.environ, {"PATH": bindir + os.pathsep + os.environ["PATH"]}):
            code, out, err = run_main(["--from-cluster", "--context", "kind-dev", "--openapi-dir", self.openapi_dir])
        self.assertEqual(0, code, err)
        self.assertIn("  + com.example.v1.Widget", out)
        with open(calls) as f:
            self.assertIn("get --raw /openapi/v2 --context kind-dev", f.read())
        with open(os.path.join(self.openapi_dir, "provenance.json")) as f:
            provenance = json.load(f)
        self.assertEqual("1.36.4", provenance["kubernetesVersion"])
        self.assertEqual("v1.36.4+k3s1", provenance["apiserverGitVersion"])

    def test_a_failing_kubectl_is_reported_and_nothing_is_written(self):
        before = snapshot(self.openapi_dir)
        bindir = self.fake_kubectl('echo "error: context \\"nope\\" does not exist" >&2\nexit 1\n')
        with mock.patch.dict(os.environ, {"PATH": bindir + os.pathsep + os.environ["PATH"]}):
            code, _, err = run_main(["--from-cluster", "--context", "nope", "--openapi-dir", self.openapi_dir])
        self.assertEqual(1, code)
        self.assertIn('context "nope" does not exist', err)
        self.assertEqual(before, snapshot(self.openapi_dir))


class GoModuleTest(unittest.TestCase):
    AVAILABLE = ["v1.36.1", "v1.36.3", "v1.37.0-rc.1", "v1.37.0", "v1.37.2", "v1.38.0-alpha.1"]

    def test_an_exact_version_that_exists_is_used_as_is(self):
        self.assertEqual("1.37.0", specupdate.resolve_version("1.37.0", self.AVAILABLE))
        self.assertEqual("1.37.2", specupdate.resolve_version("v1.37.2", self.AVAILABLE))

    def test_a_minor_version_means_its_newest_release(self):
        self.assertEqual("1.37.2", specupdate.resolve_version("1.37", self.AVAILABLE))

    def test_an_unknown_version_lists_the_newest_that_exist(self):
        with self.assertRaises(specupdate.UpdateError) as e:
            specupdate.resolve_version("1.99.0", self.AVAILABLE)
        message = str(e.exception)
        self.assertIn("v1.99.0 is not served", message)
        self.assertIn("Newest versions that exist: 1.38.0-alpha.1, 1.37.2, 1.37.0, 1.37.0-rc.1", message)

    def test_staging_modules_are_replaced_by_their_published_v0_versions(self):
        gomod = specupdate.parse_gomod(
            "module k8s.io/kubernetes\n\ngo 1.26.0\n\ngodebug default=go1.26\n\nrequire (\n\tk8s.io/api v0.0.0\n"
            "\tgo.etcd.io/etcd/client/v3 v3.6.5 // indirect\n)\n\nreplace (\n"
            "\tk8s.io/api => ./staging/src/k8s.io/api\n\tk8s.io/client-go => ./staging/src/k8s.io/client-go\n"
            "\tgithub.com/x/y => github.com/x/y v1.0.0\n)\n")
        self.assertEqual("1.26.0", gomod["go"])
        self.assertEqual(["default=go1.26"], gomod["godebug"])
        self.assertEqual("v3.6.5", gomod["require"]["go.etcd.io/etcd/client/v3"])
        self.assertEqual(["\tk8s.io/api => k8s.io/api v0.38.1", "\tk8s.io/client-go => k8s.io/client-go v0.38.1"],
                         specupdate.staging_replaces(gomod, "1.38.1"))

    def test_a_go_line_newer_than_the_local_go_selects_the_approved_toolchain(self):
        self.assertEqual("go1.27.3", specupdate.toolchain_env("1.27.0", "go1.26.8")["GOTOOLCHAIN"])
        self.assertEqual(os.environ.get("GOTOOLCHAIN"),
                         specupdate.toolchain_env("1.26.0", "go1.26.8").get("GOTOOLCHAIN"))

    def test_a_go_line_newer_than_the_approved_toolchain_is_refused(self):
        with self.assertRaises(specupdate.UpdateError) as e:
            specupdate.toolchain_env("1.28.0", "go1.26.8")
        self.assertIn("go1.27.3", str(e.exception))

    def test_git_versions_map_to_kubernetes_versions(self):
        self.assertEqual("1.37.2", specupdate.version_from_git_version("v1.37.2"))
        self.assertEqual("1.30.4", specupdate.version_from_git_version("v1.30.4+k3s1"))
        self.assertEqual("1.38.0-alpha.1", specupdate.version_from_git_version("v1.38.0-alpha.1"))
        self.assertIsNone(specupdate.version_from_git_version(None))


if __name__ == "__main__":
    unittest.main()
