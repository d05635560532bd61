package dev.kubesdk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.kubesdk.api.model.V1Status;
import org.junit.jupiter.api.Test;

class DeleteAnswersTest {
  @Test
  void aStatusAnswerIsDecodedAsIs() {
    V1Status status =
        DeleteAnswers.status(
            JsonParser.parseString(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\",\"details\":{\"name\":\"web\",\"kind\":\"pods\",\"uid\":\"u-1\"}}"),
            200);
    assertThat(status.getStatus()).isEqualTo("Success");
    assertThat(status.getDetails().getName()).isEqualTo("web");
    assertThat(status.getDetails().getKind()).isEqualTo("pods");
  }

  @Test
  void anObjectStillBeingDeletedBecomesASuccessStatusNamingIt() {
    V1Status status =
        DeleteAnswers.status(
            JsonParser.parseString(
                "{\"kind\":\"CustomResourceDefinition\",\"apiVersion\":\"apiextensions.k8s.io/v1\","
                    + "\"metadata\":{\"name\":\"crontabs.example.com\",\"uid\":\"u-2\",\"finalizers\":[\"x\"]},"
                    + "\"status\":{\"conditions\":[]}}"),
            200);
    assertThat(status.getKind()).isEqualTo("Status");
    assertThat(status.getStatus()).isEqualTo("Success");
    assertThat(status.getCode()).isEqualTo(200);
    assertThat(status.getDetails().getKind()).isEqualTo("CustomResourceDefinition");
    assertThat(status.getDetails().getGroup()).isEqualTo("apiextensions.k8s.io");
    assertThat(status.getDetails().getName()).isEqualTo("crontabs.example.com");
    assertThat(status.getDetails().getUid()).isEqualTo("u-2");
  }

  @Test
  void aCoreObjectHasNoGroup() {
    V1Status status =
        DeleteAnswers.status(
            JsonParser.parseString("{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"shop\"},\"status\":{\"phase\":\"Terminating\"}}"),
            200);
    assertThat(status.getDetails().getGroup()).isNull();
    assertThat(status.getDetails().getName()).isEqualTo("shop");
  }

  @Test
  void aDeleteCollectionListIsASuccess() {
    V1Status status =
        DeleteAnswers.status(
            JsonParser.parseString("{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"7\"},\"items\":[]}"),
            200);
    assertThat(status.getStatus()).isEqualTo("Success");
    assertThat(status.getDetails().getKind()).isEqualTo("ConfigMapList");
  }
}
