package dev.kubesdk.manifests;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.kubesdk.manifests.internal.DiscoveryDocuments;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.NotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API server serves: every resource of every group and version, read with aggregated
 * discovery ({@code GET /api} and {@code /apis} answering {@code apidiscovery.k8s.io/v2}
 * {@code APIGroupDiscoveryList}, two calls in all), or, from a server without it, the legacy
 * documents (one call per group version). client-go's {@code discovery.DiscoveryClient} with its
 * memory and disk caches. Thread-safe; share one instance.
 *
 * <pre>{@code
 * Discovery discovery = Discovery.builder(client)
 *     .cacheDirectory(Path.of(System.getProperty("user.home"), ".kube", "cache", "discovery"))
 *     .build();
 * for (ApiResource r : discovery.resources()) { ... }
 * RestMapper mapper = RestMapper.of(discovery);
 * }</pre>
 *
 * <p>The answer is kept in memory until {@link #refresh()}, which a {@link RestMapper} calls when
 * it meets a kind it does not know (a CRD installed meanwhile). With a cache directory, answers
 * are also kept on disk per server for {@link Builder#cacheTtl} (6 hours, as kubectl), under
 * {@code <dir>/<host_port>/kubesdk-resources.json}, beside kubectl's own files.
 */
public final class Discovery {
  private static final Logger log = LoggerFactory.getLogger(Discovery.class);
  private static final String AGGREGATED_ACCEPT =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

  private final ApiClient client;
  private final ApiClient aggregatedClient;
  private final @Nullable Path cacheFile;
  private final Duration cacheTtl;
  private final Clock clock;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile @Nullable List<ApiResource> resources;
  private volatile boolean lastWasAggregated;

  private Discovery(Builder b) {
    this.client = b.client;
    this.aggregatedClient = b.client.withDefaultHeader("Accept", AGGREGATED_ACCEPT);
    this.cacheFile = b.cacheDirectory == null ? null : b.cacheDirectory.resolve(hostDirectory(b.client)).resolve("kubesdk-resources.json");
    this.cacheTtl = b.cacheTtl;
    this.clock = b.clock;
  }

  /** A builder for discovery through {@code client}. */
  public static Builder builder(ApiClient client) {
    return new Builder(client);
  }

  /**
   * Every resource the server serves, from memory (or the disk cache) when known, else asked of
   * the server.
   *
   * @throws ApiException when the server cannot be asked
   */
  public List<ApiResource> resources() {
    List<ApiResource> known = resources;
    if (known != null) {
      return known;
    }
    refreshing.lock();
    try {
      known = resources;
      if (known == null) {
        known = fromDisk();
        if (known == null) {
          known = fetch();
          toDisk(known);
        }
        resources = known;
      }
      return known;
    } finally {
      refreshing.unlock();
    }
  }

  /**
   * Asks the server again, replacing what memory and disk hold; returns the new answer. Callers
   * that meet a miss at once share one request: whoever waited for a running refresh uses its
   * answer.
   */
  public List<ApiResource> refresh() {
    List<ApiResource> before = resources;
    refreshing.lock();
    try {
      if (resources != before && resources != null) {
        return resources;
      }
      List<ApiResource> fresh = fetch();
      toDisk(fresh);
      resources = fresh;
      return fresh;
    } finally {
      refreshing.unlock();
    }
  }

  /** Whether the last answer from the server came in the aggregated form (false before any). */
  public boolean aggregated() {
    return lastWasAggregated;
  }

  /** The client discovery asks through. */
  public ApiClient client() {
    return client;
  }

  private List<ApiResource> fetch() {
    JsonObject core = aggregatedClient.execute(ApiRequest.builder("GET", "/api").build(), JsonObject.class);
    JsonObject groups = aggregatedClient.execute(ApiRequest.builder("GET", "/apis").build(), JsonObject.class);
    List<ApiResource> out = new ArrayList<>();
    if (DiscoveryDocuments.isAggregated(core) && DiscoveryDocuments.isAggregated(groups)) {
      out.addAll(DiscoveryDocuments.aggregated(core));
      out.addAll(DiscoveryDocuments.aggregated(groups));
      lastWasAggregated = true;
      log.debug("aggregated discovery of {}: {} resources", client.configuration().host(), out.size());
      return List.copyOf(out);
    }
    lastWasAggregated = false;
    // The legacy form: APIVersions from /api, APIGroupList from /apis, then each group version.
    List<String> coreVersions = DiscoveryDocuments.strings(core, "versions");
    for (int i = 0; i < coreVersions.size(); i++) {
      out.addAll(legacy("", coreVersions.get(i), i == 0));
    }
    for (JsonObject group : DiscoveryDocuments.objects(groups, "groups")) {
      String name = DiscoveryDocuments.text(group, "name");
      if (name == null) {
        continue;
      }
      String preferred = DiscoveryDocuments.text(DiscoveryDocuments.object(group, "preferredVersion"), "version");
      for (JsonObject version : DiscoveryDocuments.objects(group, "versions")) {
        String v = DiscoveryDocuments.text(version, "version");
        if (v != null) {
          out.addAll(legacy(name, v, v.equals(preferred)));
        }
      }
    }
    log.debug("legacy discovery of {}: {} resources", client.configuration().host(), out.size());
    return List.copyOf(out);
  }

  private List<ApiResource> legacy(String group, String version, boolean preferred) {
    String path = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    try {
      JsonObject list = client.execute(ApiRequest.builder("GET", path).build(), JsonObject.class);
      return DiscoveryDocuments.legacy(list, group, version, preferred);
    } catch (NotFoundException e) {
      return List.of();
    } catch (ApiException e) {
      // As kubectl does: one unavailable aggregated API (a metrics server that is down) must not
      // hide every other group.
      log.warn("discovery of {} failed, its resources are left out: {}", path, e.getMessage());
      return List.of();
    }
  }

  private @Nullable List<ApiResource> fromDisk() {
    if (cacheFile == null || !Files.isRegularFile(cacheFile)) {
      return null;
    }
    try {
      Instant written = Files.getLastModifiedTime(cacheFile).toInstant();
      if (written.plus(cacheTtl).isBefore(clock.instant())) {
        return null;
      }
      JsonArray array = JsonParser.parseString(Files.readString(cacheFile, StandardCharsets.UTF_8)).getAsJsonArray();
      List<ApiResource> cached = DiscoveryDocuments.fromJson(array);
      log.debug("discovery of {} from {}", client.configuration().host(), cacheFile);
      return List.copyOf(cached);
    } catch (IOException | JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
      // A damaged or foreign cache file is only a miss: the server is asked and the file rewritten.
      log.debug("discovery cache {} unusable ({}); asking the server", cacheFile, e.toString());
      return null;
    }
  }

  private void toDisk(List<ApiResource> fresh) {
    if (cacheFile == null) {
      return;
    }
    try {
      Files.createDirectories(cacheFile.getParent());
      Path temp = Files.createTempFile(cacheFile.getParent(), "kubesdk-resources", ".tmp");
      Files.writeString(temp, DiscoveryDocuments.toJson(fresh).toString(), StandardCharsets.UTF_8);
      try {
        Files.move(temp, cacheFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, cacheFile, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      log.warn("cannot write the discovery cache {}: {}", cacheFile, e.getMessage());
    }
  }

  /** kubectl's directory name for a server: host and port with characters unsafe in paths replaced. */
  static String hostDirectory(ApiClient client) {
    String host = client.configuration().host().toString().replaceFirst("^https?://", "");
    StringBuilder b = new StringBuilder();
    for (char c : host.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' ? c : '_');
    }
    return b.toString();
  }

  /** The server, how many resources are known, and the cache file. */
  @Override
  public String toString() {
    List<ApiResource> known = resources;
    return "Discovery[" + client.configuration().host() + ", " + (known == null ? "not read yet" : known.size() + " resources") + (cacheFile == null ? "" : ", cache " + cacheFile) + "]";
  }

  /** Builds a {@link Discovery}. Mutable and not thread-safe. */
  public static final class Builder {
    private final ApiClient client;
    private @Nullable Path cacheDirectory;
    private Duration cacheTtl = Duration.ofHours(6);
    private Clock clock = Clock.systemUTC();

    private Builder(ApiClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /** Keeps answers on disk under {@code directory}, e.g. {@code ~/.kube/cache/discovery}; none by default. */
    public Builder cacheDirectory(Path directory) {
      this.cacheDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** How long an answer on disk is used; default 6 hours, as kubectl. */
    public Builder cacheTtl(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("cacheTtl must not be negative: " + ttl);
      }
      this.cacheTtl = ttl;
      return this;
    }

    /** The clock the disk cache's age is measured by; the system clock by default (tests pass a fixed one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The discovery client. */
    public Discovery build() {
      return new Discovery(this);
    }
  }
}
