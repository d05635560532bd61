package dev.kubesdk.config.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.CredentialsTimeoutException;
import dev.kubesdk.config.LoadOptions;
import dev.kubesdk.config.Sensitive;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  private final Host host;

  /**
   * What a plugin run takes from the loader rather than the kubeconfig.
   *
   * @param environment the loader's environment, inherited by the plugin
   * @param interactive whether stdin is a terminal
   * @param timeout how long one run may take before it is stopped; zero for no limit
   * @param windows whether to find commands as on Windows (PATHEXT, {@code ;} between PATH
   *     entries, variable names in any case)
   */
  public record Host(Map<String, String> environment, boolean interactive, Duration timeout, boolean windows) {
    /** Copies the environment. */
    public Host {
      environment = Map.copyOf(environment);
      Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The host described by {@code options}; Windows when the JVM runs on it or the environment
     * says so ({@code OS=Windows_NT}, which Windows always sets), so a test can ask for it.
     */
    public static Host of(LoadOptions options) {
      Map<String, String> env = options.environment();
      boolean windows = System.getProperty("os.name", "").startsWith("Windows") || "Windows_NT".equals(env.get(WellKnown.OS));
      return new Host(env, options.interactive(), options.execPluginTimeout(), windows);
    }

    /** A variable of the environment; on Windows its name in any case ({@code Path} is common there). */
    @Nullable String variable(String name) {
      String v = environment.get(name);
      if (v != null || !windows) {
        return v;
      }
      for (Map.Entry<String, String> e : environment.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    }
  }

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
   * @param host the environment, terminal, deadline and platform to run under
   */
  public ExecPlugin(String where, String command, List<String> args, Map<String, String> env, String apiVersion, @Nullable String installHint,
      InteractiveMode interactiveMode, @Nullable JsonObject clusterInfo, Host host) {
    this.where = Objects.requireNonNull(where, "where");
    this.command = Objects.requireNonNull(command, "command");
    this.args = List.copyOf(args);
    this.env = new LinkedHashMap<>(env);
    this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
    this.installHint = installHint;
    this.interactiveMode = Objects.requireNonNull(interactiveMode, "interactiveMode");
    this.clusterInfo = clusterInfo == null ? null : clusterInfo.deepCopy();
    this.host = Objects.requireNonNull(host, "host");
  }

  /** Names the user entry in messages ({@code FILE: users[0] "me": user.exec}). */
  public String where() {
    return where;
  }

  /** The command as configured (after path resolution). */
  public String command() {
    return command;
  }

  /**
   * Runs the plugin once and parses its ExecCredential. Stdout is read on a helper thread, so the
   * deadline holds even when the plugin, or a child that inherited its stdout, never closes it.
   *
   * @throws CredentialsTimeoutException when the run takes longer than the host's timeout; the
   *     plugin and every process it started are killed first
   * @throws ConfigException when the plugin cannot be found or run, fails, or prints no valid
   *     ExecCredential
   */
  public Result run() {
    boolean giveStdin = switch (interactiveMode) {
      case NEVER -> false;
      case IF_AVAILABLE -> host.interactive();
      case ALWAYS -> {
        if (!host.interactive()) {
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
    pe.putAll(host.environment());
    pe.putAll(env);
    pe.put(WellKnown.KUBERNETES_EXEC_INFO, execInfo(giveStdin));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.redirectInput(giveStdin ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
    log.debug("{}: running exec plugin {}", where, command);
    Duration timeout = host.timeout();
    long deadline = System.nanoTime() + (timeout.isZero() ? 0 : timeout.toNanos());
    Process p;
    try {
      p = pb.start();
      if (!giveStdin) {
        p.getOutputStream().close();
      }
    } catch (IOException e) {
      throw new ConfigException(where + ": cannot run exec plugin \"" + command + "\" (" + e.getClass().getSimpleName() + "). " + hint(), e);
    }
    byte[] out;
    try {
      out = readStdout(p, timeout, deadline);
      if (out.length > MAX_OUTPUT) {
        // A plugin that floods stdout would otherwise keep this thread (and every waiting request) forever.
        killTree(p);
        throw new ConfigException(where + ": exec plugin \"" + command + "\" printed more than " + MAX_OUTPUT + " bytes; an ExecCredential is a small JSON object. Check that nothing else writes to its stdout.");
      }
      if (!(timeout.isZero() ? waitFor(p) : p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))) {
        throw timedOut(p, timeout);
      }
    } catch (InterruptedException e) {
      killTree(p);
      Thread.currentThread().interrupt();
      throw new ConfigException(where + ": interrupted while waiting for exec plugin \"" + command + "\"; the plugin was stopped.", e);
    }
    int exit = p.exitValue();
    if (exit != 0) {
      throw new ConfigException(where + ": exec plugin \"" + command + "\" exited with status " + exit + "; its own messages are above on stderr. Run it by hand to see why, and check its args and env in the kubeconfig.");
    }
    return parse(new String(out, StandardCharsets.UTF_8));
  }

  private byte[] readStdout(Process p, Duration timeout, long deadline) throws InterruptedException {
    CompletableFuture<byte[]> stdout = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (InputStream in = p.getInputStream()) {
        stdout.complete(in.readNBytes(MAX_OUTPUT + 1));
      } catch (IOException | RuntimeException e) {
        stdout.completeExceptionally(e);
      }
    }, "kubesdk-exec-plugin-stdout");
    // Daemon: a reader left behind by a grandchild that escaped the kill must not keep the JVM alive.
    reader.setDaemon(true);
    reader.start();
    try {
      return timeout.isZero() ? stdout.get() : stdout.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw timedOut(p, timeout);
    } catch (ExecutionException e) {
      killTree(p);
      throw new ConfigException(where + ": cannot read the output of exec plugin \"" + command + "\" (" + e.getCause().getClass().getSimpleName() + ").", e.getCause());
    }
  }

  private static boolean waitFor(Process p) throws InterruptedException {
    p.waitFor();
    return true;
  }

  private CredentialsTimeoutException timedOut(Process p, Duration timeout) {
    killTree(p);
    return new CredentialsTimeoutException(where + ": exec plugin \"" + command + "\" timed out after " + Durations.format(timeout)
        + " and was stopped with every process it started; its own messages are above on stderr. Check why it hangs (a login prompt it cannot show, a"
        + " network it cannot reach), or allow it longer with LoadOptions.Builder.execPluginTimeout.", timeout);
  }

  /**
   * Kills the plugin and everything it started. Descendants first: once the plugin is gone its
   * children are re-parented and no longer found through it.
   */
  private static void killTree(Process p) {
    List<ProcessHandle> descendants = p.descendants().toList();
    descendants.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private String hint() {
    return installHint != null ? "installHint: " + installHint.strip() : "Install it, or fix users[].user.exec.command in the kubeconfig.";
  }

  /**
   * Finds the executable as client-go does with Go's exec.LookPath, but on the loader's PATH. On
   * Windows, as LookPath's findExecutable there: a name that has an extension is tried as it is,
   * then with each PATHEXT extension (default .com;.exe;.bat;.cmd); no executable bit is needed.
   */
  private String locate() {
    List<String> extensions = host.windows() ? pathExtensions() : List.of();
    boolean isPath = command.contains("/") || command.contains(File.separator) || (host.windows() && (command.contains("\\") || command.contains(":")));
    if (isPath) {
      Path p = Path.of(command);
      String found = executable(p, extensions);
      if (found != null) {
        return found;
      }
      if (!host.windows() && Files.isRegularFile(p)) {
        throw new ConfigException(where + ": exec plugin command \"" + command + "\" is not executable. Run `chmod +x " + command + "`.");
      }
      throw new ConfigException(where + ": exec plugin command \"" + command + "\" does not exist. " + hint());
    }
    String path = host.variable(WellKnown.PATH);
    for (String dir : (path == null ? "" : path).split(host.windows() ? ";" : ":")) {
      // Windows PATH entries may be quoted ("C:\Program Files\x"), as filepath.SplitList allows.
      String d = host.windows() && dir.length() > 1 && dir.startsWith("\"") && dir.endsWith("\"") ? dir.substring(1, dir.length() - 1) : dir;
      if (d.isEmpty()) {
        continue;
      }
      String found = executable(Path.of(d).resolve(command), extensions);
      if (found != null) {
        return found;
      }
    }
    throw new ConfigException(where + ": exec plugin command \"" + command + "\" was not found on " + WellKnown.PATH
        + (host.windows() ? " (with the extensions " + String.join(";", extensions) + " from " + WellKnown.PATHEXT + ")" : "") + ". " + hint());
  }

  /** The file itself (Unix: when executable) or, on Windows, the first {@code file + ext} that exists. */
  private @Nullable String executable(Path file, List<String> extensions) {
    if (!host.windows()) {
      return Files.isRegularFile(file) && Files.isExecutable(file) ? file.toString() : null;
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (name.lastIndexOf('.') > 0 && Files.isRegularFile(file)) {
      return file.toString();
    }
    for (String ext : extensions) {
      Path candidate = file.resolveSibling(name + ext);
      if (Files.isRegularFile(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  /** Go's pathExt on Windows: PATHEXT lower-cased, each with a leading dot, or the default four. */
  private List<String> pathExtensions() {
    String value = host.variable(WellKnown.PATHEXT);
    if (value == null || value.isEmpty()) {
      return List.of(".com", ".exe", ".bat", ".cmd");
    }
    List<String> out = new ArrayList<>();
    for (String e : value.toLowerCase(java.util.Locale.ROOT).split(";")) {
      if (!e.isEmpty()) {
        out.add(e.startsWith(".") ? e : "." + e);
      }
    }
    return out;
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
    return "ExecPlugin[command=" + command + ", apiVersion=" + apiVersion + ", interactiveMode=" + interactiveMode + ", timeout=" + host.timeout() + "]";
  }
}
