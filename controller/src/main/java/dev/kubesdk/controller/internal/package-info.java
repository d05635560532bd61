/**
 * Implementation of {@code dev.kubesdk.controller}: the reflector's list-then-watch loop, the indexed
 * store, per-handler delivery threads, backoff and list-page decoding. Not an API: anything here may
 * change without notice.
 */
@NullMarked
package dev.kubesdk.controller.internal;

import org.jspecify.annotations.NullMarked;
