/**
 * Cluster state as files and as generic objects: {@link dev.kubesdk.manifests.Manifests} reads and
 * writes YAML (typed models chosen by {@code apiVersion}/{@code kind}, {@link
 * dev.kubesdk.manifests.GenericObject} for kinds without a model), {@link
 * dev.kubesdk.manifests.Discovery} and {@link dev.kubesdk.manifests.RestMapper} find what the server
 * serves, {@link dev.kubesdk.manifests.DynamicClient} reaches any resource, {@link
 * dev.kubesdk.manifests.ServerSideApply} applies a set of objects in dependency order, and {@link
 * dev.kubesdk.manifests.JsonPatch}, {@link dev.kubesdk.manifests.MergePatch} and {@link
 * dev.kubesdk.manifests.StrategicMergePatch} build patches.
 */
@NullMarked
package dev.kubesdk.manifests;

import org.jspecify.annotations.NullMarked;
