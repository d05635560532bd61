package dev.kubesdk.controller;

import dev.kubesdk.api.CoordinationV1Api;
import dev.kubesdk.api.model.V1Lease;
import dev.kubesdk.api.model.V1LeaseSpec;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.controller.internal.Daemons;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import dev.kubesdk.runtime.ConflictException;
import dev.kubesdk.runtime.NotFoundException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs for leader on a {@code coordination.k8s.io/v1} Lease: client-go's {@code
 * leaderelection.LeaderElector}. Thread-safe.
 *
 * <pre>{@code
 * LeaderElector elector = LeaderElector.create(client, election, new LeadershipCallbacks() {
 *   public void onStartedLeading() { controller.start(); }
 *   public void onStoppedLeading() { controller.close(); }
 * });
 * elector.start();
 * ...
 * elector.close();   // stops leading (onStoppedLeading) and releases the lease
 * }</pre>
 *
 * <p>{@link #start()} starts the elector's thread ({@code leader-election-<lease>}), which tries to
 * take the lease every retry period (with client-go's jitter) while another candidate's lease is
 * valid. Validity is judged as client-go does, by this process's monotonic clock: a lease is
 * expired when its record has not changed for its {@code leaseDurationSeconds} since this candidate
 * first saw it, whatever the holder's clock says. Once leading it renews every retry period; if a
 * renewal has not succeeded within the renew deadline, counted from when the last successful one
 * was <em>sent</em>, or another candidate holds the lease, it stops leading. Each API call is
 * bounded by the time left, so a hung connection cannot stretch the deadline.
 *
 * <p>Like client-go's {@code Run}, an elector leads at most once: after it stopped leading its
 * thread ends. Make a new elector to run again (usually the process exits and restarts instead).
 */
public final class LeaderElector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderElector.class);

  private final CoordinationV1Api api;
  private final LeaderElection config;
  private final LeadershipCallbacks callbacks;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  private volatile boolean leading;
  private volatile @Nullable String observedHolder;
  private @Nullable Thread thread;
  private boolean started;
  // The last lease record seen and when (monotonic) it was first seen: client-go's
  // observedRecord and observedTime. Elector thread only.
  private @Nullable String observedRecord;
  private long observedNanos;

  private LeaderElector(ApiClient client, LeaderElection config, LeadershipCallbacks callbacks) {
    this.api = new CoordinationV1Api(Objects.requireNonNull(client, "client"));
    this.config = Objects.requireNonNull(config, "config");
    this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
  }

  /** An elector for {@code config}'s lease, not started. */
  public static LeaderElector create(ApiClient client, LeaderElection config, LeadershipCallbacks callbacks) {
    return new LeaderElector(client, config, callbacks);
  }

  /** Starts running for leader; a second call does nothing. */
  public void start() {
    synchronized (lifecycle) {
      if (started) {
        return;
      }
      started = true;
      thread = Daemons.start("leader-election-" + config.name(), this::run);
    }
  }

  /** True while this candidate leads. */
  public boolean isLeader() {
    return leading;
  }

  /** The holder of the lease as last seen; empty before the first look or when nobody holds it. */
  public Optional<String> leader() {
    String h = observedHolder;
    return h == null || h.isEmpty() ? Optional.empty() : Optional.of(h);
  }

  /**
   * Stops: when leading, {@link LeadershipCallbacks#onStoppedLeading()} runs and, with {@link
   * LeaderElection#releaseOnCancel()}, the lease is given up so another candidate takes it at once.
   * Waits for the elector's thread to end.
   */
  @Override
  public void close() {
    stop.countDown();
    Thread t;
    synchronized (lifecycle) {
      t = thread;
    }
    Daemons.join(t, config.renewDeadline().plusSeconds(5));
  }

  @Override
  public String toString() {
    return "LeaderElector[" + config.namespace() + "/" + config.name() + " as " + config.identity() + (leading ? ", leading" : "") + "]";
  }

  private boolean stopped() {
    return stop.getCount() == 0;
  }

  /** Waits {@code d}; false when stopped meanwhile. */
  private boolean pause(Duration d) {
    try {
      return !stop.await(Math.max(0, d.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Duration jittered(Duration d) {
    return Duration.ofNanos((long) (d.toNanos() * (1 + ThreadLocalRandom.current().nextDouble() * LeaderElection.JITTER)));
  }

  private void run() {
    // client-go's acquire: try, then wait a jittered retry period, until leading or stopped.
    long lastRenewSent;
    while (true) {
      if (stopped()) {
        return;
      }
      long sent = System.nanoTime();
      if (tryAcquireOrRenew(config.renewDeadline())) {
        lastRenewSent = sent;
        break;
      }
      if (!pause(jittered(config.retryPeriod()))) {
        return;
      }
    }
    leading = true;
    log.debug("{}: leading", this);
    Thread work = Daemons.start("leader-election-" + config.name() + "-leading", this::lead);
    boolean lost = false;
    while (!lost && pause(config.retryPeriod())) {
      // client-go's renew: retry until the renew deadline, which here runs from the moment the last
      // successful renewal was sent, so that it ends before the lease that renewal wrote can.
      long deadline = lastRenewSent + config.renewDeadline().toNanos();
      while (true) {
        long sent = System.nanoTime();
        long left = deadline - sent;
        if (left <= 0) {
          lost = true;
          log.debug("{}: could not renew within {}; stopping", this, config.renewDeadline());
          break;
        }
        if (tryAcquireOrRenew(Duration.ofNanos(left))) {
          lastRenewSent = sent;
          break;
        }
        if (!leading || stopped()) {
          lost = true;
          break;
        }
        pause(Duration.ofNanos(Math.min(config.retryPeriod().toNanos(), Math.max(0, deadline - System.nanoTime()))));
      }
    }
    leading = false;
    work.interrupt();
    try {
      callbacks.onStoppedLeading();
    } catch (RuntimeException e) {
      log.warn("{}: onStoppedLeading threw", this, e);
    }
    if (!lost && config.releaseOnCancel()) {
      release();
    }
  }

  private void lead() {
    try {
      callbacks.onStartedLeading();
    } catch (RuntimeException e) {
      log.warn("{}: onStartedLeading threw", this, e);
    }
  }

  /** client-go's {@code tryAcquireOrRenew}, with every call bounded by {@code timeout}. */
  private boolean tryAcquireOrRenew(Duration timeout) {
    try {
      return attempt(timeout);
    } catch (RuntimeException e) {
      // A credential source that fails (an exec plugin) or an answer that does not decode: this
      // round failed, like a failed call; the deadline decides what that means.
      log.debug("{}: lease round failed: {}", this, e.toString());
      return false;
    }
  }

  private boolean attempt(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    V1Lease lease;
    try {
      lease = call(api.readNamespacedLease(config.name(), config.namespace()).executeAsync(), deadline);
    } catch (NotFoundException e) {
      V1Lease created =
          new V1Lease()
              .metadata(new V1ObjectMeta().name(config.name()).namespace(config.namespace()))
              .spec(
                  new V1LeaseSpec()
                      .holderIdentity(config.identity())
                      .leaseDurationSeconds((int) config.leaseDuration().toSeconds())
                      .acquireTime(now)
                      .renewTime(now)
                      .leaseTransitions(0));
      try {
        V1Lease answer = call(api.createNamespacedLease(config.namespace(), created).executeAsync(), deadline);
        observe(answer.getSpec());
        return true;
      } catch (ApiException | TimeoutException again) {
        log.debug("{}: could not create the lease: {}", this, again.toString());
        return false;
      }
    } catch (ApiException | TimeoutException e) {
      log.debug("{}: could not read the lease: {}", this, e.toString());
      return false;
    }
    V1LeaseSpec spec = lease.getSpec() == null ? new V1LeaseSpec() : lease.getSpec();
    observe(spec);
    String holder = spec.getHolderIdentity();
    boolean mine = config.identity().equals(holder);
    if (!mine && leading) {
      // Another candidate took the lease: this one lost it, whatever its deadline says.
      leading = false;
      return false;
    }
    if (holder != null && !holder.isEmpty() && !mine && valid(spec)) {
      return false;
    }
    spec.holderIdentity(config.identity()).leaseDurationSeconds((int) config.leaseDuration().toSeconds()).renewTime(now);
    if (!mine) {
      spec.acquireTime(now).leaseTransitions(spec.getLeaseTransitions() == null ? 1 : spec.getLeaseTransitions() + 1);
    }
    lease.spec(spec);
    try {
      V1Lease answer = call(api.replaceNamespacedLease(config.name(), config.namespace(), lease).executeAsync(), deadline);
      observe(answer.getSpec());
      return true;
    } catch (ConflictException e) {
      log.debug("{}: the lease changed while updating it", this);
      return false;
    } catch (ApiException | TimeoutException e) {
      log.debug("{}: could not update the lease: {}", this, e.toString());
      return false;
    }
  }

  /** client-go's {@code isLeaseValid}: the record seen has not been still for its lease duration. */
  private boolean valid(V1LeaseSpec spec) {
    int seconds = spec.getLeaseDurationSeconds() == null ? (int) config.leaseDuration().toSeconds() : spec.getLeaseDurationSeconds();
    return System.nanoTime() - observedNanos < TimeUnit.SECONDS.toNanos(seconds);
  }

  private void observe(@Nullable V1LeaseSpec spec) {
    if (spec == null) {
      return;
    }
    String record = spec.getHolderIdentity() + "|" + spec.getRenewTime() + "|" + spec.getAcquireTime() + "|" + spec.getLeaseTransitions() + "|" + spec.getLeaseDurationSeconds();
    if (!record.equals(observedRecord)) {
      observedRecord = record;
      observedNanos = System.nanoTime();
    }
    String holder = spec.getHolderIdentity();
    if (!Objects.equals(holder, observedHolder)) {
      observedHolder = holder;
      if (holder != null && !holder.isEmpty()) {
        try {
          callbacks.onNewLeader(holder);
        } catch (RuntimeException e) {
          log.warn("{}: onNewLeader threw", this, e);
        }
      }
    }
  }

  /** client-go's {@code release}: an empty holder, so that the next candidate need not wait. */
  private void release() {
    long deadline = System.nanoTime() + config.renewDeadline().toNanos();
    try {
      V1Lease lease = call(api.readNamespacedLease(config.name(), config.namespace()).executeAsync(), deadline);
      V1LeaseSpec spec = lease.getSpec();
      if (spec == null || !config.identity().equals(spec.getHolderIdentity())) {
        return;
      }
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      spec.holderIdentity("").leaseDurationSeconds(1).renewTime(now).acquireTime(now);
      call(api.replaceNamespacedLease(config.name(), config.namespace(), lease).executeAsync(), deadline);
      log.debug("{}: released the lease", this);
    } catch (ApiException | TimeoutException e) {
      log.debug("{}: could not release the lease (others take it when it expires): {}", this, e.toString());
    }
  }

  private static <T> T call(CompletableFuture<T> call, long deadlineNanos) throws TimeoutException {
    try {
      return call.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new TimeoutException("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
