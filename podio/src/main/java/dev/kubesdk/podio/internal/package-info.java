/**
 * Implementation of {@code dev.kubesdk.podio}: the channel protocol of exec and attach, byte pipes
 * between the WebSocket's reader thread and the user, the SPDY/3.1 framing and session of
 * port-forward, and the tar writer and guarded extractor of copy. Not an API: anything here may
 * change without notice.
 */
@NullMarked
package dev.kubesdk.podio.internal;

import org.jspecify.annotations.NullMarked;
