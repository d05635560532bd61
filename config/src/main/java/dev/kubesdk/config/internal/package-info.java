/** Implementation of configuration loading: YAML, PEM, TLS, exec plugins and token files. */
@NullMarked
package dev.kubesdk.config.internal;

import org.jspecify.annotations.NullMarked;
