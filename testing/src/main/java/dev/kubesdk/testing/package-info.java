/**
 * A local Kubernetes control plane (kube-apiserver and etcd, no nodes) for tests, and the JUnit 5
 * extension {@link dev.kubesdk.testing.KubernetesTest} that runs test classes against it, against a
 * k3s container, or against the current kubeconfig context.
 */
@NullMarked
package dev.kubesdk.testing;

import org.jspecify.annotations.NullMarked;
