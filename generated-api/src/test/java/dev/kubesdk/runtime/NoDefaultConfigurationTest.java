package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.config.NoConfigurationException;
import org.junit.jupiter.api.Test;

/** Nothing in this test JVM sets a default Configuration. */
class NoDefaultConfigurationTest {
  @Test
  void aClientMadeBeforeAnythingWasLoadedFailsWithTheNoConfigurationError() {
    assertThatThrownBy(ApiClient::new)
        .isInstanceOf(NoConfigurationException.class)
        .hasMessageContaining("KubeConfig.load()")
        .hasMessageContaining("new ApiClient(configuration)");
    assertThatThrownBy(CoreV1Api::new).isInstanceOf(NoConfigurationException.class);
  }
}
