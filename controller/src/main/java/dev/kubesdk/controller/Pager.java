package dev.kubesdk.controller;

import dev.kubesdk.controller.internal.Page;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.GoneException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a large collection page by page with {@code limit} and {@code continue}: client-go's {@code
 * tools/pager}. Immutable and thread-safe; each {@link #stream()} or {@link #list()} is a new read.
 *
 * <pre>{@code
 * Pager<V1Pod> pager = Pager.builder(client, ListWatch.of(
 *     core.listPodForAllNamespaces().toApiRequest(), V1Pod.class, V1Pod::getMetadata)).build();
 * try (Stream<V1Pod> pods = pager.stream()) {
 *   long pending = pods.filter(p -> "Pending".equals(p.getStatus().getPhase())).count();
 * }
 * }</pre>
 *
 * <p>A stream asks for the next page only when the items of the previous one are used up, so at
 * most one page ({@link Builder#pageSize}, default 500 as in client-go) is held at a time. All
 * pages come from one consistent snapshot, unless a continue token expires (410 Gone, usually
 * after 5 minutes between pages), and then the {@link ExpiredContinue} policy decides.
 *
 * @param <T> the item type
 */
public final class Pager<T> {
  private static final Logger log = LoggerFactory.getLogger(Pager.class);

  /** What to do when the server no longer knows a continue token. */
  public enum ExpiredContinue {
    /**
     * Start again from the first page, at the newest state (client-go's {@code FullListIfExpired},
     * the default). {@link Pager#list()} then returns only the new list, which is consistent; a
     * {@link Pager#stream()} hands out the items of the new first pages again, so a consumer that
     * must not see an item twice picks {@link #FAIL}.
     */
    RELIST,
    /** Throw the {@link GoneException}; the caller decides. */
    FAIL
  }

  private final ApiClient client;
  private final ListWatch<T> listWatch;
  private final int pageSize;
  private final ExpiredContinue expired;

  private Pager(Builder<T> b) {
    this.client = b.client;
    this.listWatch = b.listWatch;
    this.pageSize = b.pageSize;
    this.expired = b.expired;
  }

  /** A builder for a pager over {@code listWatch}'s collection. */
  public static <T> Builder<T> builder(ApiClient client, ListWatch<T> listWatch) {
    return new Builder<>(client, listWatch);
  }

  /**
   * The items, fetched lazily page by page as the stream is consumed. Not thread-safe (a stream is
   * consumed by one thread).
   *
   * @throws dev.kubesdk.runtime.ApiException from the terminal operation, when a page fails
   */
  public Stream<T> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Pages(), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * Every item, read page by page into one list. With {@link ExpiredContinue#RELIST} an expired
   * token discards what was read and starts over, so the result is always one consistent
   * snapshot.
   */
  public List<T> list() {
    while (true) {
      List<T> all = new ArrayList<>();
      String token = null;
      try {
        do {
          Page<T> page = page(token);
          all.addAll(page.items());
          token = page.continueToken();
        } while (!token.isEmpty());
        return all;
      } catch (GoneException e) {
        if (token == null || expired == ExpiredContinue.FAIL) {
          throw e;
        }
        log.debug("continue token of {} expired after {} items; listing again", listWatch, all.size());
      }
    }
  }

  @Override
  public String toString() {
    return "Pager[" + listWatch + ", pages of " + pageSize + ", expired continue: " + expired + "]";
  }

  private Page<T> page(@Nullable String token) {
    ApiRequest.Builder b = ApiRequest.builder("GET", listWatch.path());
    for (ApiRequest.QueryParam p : listWatch.selectors()) {
      b.query(p.name(), p.value());
    }
    b.query("limit", pageSize);
    b.query("continue", token);
    return client.execute(b.build(), Page.of(listWatch.type()));
  }

  private final class Pages implements Iterator<T> {
    private Iterator<T> items = List.<T>of().iterator();
    private @Nullable String token;
    private boolean last;

    @Override
    public boolean hasNext() {
      while (!items.hasNext()) {
        if (last) {
          return false;
        }
        Page<T> page;
        try {
          page = page(token);
        } catch (GoneException e) {
          if (token == null || expired == ExpiredContinue.FAIL) {
            throw e;
          }
          log.debug("continue token of {} expired; starting again from the first page", listWatch);
          token = null;
          continue;
        }
        items = page.items().iterator();
        token = page.continueToken();
        last = token.isEmpty();
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more items in " + listWatch);
      }
      return items.next();
    }
  }

  /** Builds a {@link Pager}. Mutable and not thread-safe. */
  public static final class Builder<T> {
    private final ApiClient client;
    private final ListWatch<T> listWatch;
    private int pageSize = 500;
    private ExpiredContinue expired = ExpiredContinue.RELIST;

    private Builder(ApiClient client, ListWatch<T> listWatch) {
      this.client = Objects.requireNonNull(client, "client");
      this.listWatch = Objects.requireNonNull(listWatch, "listWatch");
    }

    /** Items per page; default 500 (client-go's {@code pager.PageSize}). */
    public Builder<T> pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("pageSize must be at least 1, not " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /** The policy for an expired continue token; default {@link ExpiredContinue#RELIST}. */
    public Builder<T> onExpiredContinue(ExpiredContinue policy) {
      this.expired = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The pager. */
    public Pager<T> build() {
      return new Pager<>(this);
    }
  }
}
