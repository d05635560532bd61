package dev.kubesdk.config;

import java.util.List;

/**
 * The default chain found nothing to load: no kubeconfig file in {@code KUBECONFIG} or at {@code
 * ~/.kube/config}, and no in-cluster service account. Unlike its parent, this is not a broken
 * configuration, so a tool may fall back to something else (as {@code ./kubesdk demo} falls back
 * to a local control plane); the message lists every place that was looked at.
 */
public class NoConfigurationException extends ConfigException {
  private static final long serialVersionUID = 1L;

  /** Every line of the report: what was tried, in order, and how to fix it. */
  public NoConfigurationException(List<String> lines) {
    super(String.join("\n", lines));
  }
}
