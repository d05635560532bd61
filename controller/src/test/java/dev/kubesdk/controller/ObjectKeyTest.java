package dev.kubesdk.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectKeyTest {

  @Test
  void keysPrintAndParseAsClientGosNamespaceSlashName() {
    assertThat(ObjectKey.of("shop", "cart")).hasToString("shop/cart");
    assertThat(ObjectKey.cluster("node-1")).hasToString("node-1");
    assertThat(ObjectKey.parse("shop/cart")).isEqualTo(ObjectKey.of("shop", "cart"));
    assertThat(ObjectKey.parse("node-1")).isEqualTo(ObjectKey.cluster("node-1"));
    assertThat(ObjectKey.parse("node-1").namespaceIfAny()).isEmpty();
  }

  @Test
  void malformedKeysAreRefusedWithTheReason() {
    assertThatThrownBy(() -> ObjectKey.parse("a/b/c")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one /");
    assertThatThrownBy(() -> ObjectKey.parse("/cart")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
    assertThatThrownBy(() -> ObjectKey.parse("shop/")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
  }
}
