package dev.kubesdk.controller;

/**
 * What a {@link LeaderElector} tells its owner: client-go's {@code LeaderCallbacks}.
 *
 * <p>{@link #onStartedLeading()} runs on a thread of its own ({@code leader-election-<lease>-leading}),
 * which is interrupted when leadership is lost; it may block for as long as it leads or return
 * at once after starting work elsewhere. {@link #onStoppedLeading()} and {@link #onNewLeader} run
 * on the elector's thread and must return quickly.
 */
public interface LeadershipCallbacks {

  /** This candidate now holds the lease: start the work. */
  void onStartedLeading();

  /**
   * This candidate no longer leads (it could not renew within the renew deadline, another took
   * the lease, or the elector was closed): stop all work now. It is called before the lease this
   * candidate last wrote expires for the others; the time left is leaseDuration − renewDeadline.
   */
  void onStoppedLeading();

  /** The lease's holder changed to {@code identity} (possibly this candidate). */
  default void onNewLeader(String identity) {}
}
