package dev.kubesdk.controller;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which Lease a {@link LeaderElector} competes for, as whom, and its timing: client-go's {@code
 * LeaderElectionConfig}. Immutable and thread-safe.
 *
 * <pre>{@code
 * LeaderElection election = LeaderElection.builder()
 *     .lease("shop", "cart-operator")
 *     .identity(System.getenv("POD_NAME"))
 *     .build();
 * }</pre>
 *
 * <p>Defaults are client-go's usual ones: a 15 s lease, a 10 s renew deadline, a 2 s retry period,
 * and the lease released on close. The leader renews every retry period; when it has not renewed
 * for the renew deadline it stops leading, so it stops while the lease it last wrote is still
 * valid for others (they wait a full lease duration after they last saw it change): the gap, 5 s by
 * default, is what {@link LeadershipCallbacks#onStoppedLeading()} has to stop the work.
 */
public final class LeaderElection {
  // client-go's JitterFactor: candidates retry after retryPeriod × [1, 2.2).
  static final double JITTER = 1.2;

  private final String namespace;
  private final String name;
  private final String identity;
  private final Duration leaseDuration;
  private final Duration renewDeadline;
  private final Duration retryPeriod;
  private final boolean releaseOnCancel;

  private LeaderElection(Builder b) {
    this.namespace = b.namespace;
    this.name = b.name;
    this.identity = b.identity;
    this.leaseDuration = b.leaseDuration;
    this.renewDeadline = b.renewDeadline;
    this.retryPeriod = b.retryPeriod;
    this.releaseOnCancel = b.releaseOnCancel;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.namespace = namespace;
    b.name = name;
    b.identity = identity;
    b.leaseDuration = leaseDuration;
    b.renewDeadline = renewDeadline;
    b.retryPeriod = retryPeriod;
    b.releaseOnCancel = releaseOnCancel;
    return b;
  }

  /** The namespace of the Lease. */
  public String namespace() {
    return namespace;
  }

  /** The name of the Lease. */
  public String name() {
    return name;
  }

  /** This candidate's identity, written to {@code spec.holderIdentity}; unique per candidate. */
  public String identity() {
    return identity;
  }

  /** How long others wait after they last saw the lease change before taking it; default 15 s. */
  public Duration leaseDuration() {
    return leaseDuration;
  }

  /** How long the leader keeps trying to renew before it stops leading; default 10 s. */
  public Duration renewDeadline() {
    return renewDeadline;
  }

  /** How often to renew, and to try to acquire (with jitter); default 2 s. */
  public Duration retryPeriod() {
    return retryPeriod;
  }

  /** Whether closing the elector while leading gives the lease up at once; default true. */
  public boolean releaseOnCancel() {
    return releaseOnCancel;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LeaderElection l
        && namespace.equals(l.namespace)
        && name.equals(l.name)
        && identity.equals(l.identity)
        && leaseDuration.equals(l.leaseDuration)
        && renewDeadline.equals(l.renewDeadline)
        && retryPeriod.equals(l.retryPeriod)
        && releaseOnCancel == l.releaseOnCancel;
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, name, identity, leaseDuration, renewDeadline, retryPeriod, releaseOnCancel);
  }

  @Override
  public String toString() {
    return "LeaderElection{lease=" + namespace + "/" + name + ", identity=" + identity + ", leaseDuration=" + leaseDuration + ", renewDeadline=" + renewDeadline + ", retryPeriod=" + retryPeriod + ", releaseOnCancel=" + releaseOnCancel + "}";
  }

  /** Builds a {@link LeaderElection}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable String namespace;
    private @Nullable String name;
    private @Nullable String identity;
    private Duration leaseDuration = Duration.ofSeconds(15);
    private Duration renewDeadline = Duration.ofSeconds(10);
    private Duration retryPeriod = Duration.ofSeconds(2);
    private boolean releaseOnCancel = true;

    private Builder() {}

    /** The Lease {@code namespace/name}; required. Created when missing. */
    public Builder lease(String namespace, String name) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** This candidate's identity (a pod name, a host name and a random suffix); required. */
    public Builder identity(String identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** See {@link LeaderElection#leaseDuration()}. */
    public Builder leaseDuration(Duration leaseDuration) {
      this.leaseDuration = Objects.requireNonNull(leaseDuration, "leaseDuration");
      return this;
    }

    /** See {@link LeaderElection#renewDeadline()}. */
    public Builder renewDeadline(Duration renewDeadline) {
      this.renewDeadline = Objects.requireNonNull(renewDeadline, "renewDeadline");
      return this;
    }

    /** See {@link LeaderElection#retryPeriod()}. */
    public Builder retryPeriod(Duration retryPeriod) {
      this.retryPeriod = Objects.requireNonNull(retryPeriod, "retryPeriod");
      return this;
    }

    /** See {@link LeaderElection#releaseOnCancel()}. */
    public Builder releaseOnCancel(boolean release) {
      this.releaseOnCancel = release;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalStateException when the lease or identity is missing, or the durations are
     *     not leaseDuration &gt; renewDeadline &gt; 1.2 × retryPeriod &gt; 0 (client-go's checks)
     */
    public LeaderElection build() {
      if (namespace == null || name == null) {
        throw new IllegalStateException("lease is required: call lease(namespace, name)");
      }
      if (identity == null || identity.isEmpty()) {
        throw new IllegalStateException("identity is required and must not be empty: call identity(...)");
      }
      if (retryPeriod.isNegative() || retryPeriod.isZero()) {
        throw new IllegalStateException("retryPeriod must be positive: " + retryPeriod);
      }
      if (leaseDuration.compareTo(renewDeadline) <= 0) {
        throw new IllegalStateException("leaseDuration (" + leaseDuration + ") must be greater than renewDeadline (" + renewDeadline + ")");
      }
      if (renewDeadline.toNanos() <= JITTER * retryPeriod.toNanos()) {
        throw new IllegalStateException("renewDeadline (" + renewDeadline + ") must be greater than 1.2 × retryPeriod (" + retryPeriod + ")");
      }
      return new LeaderElection(this);
    }
  }
}
