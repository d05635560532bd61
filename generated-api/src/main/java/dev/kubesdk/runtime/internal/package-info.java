/**
 * Implementation of the API runtime: building the HTTP client from a {@code Configuration},
 * authentication and proxies. Not part of the public API; anything here may change in any release.
 */
@NullMarked
package dev.kubesdk.runtime.internal;

import org.jspecify.annotations.NullMarked;
