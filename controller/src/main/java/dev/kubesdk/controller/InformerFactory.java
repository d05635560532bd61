package dev.kubesdk.controller;

import dev.kubesdk.runtime.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes {@link SharedInformer}s and shares them: one informer, hence one watch and one cache, per
 * {@link ListWatch}, however many controllers ask for it. client-go's {@code SharedInformerFactory}.
 * Thread-safe; one per process is usual.
 *
 * <pre>{@code
 * try (InformerFactory factory = InformerFactory.create(client)) {
 *   SharedInformer<V1Pod> pods = factory.informer(ListWatch.of(
 *       core.listPodForAllNamespaces().toApiRequest(), V1Pod.class, V1Pod::getMetadata));
 *   pods.addHandler(handler);
 *   factory.start();
 *   if (!factory.awaitSynced(Duration.ofMinutes(1))) {
 *     throw new IllegalStateException("caches did not sync");
 *   }
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #start()} starts every informer made so far that has not started; informers made later
 * start with the next call. {@link #close()} stops them all.
 */
public final class InformerFactory implements AutoCloseable {
  private final ApiClient client;
  private final InformerOptions options;
  private final ConcurrentHashMap<ListWatch<?>, SharedInformer<?>> informers = new ConcurrentHashMap<>();

  private InformerFactory(ApiClient client, InformerOptions options) {
    this.client = Objects.requireNonNull(client, "client");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A factory whose informers use {@link InformerOptions#defaults()}. */
  public static InformerFactory create(ApiClient client) {
    return new InformerFactory(client, InformerOptions.defaults());
  }

  /** A factory whose informers use {@code options}. */
  public static InformerFactory create(ApiClient client, InformerOptions options) {
    return new InformerFactory(client, options);
  }

  /** The client the informers list and watch through. */
  public ApiClient client() {
    return client;
  }

  /** The informer of {@code listWatch}: the same instance for every equal {@link ListWatch}. */
  @SuppressWarnings("unchecked")
  public <T> SharedInformer<T> informer(ListWatch<T> listWatch) {
    Objects.requireNonNull(listWatch, "listWatch");
    return (SharedInformer<T>) informers.computeIfAbsent(listWatch, lw -> new SharedInformer<>(client, listWatch, options));
  }

  /** Every informer made so far. */
  public List<SharedInformer<?>> informers() {
    return new ArrayList<>(informers.values());
  }

  /** Starts every informer not started yet. */
  public void start() {
    for (SharedInformer<?> informer : informers.values()) {
      informer.start();
    }
  }

  /**
   * Waits until every informer made so far has synced, for up to {@code timeout} in all; true when
   * they all did. When interrupted it returns false with the interrupt flag set.
   */
  public boolean awaitSynced(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (SharedInformer<?> informer : informers.values()) {
      if (!informer.awaitSynced(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  /** Stops every informer. */
  @Override
  public void close() {
    for (SharedInformer<?> informer : informers.values()) {
      informer.close();
    }
  }

  @Override
  public String toString() {
    return "InformerFactory[" + informers.size() + " informers, " + options + "]";
  }
}
