package dev.kubesdk.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private final WorkQueue<String> queue = WorkQueue.create();

  @Test
  void anItemAddedTwiceBeforeItIsTakenComesOutOnceInFirstAddedOrder() {
    queue.add("a");
    queue.add("b");
    queue.add("a");

    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.take()).contains("a");
    assertThat(queue.take()).contains("b");
    assertThat(queue.size()).isZero();
  }

  @Test
  void anItemAddedWhileProcessedComesOutAgainOnlyAfterDone() {
    queue.add("a");
    assertThat(queue.take()).contains("a");

    queue.add("a");
    queue.add("a");
    assertThat(queue.size()).as("not handed to a second worker while the first holds it").isZero();

    queue.done("a");
    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.take()).contains("a");
    queue.done("a");
    assertThat(queue.size()).isZero();
  }

  @Test
  void aDelayedItemIsHeldBackAndTheEarlierOfTwoDelaysWins() throws Exception {
    queue.addAfter("later", Duration.ofHours(1));
    queue.addAfter("soon", Duration.ofHours(1));
    assertThat(queue.size()).isZero();
    queue.addAfter("soon", Duration.ofMillis(20));
    queue.addAfter("soon", Duration.ofHours(2));

    CompletableFuture<Optional<String>> taken = CompletableFuture.supplyAsync(queue::take);

    assertThat(taken.get(10, TimeUnit.SECONDS)).contains("soon");
    assertThat(queue.size()).as("the hour-long delay is still running").isZero();
  }

  @Test
  void aZeroDelayQueuesAtOnce() {
    queue.addAfter("a", Duration.ZERO);

    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void rateLimitedRetriesCountFailuresUntilForgotten() {
    queue.addRateLimited("a");
    queue.addRateLimited("a");
    assertThat(queue.requeues("a")).isEqualTo(2);

    queue.forget("a");
    assertThat(queue.requeues("a")).isZero();
  }

  @Test
  void aShutDownHandsOutWhatIsQueuedThenAnswersEmpty() {
    queue.add("a");
    queue.addAfter("held", Duration.ofHours(1));
    queue.shutDown();
    queue.add("refused");

    assertThat(queue.take()).contains("a");
    assertThat(queue.take()).isEmpty();
    assertThat(queue.isShutDown()).isTrue();
  }

  @Test
  void aShutDownWakesAWaitingWorker() throws Exception {
    CompletableFuture<Optional<String>> taken = CompletableFuture.supplyAsync(queue::take);

    queue.shutDown();

    assertThat(taken.get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void aDrainingShutDownWaitsForTheWorkersToFinish() throws Exception {
    queue.add("a");
    queue.add("b");
    List<String> processed = new ArrayList<>();
    Thread worker =
        new Thread(
            () -> {
              for (Optional<String> item; (item = queue.take()).isPresent(); ) {
                processed.add(item.get());
                queue.done(item.get());
              }
            });
    assertThat(queue.take()).contains("a");

    CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> queue.shutDownAndDrain(Duration.ofSeconds(10)));
    worker.start();
    queue.done("a");

    assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
    worker.join(10_000);
    assertThat(processed).containsExactly("b");
  }

  @Test
  void aDrainThatTimesOutSaysSo() {
    queue.add("a");
    assertThat(queue.take()).contains("a");

    assertThat(queue.shutDownAndDrain(Duration.ofMillis(1))).isFalse();
  }
}
