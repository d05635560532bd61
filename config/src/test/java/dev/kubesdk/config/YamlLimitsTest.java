package dev.kubesdk.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlLimitsTest {
  @TempDir Path tmp;

  @Test
  void anAliasBombIsRefusedBeforeItExpands() {
    StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      yaml.append("]\n");
      prev = c;
    }
    yaml.append("current-context: *j\n");
    Fixture fx = new Fixture(tmp);
    Path kc = fx.write("bomb", yaml.toString());
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(kc.toString())
        .hasMessageContaining("aliases");
  }

  @Test
  void aFileBeyondTheSizeLimitIsRefusedBeforeParsing() {
    Fixture fx = new Fixture(tmp);
    Path kc = fx.write("huge", ("- " + "x".repeat(1000) + "\n").repeat(5 * 1024));
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(kc.toString())
        .hasMessageContaining("more than the limit");
  }

  @Test
  void aSingleHugeLineIsRefusedBeforeParsing() {
    Fixture fx = new Fixture(tmp);
    Path kc = fx.write("long", "current-context: c\ntoken: \"" + "x".repeat(2 * 1024 * 1024) + "\"\n");
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(kc + ": line 2 is longer than the limit");
  }

  @Test
  void javaTypeTagsAreNotConstructed() {
    Fixture fx = new Fixture(tmp);
    Path kc = fx.write("tag", "current-context: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://localhost/\"]]]]\n");
    assertThatThrownBy(() -> KubeConfig.resolve(fx.explicit(kc)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(kc.toString());
  }
}
