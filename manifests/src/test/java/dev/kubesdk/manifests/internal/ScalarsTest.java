package dev.kubesdk.manifests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

class ScalarsTest {
  @Test
  void theShortcutAgreesWithSnakeyamlsResolver() {
    Resolver resolver = new Resolver();
    List<String> values = new ArrayList<>(List.of("", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yEs", "no", "on", "On", "OFF", "off", "true", "True",
        "TRUE", "tRUE", "false", "y", "n", "Y", "N", "<<", "=", "nginx", "nginx:1.27", "t", "f", "o", "Off!", "ON ", "nan", ".nan", ".inf", "Infinity", "NaN"));
    Random random = new Random(42);
    String alphabet = "yYnNtTfFoOeEsSrRuUlLaA~ \t.:-_0123456789";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = 1 + random.nextInt(6);
      for (int j = 0; j < length; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      values.add(b.toString());
    }
    for (String v : values) {
      assertThat(Scalars.resolve(v)).as("\"" + v + "\"").isEqualTo(resolver.resolve(NodeId.scalar, v, true));
    }
  }
}
