package dev.kubesdk.podio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubesdk.runtime.ApiException;
import org.junit.jupiter.api.Test;

class ExitStatusTest {
  @Test
  void successAndNoStatusAreZero() {
    assertThat(ExitStatus.decode("{\"metadata\":{},\"status\":\"Success\"}", "GET", "/p")).isZero();
    assertThat(ExitStatus.decode("", "GET", "/p")).isZero();
  }

  @Test
  void nonZeroExitCodeGivesTheNumberOfItsExitCodeCause() {
    String json = "{\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"3\"}]}}";

    assertThat(ExitStatus.decode(json, "GET", "/p")).isEqualTo(3);
  }

  @Test
  void anInternalErrorThatWrapsOsExecsExitStatusGivesItsNumber() {
    String json = "{\"status\":\"Failure\",\"reason\":\"InternalError\",\"code\":500,\"message\":\"Internal error occurred: error executing command"
        + " in container: cmd wait: sh -c exit 3: exit status 3\"}";

    assertThat(ExitStatus.decode(json, "GET", "/p")).isEqualTo(3);
  }

  @Test
  void otherFailuresAndGarbageAreApiExceptions() {
    assertThatThrownBy(() -> ExitStatus.decode("{\"status\":\"Failure\",\"reason\":\"InternalError\",\"code\":500,\"message\":\"no exec found\"}", "GET", "/p"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("no exec found")
        .hasMessageContaining("500");
    assertThatThrownBy(() -> ExitStatus.decode("not json", "GET", "/p")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> ExitStatus.decode("{\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\"}", "GET", "/p")).isInstanceOf(ApiException.class);
  }
}
