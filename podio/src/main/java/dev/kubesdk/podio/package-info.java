/**
 * Pod I/O: what a user does with a running pod besides reading its object. {@link
 * dev.kubesdk.podio.PodIo} is the entry point: logs as an {@code InputStream} or a stream of lines
 * that can follow, exec and attach over WebSocket ({@code v5.channel.k8s.io}, falling back to
 * {@code v4.channel.k8s.io}) as a one-shot call or an {@link dev.kubesdk.podio.ExecSession},
 * port-forward over {@code SPDY/3.1+portforward.k8s.io} tunnelled in one WebSocket ({@link
 * dev.kubesdk.podio.PortForward}), and copying files to and from a pod as tar over exec with the
 * path-traversal defences {@code kubectl cp} needed. Everything goes through the {@link
 * dev.kubesdk.runtime.ApiClient}'s own transport: its TLS, proxy, credentials and timeouts.
 */
@NullMarked
package dev.kubesdk.podio;

import org.jspecify.annotations.NullMarked;
