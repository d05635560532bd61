package dev.kubesdk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PodFixturesTest {
  @Test
  void theSameSeedGivesTheSameBytes() {
    assertThat(PodFixtures.podList(20, 7)).isEqualTo(PodFixtures.podList(20, 7));
  }

  @Test
  void anotherSeedGivesOtherPods() {
    assertThat(PodFixtures.podList(20, 7)).isNotEqualTo(PodFixtures.podList(20, 8));
  }

  @Test
  void aSmallerListIsThePrefixOfALargerOne() {
    JsonArray small = items(PodFixtures.podList(5, 7));
    JsonArray large = items(PodFixtures.podList(50, 7));
    for (int i = 0; i < small.size(); i++) {
      assertThat(large.get(i)).isEqualTo(small.get(i));
    }
  }

  @Test
  void podsAreAboutThirteenToFourteenKilobytesOfJson() {
    int pods = 200;
    int perPod = PodFixtures.podList(pods, PodFixtures.DEFAULT_SEED).length / pods;
    assertThat(perPod).isBetween(12_000, 15_500);
  }

  @Test
  void everyPodCarriesManagedFieldsContainersAndAStatus() {
    for (var element : items(PodFixtures.podList(40, PodFixtures.DEFAULT_SEED))) {
      JsonObject pod = element.getAsJsonObject();
      JsonObject metadata = pod.getAsJsonObject("metadata");
      assertThat(metadata.getAsJsonArray("managedFields")).hasSize(2);
      assertThat(metadata.getAsJsonObject("labels").size()).isGreaterThanOrEqualTo(8);
      assertThat(pod.getAsJsonObject("spec").getAsJsonArray("containers").size()).isBetween(2, 3);
      assertThat(pod.getAsJsonObject("status").getAsJsonArray("conditions")).hasSize(5);
      assertThat(pod.getAsJsonObject("status").getAsJsonArray("containerStatuses").size())
          .isEqualTo(pod.getAsJsonObject("spec").getAsJsonArray("containers").size());
    }
  }

  @Test
  void aLosslessRoundTripIsReportedIdentical() {
    assertThat(ContestantProbe.roundTrip(new GsonTreeCodec(), PodFixtures.podList(3, 7))).isEqualTo("identical");
  }

  @Test
  void aRoundTripThatDropsAFieldNamesIt() {
    Codec dropsManagedFields = new Codec() {
      private final GsonTreeCodec tree = new GsonTreeCodec();

      @Override
      public Object parse(byte[] json) {
        JsonObject list = (JsonObject) tree.parse(json);
        list.getAsJsonArray("items").forEach(pod ->
            pod.getAsJsonObject().getAsJsonObject("metadata").remove("managedFields"));
        return list;
      }

      @Override
      public byte[] write(Object podList) {
        return tree.write(podList);
      }

      @Override
      public int itemCount(Object podList) {
        return tree.itemCount(podList);
      }
    };

    assertThat(ContestantProbe.roundTrip(dropsManagedFields, PodFixtures.podList(3, 7)))
        .isEqualTo("3 of 3 pods differ; first: items[0].metadata.managedFields dropped");
  }

  private static JsonArray items(byte[] json) {
    return JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonArray("items");
  }
}
