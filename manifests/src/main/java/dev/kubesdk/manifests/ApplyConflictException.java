package dev.kubesdk.manifests;

import dev.kubesdk.runtime.ConflictException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A server-side apply was refused because other field managers own fields it sets with other
 * values. Apply again with {@code force(true)} to take the fields over, drop the fields from the
 * manifest, or settle which manager owns them. The cause is the server's {@link ConflictException}.
 */
public final class ApplyConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** kubectl's name of the object whose apply was refused. */
  private final String object;
  private final transient List<FieldConflict> conflicts;
  private final transient List<AppliedObject> applied;

  ApplyConflictException(String object, List<FieldConflict> conflicts, List<AppliedObject> applied, ConflictException cause) {
    super(message(object, conflicts), cause);
    this.object = object;
    this.conflicts = List.copyOf(conflicts);
    this.applied = List.copyOf(applied);
  }

  /** kubectl's name of the object whose apply was refused, e.g. {@code deployment.apps/web}. */
  public String object() {
    return object;
  }

  /** Every conflicting field with its manager. */
  public List<FieldConflict> conflicts() {
    return conflicts;
  }

  /** The managers owning the conflicting fields, sorted. */
  public Set<String> managers() {
    Set<String> managers = new TreeSet<>();
    conflicts.forEach(c -> managers.add(c.manager()));
    return managers;
  }

  /** The objects applied before this one, in order. */
  public List<AppliedObject> applied() {
    return applied;
  }

  private static String message(String object, List<FieldConflict> conflicts) {
    StringBuilder b = new StringBuilder(object).append(": apply failed with ").append(conflicts.size()).append(conflicts.size() == 1 ? " conflict:" : " conflicts:");
    for (FieldConflict c : conflicts) {
      b.append(" ").append(c.field()).append(" is owned by \"").append(c.manager()).append("\";");
    }
    b.setLength(b.length() - 1);
    return b.append(". Apply with force(true) to take these fields over, remove them from the manifest, or leave them to that manager.").toString();
  }
}
