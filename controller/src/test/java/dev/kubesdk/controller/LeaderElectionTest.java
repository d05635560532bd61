package dev.kubesdk.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {
  private final LeaderElection.Builder valid = LeaderElection.builder().lease("shop", "cart-operator").identity("pod-1");

  @Test
  void theDefaultsAreClientGos() {
    LeaderElection election = valid.build();

    assertThat(election.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(election.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(election.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(election.releaseOnCancel()).isTrue();
    assertThat(election.toBuilder().build()).isEqualTo(election);
  }

  @Test
  void theLeaseAndIdentityAreRequired() {
    assertThatThrownBy(() -> LeaderElection.builder().identity("pod-1").build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("lease is required");
    assertThatThrownBy(() -> LeaderElection.builder().lease("shop", "x").build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("identity is required");
  }

  @Test
  void aRenewDeadlineThatCouldOutlastTheLeaseIsRefused() {
    assertThatThrownBy(() -> valid.renewDeadline(Duration.ofSeconds(15)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("leaseDuration (PT15S) must be greater than renewDeadline (PT15S)");
    assertThatThrownBy(() -> valid.renewDeadline(Duration.ofSeconds(2)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1.2 × retryPeriod");
  }
}
