package dev.kubesdk.controller;

/**
 * Told each time a {@link SharedInformer} fails to list or watch: client-go's {@code
 * WatchErrorHandler}. The informer retries after client-go's backoff whatever the handler does, so
 * the handler is where a controller notices that it is not getting changes, because of RBAC
 * (403), a missing resource (404), an unreachable server or a server answering 5xx; it may count,
 * alert, mark the process unhealthy or close the informer.
 *
 * <pre>{@code
 * pods.setWatchErrorHandler((listWatch, error) -> {
 *   if (error instanceof ForbiddenException) {
 *     health.down(listWatch + ": " + error.getMessage());
 *   }
 * });
 * }</pre>
 *
 * <p>Runs on the informer's reflector thread, so it should return quickly; an exception it throws is
 * logged and ignored. Not called for the ends the informer handles itself: a watch the server ended
 * on time, or 410 Gone (the informer lists again).
 */
@FunctionalInterface
public interface WatchErrorHandler {

  /**
   * {@code error} ended an attempt to list or watch {@code listWatch}: an {@link
   * dev.kubesdk.runtime.ApiException} (a {@link dev.kubesdk.runtime.TransportException} when the
   * connection failed or broke).
   */
  void onError(ListWatch<?> listWatch, RuntimeException error);
}
