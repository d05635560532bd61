/**
 * Loading Kubernetes client configuration: kubeconfig files, in-cluster service accounts,
 * authentication and TLS material, and the process-wide default {@link
 * dev.kubesdk.config.Configuration}.
 */
@NullMarked
package dev.kubesdk.config;

import org.jspecify.annotations.NullMarked;
