package dev.kubesdk.examples;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.RequestEvent;
import dev.kubesdk.config.RequestListener;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request metrics without a metrics library: client-go's {@code rest_client_requests_total} (by
 * method and status) and {@code rest_client_request_duration_seconds} (by method and path
 * template), kept in plain Java by a {@link RequestListener}. Binding the same events to Micrometer
 * or OpenTelemetry is the same few lines with their types.
 */
public final class RequestMetrics implements RequestListener {
  /** Upper bounds of the latency buckets, as client-go's (seconds: 0.005 … 60). */
  private static final double[] BUCKETS = {0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60};

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder[]> durations = new ConcurrentHashMap<>();

  /** Counts {@code event} and files its duration. */
  @Override
  public void requestFinished(RequestEvent event) {
    String code = event.status().isPresent() ? String.valueOf(event.status().getAsInt()) : "<error>";
    requests.computeIfAbsent(event.method() + " " + code, k -> new LongAdder()).increment();
    if (event.streaming()) {
      return; // a watch's duration is the time to its first byte, not a request latency
    }
    LongAdder[] histogram = durations.computeIfAbsent(event.method() + " " + event.pathTemplate(), k -> newHistogram());
    double seconds = event.duration().toNanos() / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        histogram[i].increment();
      }
    }
    histogram[BUCKETS.length].increment(); // +Inf
  }

  /** How many calls of {@code method} ended with {@code status} ({@code "<error>"} for no answer). */
  public long requests(String method, String status) {
    LongAdder n = requests.get(method + " " + status);
    return n == null ? 0 : n.sum();
  }

  /** How many non-streaming calls of {@code method} on {@code pathTemplate} took at most {@code bound}. */
  public long atMost(String method, String pathTemplate, Duration bound) {
    LongAdder[] histogram = durations.get(method + " " + pathTemplate);
    if (histogram == null) {
      return 0;
    }
    double seconds = bound.toNanos() / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        return histogram[i].sum();
      }
    }
    return histogram[BUCKETS.length].sum();
  }

  /** Every counter, as {@code "GET 200" → n}, sorted. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    requests.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private static LongAdder[] newHistogram() {
    LongAdder[] histogram = new LongAdder[BUCKETS.length + 1];
    for (int i = 0; i < histogram.length; i++) {
      histogram[i] = new LongAdder();
    }
    return histogram;
  }

  /** Lists the pods of a namespace with metrics on, then prints the counters. */
  public static void main(String[] args) {
    RequestMetrics metrics = new RequestMetrics();
    Configuration.setDefault(KubeConfig.load().toBuilder().requestListener(metrics).build());
    ListPods.podNames(new CoreV1Api(), args.length > 0 ? args[0] : "default");
    metrics.counts().forEach((k, v) -> System.out.println("rest_client_requests_total{" + k + "} " + v));
  }
}
