package dev.kubesdk.manifests.internal;

import java.util.Set;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * What a plain YAML 1.1 scalar means, as snakeyaml's {@link Resolver} decides it, without a regular
 * expression for the values that can only be text: the resolver's patterns are chosen by the first
 * character, and most values of a manifest (names, images, labels) start with a letter that no
 * pattern but booleans and null claims. Running the resolver's regexes on every scalar was most of
 * the time of loading a manifest.
 */
final class Scalars {
  private static final Resolver RESOLVER = new Resolver();
  private static final Set<String> BOOLEANS = Set.of("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF");
  private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL");

  private Scalars() {}

  /** The tag of plain scalar {@code value}: STR, BOOL, NULL, INT, FLOAT, TIMESTAMP, MERGE or the value tag. */
  static Tag resolve(String value) {
    if (value.isEmpty()) {
      return Tag.NULL;
    }
    char c = value.charAt(0);
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == '<' || c == '=' || c == '\0' || c == ' ') {
      return RESOLVER.resolve(NodeId.scalar, value, true);
    }
    if (BOOLEANS.contains(value)) {
      return Tag.BOOL;
    }
    if (NULLS.contains(value)) {
      return Tag.NULL;
    }
    return Tag.STR;
  }
}
