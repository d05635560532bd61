package dev.kubesdk.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The contestants: kubesdk, the two peer clients, and two JSON trees as lower bounds. Each one's
 * {@link Codec} is created on demand, so a JVM loads only the client it measures.
 */
public enum Contestant {
  /** kubesdk models through {@code dev.kubesdk.runtime.Json}'s byte-stream methods, as its {@code ApiClient} uses them. */
  KUBESDK("kubesdk"),
  /**
   * io.kubernetes:client-java with its default: {@code metadata.managedFields} is skipped on read
   * (its {@code JSON} class installs an exclusion strategy unless {@code
   * -Dkubernetes.client.includeManagedFields=true}).
   */
  CLIENT_JAVA("client-java"),
  /** io.kubernetes:client-java started with {@code -Dkubernetes.client.includeManagedFields=true}. */
  CLIENT_JAVA_MANAGED_FIELDS("client-java+managedFields"),
  /** io.fabric8:kubernetes-client's {@code KubernetesSerialization} (Jackson 3 data binding). */
  FABRIC8("fabric8"),
  /** A Gson {@code JsonElement} tree: no model binding at all, a floor for Gson-based clients. */
  GSON_TREE("gson-tree"),
  /** A Jackson 3 {@code JsonNode} tree: no model binding at all, a floor for Jackson-based clients. */
  JACKSON_TREE("jackson-tree");

  /** The system property client-java reads once, when its {@code JSON} class loads. */
  public static final String MANAGED_FIELDS_PROPERTY = "kubernetes.client.includeManagedFields";

  private final String label;

  Contestant(String label) {
    this.label = label;
  }

  /** The name used in JMH parameters, reports and on the command line. */
  public String label() {
    return label;
  }

  /** A codec for this contestant; fails if this JVM was started with the wrong client-java switch. */
  public Codec codec() {
    return switch (this) {
      case KUBESDK -> new KubesdkCodec();
      case CLIENT_JAVA -> new OfficialClientCodec(false);
      case CLIENT_JAVA_MANAGED_FIELDS -> new OfficialClientCodec(true);
      case FABRIC8 -> new Fabric8Codec();
      case GSON_TREE -> new GsonTreeCodec();
      case JACKSON_TREE -> new JacksonTreeCodec();
    };
  }

  /** The contestant called {@code label}. */
  public static Contestant named(String label) {
    for (Contestant contestant : values()) {
      if (contestant.label.equals(label)) {
        return contestant;
      }
    }
    throw new IllegalArgumentException("unknown contestant '" + label + "'; use one of "
        + Arrays.stream(values()).map(Contestant::label).collect(Collectors.joining(", ")));
  }
}
