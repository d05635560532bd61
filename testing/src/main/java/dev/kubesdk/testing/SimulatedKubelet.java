package dev.kubesdk.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.kubesdk.api.CoreV1Api;
import dev.kubesdk.api.model.V1Namespace;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.CustomObjectsApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;

/**
 * What the kubelet API of the simulated nodes of a {@link ClusterProfile#FULL} cluster answers for
 * the pods of a namespace. No container runs: kwok serves {@code pods/log}, {@code pods/exec},
 * {@code pods/attach} and {@code pods/portforward} from local files, commands and ports, and this
 * class says which, so that a test drives the whole path client, kube-apiserver, kubelet API.
 * Thread-safe; get it from {@link LocalControlPlane#kubelet()}.
 *
 * <pre>{@code
 * SimulatedKubelet kubelet = cluster.kubelet();
 * kubelet.serveLogs(namespace, logFile);
 * SimulatedKubelet.appendLog(logFile, "hello from the pod");
 * // GET .../namespaces/<namespace>/pods/<pod>/log now answers "hello from the pod"
 * }</pre>
 *
 * <p>Each setting is a kwok resource ({@code ClusterLogs}, {@code ClusterExec}, {@code
 * ClusterAttach}, {@code ClusterPortForward}) selecting the namespace, owned by the Namespace
 * object: deleting the namespace deletes it. kwok picks a new setting up from its watch, a moment
 * after the call returns; a test reads through the API until the answer comes.
 */
public final class SimulatedKubelet {
  private final ApiClient admin;

  SimulatedKubelet(ApiClient admin) {
    this.admin = admin;
  }

  /**
   * {@code pods/log} and {@code pods/attach} of every container of every pod in {@code namespace}
   * read {@code logFile}, which holds lines in the CRI log format ({@link #appendLog} writes them).
   * The file need not exist yet; {@code follow=true} streams what is appended.
   */
  public void serveLogs(String namespace, Path logFile) {
    String file = absolute(logFile, "logFile");
    JsonObject log = new JsonObject();
    log.addProperty("logsFile", file);
    log.addProperty("follow", true);
    put("ClusterLogs", namespace, namespace, "logs", log);
    JsonObject attach = new JsonObject();
    attach.addProperty("logsFile", file);
    put("ClusterAttach", namespace, namespace, "attaches", attach);
  }

  /**
   * {@code pods/exec} into any container of any pod in {@code namespace} runs the command on this
   * machine, as this user, in {@code workingDirectory}: {@code exec pod -- cat data.txt} reads
   * {@code workingDirectory/data.txt}. Use a temporary folder of the test's own.
   */
  public void runExecIn(String namespace, Path workingDirectory) {
    JsonObject local = new JsonObject();
    local.addProperty("workDir", absolute(workingDirectory, "workingDirectory"));
    JsonObject exec = new JsonObject();
    exec.add("local", local);
    put("ClusterExec", namespace, namespace, "execs", exec);
  }

  /**
   * {@code pods/portforward} to {@code podPort} of any pod in {@code namespace} connects to {@code
   * 127.0.0.1:localPort}, a port the test listens on.
   */
  public void forwardPort(String namespace, int podPort, int localPort) {
    checkPort(podPort, "podPort");
    checkPort(localPort, "localPort");
    JsonObject target = new JsonObject();
    target.addProperty("address", "127.0.0.1");
    target.addProperty("port", localPort);
    JsonObject forward = new JsonObject();
    JsonArray ports = new JsonArray();
    ports.add(podPort);
    forward.add("ports", ports);
    forward.add("target", target);
    put("ClusterPortForward", namespace + "-" + podPort, namespace, "forwards", forward);
  }

  /**
   * Appends {@code line} to {@code logFile} as one stdout line in the CRI log format kwok reads
   * ({@code <RFC 3339 time> stdout F <line>}), creating the file when it is missing.
   */
  public static void appendLog(Path logFile, String line) {
    Objects.requireNonNull(logFile, "logFile");
    if (line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("one line at a time; split " + line.length() + " characters at '\\n'");
    }
    try {
      Files.writeString(
          logFile,
          Instant.now() + " stdout F " + line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + logFile, e);
    }
  }

  @Override
  public String toString() {
    return "SimulatedKubelet{" + admin.configuration().host() + "}";
  }

  /** Creates or replaces the kwok resource {@code name} of {@code kind} for {@code namespace}. */
  private void put(String kind, String name, String namespace, String listField, JsonObject item) {
    Objects.requireNonNull(namespace, "namespace");
    V1Namespace owner = new CoreV1Api(admin).readNamespace(namespace).execute();
    JsonObject ownerReference = new JsonObject();
    ownerReference.addProperty("apiVersion", "v1");
    ownerReference.addProperty("kind", "Namespace");
    ownerReference.addProperty("name", namespace);
    ownerReference.addProperty("uid", owner.getMetadata().getUid());
    JsonArray owners = new JsonArray();
    owners.add(ownerReference);
    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", name);
    metadata.add("ownerReferences", owners);

    JsonArray namespaces = new JsonArray();
    namespaces.add(new JsonPrimitive(namespace));
    JsonObject selector = new JsonObject();
    selector.add("matchNamespaces", namespaces);
    JsonArray items = new JsonArray();
    items.add(item);
    JsonObject spec = new JsonObject();
    spec.add("selector", selector);
    spec.add(listField, items);

    JsonObject object = new JsonObject();
    object.addProperty("apiVersion", ClusterComponents.KWOK_GROUP + "/" + ClusterComponents.KWOK_VERSION);
    object.addProperty("kind", kind);
    object.add("metadata", metadata);
    object.add("spec", spec);

    var resource =
        new CustomObjectsApi(admin)
            .resource(
                ClusterComponents.KWOK_GROUP,
                ClusterComponents.KWOK_VERSION,
                ClusterComponents.DEBUGGING_KINDS.get(kind));
    try {
      resource.create(object);
    } catch (dev.kubesdk.runtime.ConflictException exists) {
      JsonObject current = resource.get(name);
      metadata.add("resourceVersion", current.getAsJsonObject("metadata").get("resourceVersion"));
      resource.replace(name, object);
    }
  }

  private static String absolute(Path path, String what) {
    return Objects.requireNonNull(path, what).toAbsolutePath().toString();
  }

  private static void checkPort(int port, String what) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + " must be between 1 and 65535: " + port);
    }
  }
}
