package dev.kubesdk.runtime;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of a PATCH call: the patch text and the content type that tells the API server how to
 * apply it. Immutable and thread-safe.
 *
 * <p>The body is sent exactly as given; nothing is parsed or re-encoded. Pick the factory for the
 * patch language you wrote:
 *
 * <pre>{@code
 * V1Patch scale = V1Patch.merge("{\"spec\":{\"replicas\":3}}");
 * V1Patch image = V1Patch.json(
 *     "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1.27\"}]");
 * V1Patch labels = V1Patch.strategicMerge("{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}");
 * V1Patch applied = V1Patch.apply(manifestYamlOrJson); // server-side apply; the call needs a fieldManager
 * }</pre>
 *
 * <p>{@link #toString()} shows the content type and the length of the body, never the body itself:
 * a patch of a Secret carries its data.
 */
public final class V1Patch {
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  private static final String APPLY_PATCH = "application/apply-patch+yaml";

  private final String contentType;
  private final String body;

  private V1Patch(String contentType, String body) {
    this.contentType = contentType;
    this.body = body;
  }

  /**
   * A JSON Patch (RFC 6902): a JSON array of operations such as {@code [{"op":"replace",
   * "path":"/spec/replicas","value":3}]}, sent as {@code application/json-patch+json}.
   *
   * @param body the patch text, sent as is
   * @return the patch
   * @throws IllegalArgumentException if {@code body} is blank
   */
  public static V1Patch json(String body) {
    return new V1Patch(
        JSON_PATCH,
        checked(body, "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]"));
  }

  /**
   * A JSON Merge Patch (RFC 7386): a partial object such as {@code {"spec":{"replicas":3}}} where
   * {@code null} deletes a field and lists are replaced whole, sent as {@code
   * application/merge-patch+json}. Works on every resource, custom resources included.
   *
   * @param body the patch text, sent as is
   * @return the patch
   * @throws IllegalArgumentException if {@code body} is blank
   */
  public static V1Patch merge(String body) {
    return new V1Patch(MERGE_PATCH, checked(body, "{\"spec\":{\"replicas\":3}}"));
  }

  /**
   * A strategic merge patch: like {@link #merge(String)}, but lists are merged by the key the
   * built-in type declares (containers by {@code name}, for example), sent as {@code
   * application/strategic-merge-patch+json}. The API server rejects it for custom resources; use
   * {@link #merge(String)} there.
   *
   * @param body the patch text, sent as is
   * @return the patch
   * @throws IllegalArgumentException if {@code body} is blank
   */
  public static V1Patch strategicMerge(String body) {
    return new V1Patch(
        STRATEGIC_MERGE_PATCH, checked(body, "{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}"));
  }

  /**
   * A server-side apply configuration: the full intended state of the fields this manager owns, in
   * YAML or JSON (JSON is valid YAML), with {@code apiVersion} and {@code kind}, sent as {@code
   * application/apply-patch+yaml}. The call must also name a {@code fieldManager}; add {@code
   * force} to take over fields another manager owns.
   *
   * @param body the configuration text, sent as is
   * @return the patch
   * @throws IllegalArgumentException if {@code body} is blank
   */
  public static V1Patch apply(String body) {
    return new V1Patch(
        APPLY_PATCH, checked(body, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",...}"));
  }

  /**
   * The media type sent as {@code Content-Type}: one of {@code application/json-patch+json}, {@code
   * application/merge-patch+json}, {@code application/strategic-merge-patch+json}, {@code
   * application/apply-patch+yaml}.
   *
   * @return the content type
   */
  public String contentType() {
    return contentType;
  }

  /** Whether this is a server-side apply patch, which the call must send with a field manager. */
  boolean isApply() {
    return contentType.equals(APPLY_PATCH);
  }

  /**
   * The patch text, sent as the request body exactly as given to the factory.
   *
   * @return the body
   */
  public String body() {
    return body;
  }

  /** Equal when both the content type and the body text are equal. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof V1Patch that
        && contentType.equals(that.contentType)
        && body.equals(that.body);
  }

  /** A hash of the content type and the body, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return 31 * contentType.hashCode() + body.hashCode();
  }

  /**
   * The content type and the body's length in characters, e.g. {@code
   * V1Patch{contentType=application/merge-patch+json, length=27}}; never the body, which may hold
   * secret data.
   */
  @Override
  public String toString() {
    return "V1Patch{contentType=" + contentType + ", length=" + body.length() + "}";
  }

  private static String checked(String body, String example) {
    Objects.requireNonNull(body, "body");
    if (body.isBlank()) {
      // The API server answers an empty patch with a 400 that names neither the call nor the
      // patch type; failing here points at the code that built it.
      throw new IllegalArgumentException(
          "V1Patch body is blank: pass the patch text, for example " + example);
    }
    return body;
  }
}
