/**
 * A local Kubernetes cluster for tests, without containers ({@link dev.kubesdk.testing.LocalControlPlane}:
 * etcd and kube-apiserver, plus kube-controller-manager, kube-scheduler and kwok-simulated nodes in
 * the {@link dev.kubesdk.testing.ClusterProfile#FULL} profile), and the JUnit 5 extension {@link
 * dev.kubesdk.testing.KubernetesTest} that runs test classes against it, against a k3s container,
 * or against the current kubeconfig context.
 */
@NullMarked
package dev.kubesdk.testing;

import org.jspecify.annotations.NullMarked;
