package dev.kubesdk.config.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Sensitive;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured exec credential plugin (kubeconfig {@code users[].user.exec}): runs the command
 * without a shell, hands it {@code KUBERNETES_EXEC_INFO}, and parses the ExecCredential it prints.
 * Immutable and thread-safe; each {@link #run()} starts a new process.
 *
 * <p>Mirrors client-go's {@code plugin/pkg/client/auth/exec/exec.go}: stdin is handed to the plugin
 * only when it may prompt, stderr goes to the user's stderr, stdout is parsed and never logged.
 */
public final class ExecPlugin {
  private static final Logger log = LoggerFactory.getLogger(ExecPlugin.class);
  /** A credential is a few KiB; more means something else is talking on stdout. */
  private static final int MAX_OUTPUT = 1024 * 1024;

  /** The versions of client.authentication.k8s.io that kubeconfig may name. */
  public static final List<String> API_VERSIONS = List.of("client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1");

  /** interactiveMode values. */
  public enum InteractiveMode {
    /** The plugin never gets stdin. */
    NEVER,
    /** The plugin gets stdin when it is a terminal. */
    IF_AVAILABLE,
    /** The plugin needs a terminal; fail when there is none. */
    ALWAYS
  }

  /** What a plugin run produced; the secret parts are {@link Sensitive}. */
  public record Result(@Nullable Sensitive token, byte @Nullable [] clientCertificate, @Nullable Sensitive clientKey, @Nullable Instant expiration) {
    @Override
    public String toString() {
      return "ExecPlugin.Result[token=" + (token == null ? "none" : "<redacted>") + ", clientCertificate=" + (clientCertificate == null ? "none" : "present")
          + ", clientKey=" + (clientKey == null ? "none" : "<redacted>") + ", expiration=" + expiration + "]";
    }
  }

  private final String where;
  private final String command;
  private final List<String> args;
  private final Map<String, String> env;
  private final String apiVersion;
  private final @Nullable String installHint;
  private final InteractiveMode interactiveMode;
  private final @Nullable JsonObject clusterInfo;
  private final Map<String, String> environment;
  private final boolean interactive;

  /**
   * A plugin.
   *
   * @param where names the user entry in messages
   * @param command the command (resolved against the kubeconfig's directory when it has a slash)
   * @param args the arguments
   * @param env extra environment variables for the plugin
   * @param apiVersion the client.authentication.k8s.io version
   * @param installHint shown when the command is missing
   * @param interactiveMode when the plugin gets stdin
   * @param clusterInfo the cluster as ExecCredential spec.cluster, when provideClusterInfo is true
   * @param environment the loader's environment, inherited by the plugin
   * @param interactive whether stdin is a terminal
   */
  public ExecPlugin(String where, String command, List<String> args, Map<String, String> env, String apiVersion, @Nullable String installHint,
      InteractiveMode interactiveMode, @Nullable JsonObject clusterInfo, Map<String, String> environment, boolean interactive) {
    this.where = Objects.requireNonNull(where, "where");
    this.command = Objects.requireNonNull(command, "command");
    this.args = List.copyOf(args);
    this.env = new LinkedHashMap<>(env);
    this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
    this.installHint = installHint;
    this.interactiveMode = Objects.requireNonNull(interactiveMode, "interactiveMode");
    this.clusterInfo = clusterInfo == null ? null : clusterInfo.deepCopy();
    this.environment = Map.copyOf(environment);
    this.interactive = interactive;
  }

  /** The command as configured (after path resolution). */
  public String command() {
    return command;
  }

  /** Runs the plugin once and parses its ExecCredential. */
  public Result run() {
    boolean giveStdin = switch (interactiveMode) {
      case NEVER -> false;
      case IF_AVAILABLE -> interactive;
      case ALWAYS -> {
        if (!interactive) {
          throw new ConfigException(where + ": exec plugin \"" + command + "\" has interactiveMode: Always, but stdin is not a terminal. Run from a terminal, or set interactiveMode: IfAvailable or Never if the plugin can work without prompting.");
        }
        yield true;
      }
    };
    String executable = locate();
    List<String> cmd = new ArrayList<>();
    cmd.add(executable);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> pe = pb.environment();
    pe.clear();
    pe.putAll(environment);
    pe.putAll(env);
    pe.put(WellKnown.KUBERNETES_EXEC_INFO, execInfo(giveStdin));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.redirectInput(giveStdin ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
    log.debug("{}: running exec plugin {}", where, command);
    byte[] out;
    int exit;
    try {
      Process p = pb.start();
      if (!giveStdin) {
        p.getOutputStream().close();
      }
      try (InputStream in = p.getInputStream()) {
        out = in.readNBytes(MAX_OUTPUT + 1);
      }
      if (out.length > MAX_OUTPUT) {
        // A plugin that floods stdout would otherwise keep this thread (and the refresh lock) forever.
        p.destroyForcibly();
      }
      exit = p.waitFor();
    } catch (IOException e) {
      throw new ConfigException(where + ": cannot run exec plugin \"" + command + "\" (" + e.getClass().getSimpleName() + "). " + hint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException(where + ": interrupted while waiting for exec plugin \"" + command + "\".", e);
    }
    if (out.length <= MAX_OUTPUT && exit != 0) {
      throw new ConfigException(where + ": exec plugin \"" + command + "\" exited with status " + exit + "; its own messages are above on stderr. Run it by hand to see why, and check its args and env in the kubeconfig.");
    }
    if (out.length > MAX_OUTPUT) {
      throw new ConfigException(where + ": exec plugin \"" + command + "\" printed more than " + MAX_OUTPUT + " bytes; an ExecCredential is a small JSON object. Check that nothing else writes to its stdout.");
    }
    return parse(new String(out, StandardCharsets.UTF_8));
  }

  private String hint() {
    return installHint != null ? "installHint: " + installHint.strip() : "Install it, or fix users[].user.exec.command in the kubeconfig.";
  }

  /** Finds the executable as client-go does with exec.LookPath, but on the loader's PATH. */
  private String locate() {
    if (command.contains("/") || command.contains(File.separator)) {
      Path p = Path.of(command);
      if (!Files.isRegularFile(p)) {
        throw new ConfigException(where + ": exec plugin command \"" + command + "\" does not exist. " + hint());
      }
      if (!Files.isExecutable(p)) {
        throw new ConfigException(where + ": exec plugin command \"" + command + "\" is not executable. Run `chmod +x " + command + "`.");
      }
      return command;
    }
    String path = environment.getOrDefault(WellKnown.PATH, "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve(command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new ConfigException(where + ": exec plugin command \"" + command + "\" was not found on PATH. " + hint());
  }

  private String execInfo(boolean stdinGiven) {
    JsonObject spec = new JsonObject();
    spec.addProperty("interactive", stdinGiven);
    if (clusterInfo != null) {
      spec.add("cluster", clusterInfo.deepCopy());
    }
    JsonObject info = new JsonObject();
    info.addProperty("kind", "ExecCredential");
    info.addProperty("apiVersion", apiVersion);
    info.add("spec", spec);
    return info.toString();
  }

  /** Parses plugin output; messages never quote it, because it holds the credential. */
  Result parse(String stdout) {
    String bad = where + ": exec plugin \"" + command + "\" ";
    JsonObject root;
    try {
      JsonElement e = JsonParser.parseString(stdout);
      if (!e.isJsonObject()) {
        throw new ConfigException(bad + "printed JSON that is not an object; it must print an ExecCredential (kind, apiVersion, status). Check that nothing else writes to its stdout.");
      }
      root = e.getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new ConfigException(bad + "did not print JSON; it must print an ExecCredential (kind, apiVersion, status). Check that nothing else writes to its stdout.");
    }
    String kind = string(root, "kind");
    String version = string(root, "apiVersion");
    if (!"ExecCredential".equals(kind)) {
      throw new ConfigException(bad + "printed kind " + quote(kind) + ", not ExecCredential.");
    }
    if (!apiVersion.equals(version)) {
      throw new ConfigException(bad + "printed apiVersion " + quote(version) + ", but the kubeconfig asks for " + apiVersion + ". Set exec.apiVersion to the version the plugin speaks.");
    }
    JsonElement statusEl = root.get("status");
    if (statusEl == null || !statusEl.isJsonObject()) {
      throw new ConfigException(bad + "printed an ExecCredential without status; it must hold status.token or status.clientCertificateData and status.clientKeyData.");
    }
    JsonObject status = statusEl.getAsJsonObject();
    String token = string(status, "token");
    String cert = string(status, "clientCertificateData");
    String key = string(status, "clientKeyData");
    if ((cert == null) != (key == null)) {
      throw new ConfigException(bad + "printed only one of status.clientCertificateData and status.clientKeyData; it must print both or neither.");
    }
    if (token == null && cert == null) {
      throw new ConfigException(bad + "printed an ExecCredential with neither status.token nor status.clientCertificateData/clientKeyData.");
    }
    Instant expiration = null;
    String exp = string(status, "expirationTimestamp");
    if (exp != null) {
      try {
        expiration = OffsetDateTime.parse(exp).toInstant();
      } catch (DateTimeParseException e) {
        throw new ConfigException(bad + "printed status.expirationTimestamp " + quote(exp) + ", which is not an RFC 3339 time such as 2030-01-02T15:04:05Z.");
      }
    }
    return new Result(
        token == null ? null : Sensitive.of(token),
        cert == null ? null : cert.getBytes(StandardCharsets.UTF_8),
        key == null ? null : Sensitive.of(key),
        expiration);
  }

  private static @Nullable String string(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      return null;
    }
    String s = e.getAsString();
    return s.isEmpty() ? null : s;
  }

  private static String quote(@Nullable String s) {
    if (s == null) {
      return "(none)";
    }
    return "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
  }

  @Override
  public String toString() {
    return "ExecPlugin[command=" + command + ", apiVersion=" + apiVersion + ", interactiveMode=" + interactiveMode + "]";
  }
}
