"""Tests for openapi/diff on small documents; no API server is started here.

Run: python3 -m pytest openapi
"""

import copy
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import specdiff  # noqa: E402


def spec():
    """Two groups, a kind with a spec type, a meta type, and operations with a shared parameter."""
    return {
        "swagger": "2.0",
        "info": {"title": "Kubernetes", "version": "unversioned"},
        "parameters": {"namespace-x": {"name": "namespace", "in": "path", "required": True, "type": "string"}},
        "paths": {
            "/apis/apps/v1/namespaces/{namespace}/deployments": {
                "parameters": [{"$ref": "#/parameters/namespace-x"}],
                "get": {"operationId": "listAppsV1NamespacedDeployment",
                        "parameters": [{"name": "limit", "in": "query", "type": "integer"}],
                        "responses": {"200": {"description": "OK",
                                              "schema": {"$ref": "#/definitions/io.k8s.api.apps.v1.DeploymentList"}}}},
                "post": {"operationId": "createAppsV1NamespacedDeployment",
                         "parameters": [{"name": "body", "in": "body", "required": True,
                                         "schema": {"$ref": "#/definitions/io.k8s.api.apps.v1.Deployment"}}],
                         "responses": {"200": {"description": "OK",
                                               "schema": {"$ref": "#/definitions/io.k8s.api.apps.v1.Deployment"}}}},
            },
            "/api/v1/pods": {
                "get": {"operationId": "listCoreV1PodForAllNamespaces",
                        "responses": {"200": {"description": "OK",
                                              "schema": {"$ref": "#/definitions/io.k8s.api.core.v1.PodList"}}}},
            },
        },
        "definitions": {
            "io.k8s.api.apps.v1.Deployment": {
                "type": "object", "description": "Deployment.",
                "properties": {"spec": {"$ref": "#/definitions/io.k8s.api.apps.v1.DeploymentSpec"}},
                "x-kubernetes-group-version-kind": [{"group": "apps", "kind": "Deployment", "version": "v1"}]},
            "io.k8s.api.apps.v1.DeploymentList": {
                "type": "object",
                "properties": {"items": {"type": "array",
                                         "items": {"$ref": "#/definitions/io.k8s.api.apps.v1.Deployment"}}},
                "x-kubernetes-group-version-kind": [{"group": "apps", "kind": "DeploymentList", "version": "v1"}]},
            "io.k8s.api.apps.v1.DeploymentSpec": {
                "type": "object", "required": ["selector"],
                "properties": {"replicas": {"type": "integer", "format": "int32", "description": "How many."},
                               "selector": {"type": "string"},
                               "paused": {"type": "boolean"}}},
            "io.k8s.api.core.v1.PodList": {
                "type": "object",
                "x-kubernetes-group-version-kind": [{"group": "", "kind": "PodList", "version": "v1"}]},
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
                "type": "object", "properties": {"name": {"type": "string"}}},
        },
    }


APPS = "apps/v1"
SPEC = "io.k8s.api.apps.v1.DeploymentSpec"
DEPLOYMENTS = "/apis/apps/v1/namespaces/{namespace}/deployments"


def field_rows(sections, group=APPS):
    return [row[1:] for row in sections[group]["fields"]]


class TypesTest(unittest.TestCase):
    def test_no_change_gives_no_sections(self):
        self.assertEqual(specdiff.diff(spec(), spec()), {})

    def test_description_only_changes_are_not_reported(self):
        new = spec()
        new["definitions"][SPEC]["properties"]["replicas"]["description"] = "Another text."
        new["definitions"]["io.k8s.api.apps.v1.Deployment"]["description"] = "Reworded."
        self.assertEqual(specdiff.diff(spec(), new), {})

    def test_added_type_goes_to_the_group_of_the_kinds_in_its_package(self):
        new = spec()
        new["definitions"]["io.k8s.api.apps.v1.DeploymentStrategy"] = {"type": "object"}
        sections = specdiff.diff(spec(), new)
        self.assertEqual(sections[APPS]["types_added"], ["io.k8s.api.apps.v1.DeploymentStrategy"])

    def test_removed_type(self):
        new = spec()
        del new["definitions"]["io.k8s.api.core.v1.PodList"]
        sections = specdiff.diff(spec(), new)
        self.assertEqual(sections["core/v1"]["types_removed"], ["io.k8s.api.core.v1.PodList"])

    def test_type_of_a_package_without_kinds_keeps_its_package(self):
        new = spec()
        new["definitions"]["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]["properties"]["uid"] = {"type": "string"}
        sections = specdiff.diff(spec(), new)
        self.assertEqual(list(sections), ["io.k8s.apimachinery.pkg.apis.meta.v1"])


class FieldsTest(unittest.TestCase):
    def test_added_field_with_its_type_and_whether_required(self):
        new = spec()
        new["definitions"][SPEC]["properties"]["strategy"] = {
            "$ref": "#/definitions/io.k8s.api.apps.v1.DeploymentStrategy"}
        new["definitions"][SPEC]["properties"]["minReadySeconds"] = {"type": "integer", "format": "int32"}
        new["definitions"][SPEC]["required"].append("minReadySeconds")
        sections = specdiff.diff(spec(), new)
        self.assertEqual(sections[APPS]["types_changed"], [SPEC])
        self.assertEqual(field_rows(sections), [("field added", "minReadySeconds", "integer/int32, required"),
                                                ("field added", "strategy", "DeploymentStrategy")])

    def test_removed_field(self):
        new = spec()
        del new["definitions"][SPEC]["properties"]["paused"]
        self.assertEqual(field_rows(specdiff.diff(spec(), new)), [("field removed", "paused", "boolean")])

    def test_type_change(self):
        new = spec()
        new["definitions"][SPEC]["properties"]["replicas"] = {"type": "array", "items": {"type": "string"}}
        self.assertEqual(field_rows(specdiff.diff(spec(), new)),
                         [("type changed", "replicas", "integer/int32 → []string")])

    def test_required_added_and_removed(self):
        new = spec()
        new["definitions"][SPEC]["required"] = ["paused"]
        self.assertEqual(field_rows(specdiff.diff(spec(), new)), [("now required", "paused", ""),
                                                                  ("no longer required", "selector", "")])

    def test_other_schema_attributes_of_a_field(self):
        new = spec()
        new["definitions"][SPEC]["properties"]["selector"]["enum"] = ["a", "b"]
        self.assertEqual(field_rows(specdiff.diff(spec(), new)), [("attributes changed", "selector", "`enum`")])

    def test_changed_item_type_of_a_list_field(self):
        new = spec()
        new["definitions"]["io.k8s.api.apps.v1.DeploymentList"]["properties"]["items"]["items"] = {
            "$ref": "#/definitions/io.k8s.api.apps.v1.DeploymentV2"}
        self.assertEqual(field_rows(specdiff.diff(spec(), new)),
                         [("type changed", "items", "[]Deployment → []DeploymentV2")])

    def test_type_level_attribute(self):
        new = spec()
        new["definitions"][SPEC]["x-kubernetes-map-type"] = "atomic"
        self.assertEqual(field_rows(specdiff.diff(spec(), new)),
                         [("attributes changed", "", "`x-kubernetes-map-type`")])


class OperationsTest(unittest.TestCase):
    def test_added_and_removed_operations_are_grouped_by_path(self):
        new = spec()
        new["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments"]["delete"] = {
            "operationId": "deleteAppsV1CollectionNamespacedDeployment", "responses": {}}
        del new["paths"]["/api/v1/pods"]
        sections = specdiff.diff(spec(), new)
        self.assertEqual(sections[APPS]["ops_added"],
                         [(("DELETE", DEPLOYMENTS), "deleteAppsV1CollectionNamespacedDeployment")])
        self.assertEqual(sections["core/v1"]["ops_removed"],
                         [(("GET", "/api/v1/pods"), "listCoreV1PodForAllNamespaces")])

    def test_parameters_added_removed_and_changed(self):
        new = spec()
        get = new["paths"][DEPLOYMENTS]["get"]
        get["parameters"] = [{"name": "limit", "in": "query", "type": "string", "required": True},
                             {"name": "watch", "in": "query", "type": "boolean"}]
        sections = specdiff.diff(spec(), new)
        self.assertEqual(sections[APPS]["ops_changed"], [(("GET", DEPLOYMENTS), "listAppsV1NamespacedDeployment", [
            "parameter `watch` (query, boolean) added",
            "parameter `limit` type integer → string",
            "parameter `limit` now required"])])

    def test_path_level_parameter_removed_through_its_ref(self):
        new = spec()
        del new["paths"][DEPLOYMENTS]["parameters"]
        changed = specdiff.diff(spec(), new)[APPS]["ops_changed"]
        self.assertEqual([(key, details) for key, _, details in changed],
                         [(("GET", DEPLOYMENTS), ["parameter `namespace` (path) removed"]),
                          (("POST", DEPLOYMENTS), ["parameter `namespace` (path) removed"])])

    def test_body_and_response_types(self):
        new = spec()
        post = new["paths"][DEPLOYMENTS]["post"]
        post["parameters"][0]["schema"] = {"$ref": "#/definitions/io.k8s.api.apps.v1.DeploymentV2"}
        post["responses"]["200"]["schema"] = {"$ref": "#/definitions/io.k8s.api.apps.v1.DeploymentV2"}
        post["produces"] = ["application/json"]
        _, _, details = specdiff.diff(spec(), new)[APPS]["ops_changed"][0]
        self.assertEqual(details, ["parameter `body` type Deployment → DeploymentV2",
                                   "response Deployment → DeploymentV2", "produces +application/json"])


class MarkdownTest(unittest.TestCase):
    def test_summary_counts_and_group_sections(self):
        old = spec()
        new = copy.deepcopy(old)
        new["definitions"][SPEC]["properties"]["strategy"] = {"type": "string"}
        del new["definitions"]["io.k8s.api.core.v1.PodList"]
        text = specdiff.render("1.36.3", "1.37.2", specdiff.diff(old, new), old, new)
        self.assertTrue(text.startswith("# Kubernetes API changes: 1.36.3 → 1.37.2\n"))
        self.assertIn("| types removed | 1 |", text)
        self.assertIn("| fields added | 1 |", text)
        self.assertIn("| operations added | 0 |", text)
        self.assertLess(text.index("## core/v1"), text.index("## apps/v1"))
        self.assertIn("| `DeploymentSpec` | `strategy` | field added | string |", text)
        self.assertIn("Types removed: `PodList`", text)

    def test_pipes_in_details_do_not_break_the_table(self):
        self.assertEqual(specdiff.cell("a|b\nc"), "a\\|b c")


class CommandLineTest(unittest.TestCase):
    def run_main(self, *argv):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = specdiff.main(list(argv))
        return code, out.getvalue(), err.getvalue()

    def test_two_files_to_an_output_file(self):
        with tempfile.TemporaryDirectory() as d:
            old, new, output = (os.path.join(d, n) for n in ("old.json", "new.json", "diff.md"))
            changed = spec()
            changed["definitions"]["io.k8s.api.apps.v1.DeploymentStrategy"] = {"type": "object"}
            for path, doc in ((old, spec()), (new, changed)):
                with open(path, "w") as f:
                    json.dump(doc, f)
            code, out, err = self.run_main(old, new, "--output", output)
            self.assertEqual((code, out), (0, ""))
            with open(output) as f:
                text = f.read()
            self.assertIn("# Kubernetes API changes: old.json → new.json", text)
            self.assertIn("Types added: `DeploymentStrategy`", text)

    def test_neither_version_file_nor_url_names_the_argument_and_the_fix(self):
        code, out, err = self.run_main("no-such-file.json", "no-such-file.json")
        self.assertEqual(code, 1)
        self.assertIn("no-such-file.json: not a Kubernetes version (1.N.x or 1.N), an existing file, nor an http(s)://"
                      " URL", err)

    def test_a_file_that_is_not_a_spec(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write("[]")
        try:
            code, _, err = self.run_main(f.name, f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(code, 1)
        self.assertIn("the document is a JSON list", err)


if __name__ == "__main__":
    unittest.main()
