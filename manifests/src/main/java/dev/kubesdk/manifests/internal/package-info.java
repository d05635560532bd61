/** Implementation of the manifests module: YAML trees, the generated kind tables, discovery documents. */
@NullMarked
package dev.kubesdk.manifests.internal;

import org.jspecify.annotations.NullMarked;
