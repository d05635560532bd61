package dev.kubesdk.codegen;

/**
 * The vendor extensions and string formats that the preprocessor writes into the processed spec and the
 * generator reads back. Keeping them in one place is what ties the two halves together.
 */
public final class Extensions {
  /** On a {@code date-time} string: which runtime adapter reads it, {@code TIME} or {@code MICRO_TIME}. */
  public static final String TIME = "x-kubesdk-time";
  /** Value of {@link #TIME} for {@code meta/v1.Time}: RFC 3339 with seconds. */
  public static final String TIME_SECONDS = "TIME";
  /** Value of {@link #TIME} for {@code meta/v1.MicroTime}: RFC 3339 with microseconds. */
  public static final String TIME_MICROS = "MICRO_TIME";
  /** On a list operation: the class name of the list's items, the type a {@code watch()} streams. */
  public static final String WATCH_ITEM = "x-kubesdk-watch-item";
  /**
   * On a connect operation: the subresource ({@code exec}, {@code attach}, {@code portforward}) whose streams
   * need a connection upgrade; the generated {@code execute()} throws instead of sending a plain request.
   */
  public static final String UPGRADE = "x-kubesdk-upgrade";
  /**
   * On a read that can stream without end: the name of the boolean query parameter that makes it stream
   * ({@code follow}); the generated {@code execute()} throws when it is true.
   */
  public static final String FOLLOW_FLAG = "x-kubesdk-follow-flag";
  /** On a definition: the Kubernetes name it had before renaming, e.g. {@code io.k8s.api.core.v1.Pod}. */
  public static final String ORIGINAL_NAME = "x-kubesdk-original-name";
  /** On a property: its value is secret and never printed by {@code toString()}. */
  public static final String SENSITIVE = "x-kubesdk-sensitive";
  /** On a string map: the keys whose values are secret; {@code toString()} prints them {@code <redacted>}. */
  public static final String SENSITIVE_KEYS = "x-kubesdk-sensitive-keys";
  /** Kept from the upstream spec: the group, version and kind a definition is served as. */
  public static final String GROUP_VERSION_KIND = "x-kubernetes-group-version-kind";

  /** String format of {@code intstr.IntOrString}, read as {@code dev.kubesdk.runtime.IntOrString}. */
  public static final String FORMAT_INT_OR_STRING = "int-or-string";
  /** String format of {@code resource.Quantity}, read as {@code dev.kubesdk.runtime.Quantity}. */
  public static final String FORMAT_QUANTITY = "quantity";
  /** String format of {@code meta/v1.Patch}, sent as {@code dev.kubesdk.runtime.V1Patch}. */
  public static final String FORMAT_PATCH = "patch";
  /** String format of free-form JSON (RawExtension, apiextensions JSON): a gson JsonElement. */
  public static final String FORMAT_JSON = "free-form-json";
  /** String format of {@code meta/v1.FieldsV1}, read as {@code dev.kubesdk.runtime.FieldsV1} (compact JSON text). */
  public static final String FORMAT_FIELDS_V1 = "fields-v1";

  private Extensions() {}
}
