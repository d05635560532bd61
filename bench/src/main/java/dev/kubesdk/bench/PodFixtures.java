package dev.kubesdk.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.internal.Streams;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes deterministic PodList JSON the way kube-apiserver 1.37 answers {@code GET /api/v1/pods}:
 * compact, field order as the server writes it, Deployment-owned pods with labels, annotations,
 * managedFields (one entry per manager, FieldsV1 derived from the object itself, as the server does),
 * 2 or 3 containers with env, ports, resources and probes, and a running status with conditions
 * and container statuses. A pod is about 13 KB.
 *
 * <p>Pod {@code i} depends only on {@code (seed, i)}, so the first 100 pods of the 10,000-pod list
 * are the 100-pod list. Nothing here is random at run time: the same arguments give the same bytes.
 */
public final class PodFixtures {
  /** The seed every benchmark uses, so all contestants read the same bytes in every run. */
  public static final long DEFAULT_SEED = 0x6b756265736b64L;

  private static final Instant EPOCH = Instant.parse("2026-11-20T08:00:00Z");
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;
  private static final String[] NAMESPACES = {
    "shop", "payments", "search", "identity", "observability", "ingress", "data", "ml", "batch", "web"
  };
  private static final String[] APPS = {
    "cart", "checkout", "catalog", "frontend", "gateway", "inventory", "ledger", "notifier",
    "recommender", "session", "indexer", "auth", "billing", "profile", "metrics-proxy"
  };
  private static final String[] SIDECARS = {"envoy", "log-shipper", "otel-agent"};
  private static final String ALPHANUM = "bcdfghjklmnpqrstvwxz2456789";
  private static final String HEX = "0123456789abcdef";
  /** Lists the Kubernetes schema marks atomic: managedFields own them whole, without item keys. */
  private static final Set<String> ATOMIC_LISTS = Set.of("containerStatuses", "tolerations", "sources");

  private PodFixtures() {}

  /** The JSON bytes of a PodList of {@code count} pods, as UTF-8. */
  public static byte[] podList(int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("pod count must be >= 0, got " + count);
    }
    StringWriter out = new StringWriter(count * 14_000 + 256);
    try (JsonWriter json = new JsonWriter(out)) {
      json.setSerializeNulls(true);
      json.beginObject();
      json.name("kind").value("PodList");
      json.name("apiVersion").value("v1");
      json.name("metadata").beginObject().name("resourceVersion").value(Long.toString(4_200_000L + count)).endObject();
      json.name("items").beginArray();
      for (int i = 0; i < count; i++) {
        Streams.write(pod(seed, i), json);
      }
      json.endArray();
      json.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One pod as a JSON tree: pod {@code index} of every list made with {@code seed}. */
  public static JsonObject pod(long seed, int index) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
    String namespace = NAMESPACES[random.nextInt(NAMESPACES.length)];
    String app = APPS[random.nextInt(APPS.length)];
    String templateHash = word(random, 10);
    String name = app + "-" + templateHash + "-" + word(random, 5);
    String replicaSetUid = uuid(random);
    Instant created = EPOCH.plusSeconds(random.nextInt(86_400 * 5));
    Instant scheduled = created.plusSeconds(1);
    Instant started = created.plusSeconds(3 + random.nextInt(20));
    int containerCount = random.nextInt(4) == 0 ? 3 : 2;
    String version = "1." + random.nextInt(40) + "." + random.nextInt(10);
    String node = "node-pool-" + (char) ('a' + random.nextInt(3)) + "-" + word(random, 4);
    String podIp = "10.244." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    String hostIp = "10.0." + random.nextInt(16) + "." + (1 + random.nextInt(254));

    JsonObject labels = new JsonObject();
    labels.addProperty("app", app);
    labels.addProperty("app.kubernetes.io/component", random.nextBoolean() ? "backend" : "api");
    labels.addProperty("app.kubernetes.io/instance", app + "-" + namespace);
    labels.addProperty("app.kubernetes.io/managed-by", "Helm");
    labels.addProperty("app.kubernetes.io/name", app);
    labels.addProperty("app.kubernetes.io/part-of", namespace);
    labels.addProperty("app.kubernetes.io/version", version);
    labels.addProperty("helm.sh/chart", app + "-" + version);
    labels.addProperty("pod-template-hash", templateHash);
    labels.addProperty("team", namespace + "-team");

    JsonObject annotations = new JsonObject();
    annotations.addProperty("checksum/config", hex(random, 64));
    annotations.addProperty("kubectl.kubernetes.io/default-container", app);
    annotations.addProperty("kubectl.kubernetes.io/restartedAt", time(created.minusSeconds(3_600)));
    annotations.addProperty("prometheus.io/path", "/metrics");
    annotations.addProperty("prometheus.io/port", "9090");
    annotations.addProperty("prometheus.io/scrape", "true");

    JsonObject ownerReference = new JsonObject();
    ownerReference.addProperty("apiVersion", "apps/v1");
    ownerReference.addProperty("kind", "ReplicaSet");
    ownerReference.addProperty("name", app + "-" + templateHash);
    ownerReference.addProperty("uid", replicaSetUid);
    ownerReference.addProperty("controller", true);
    ownerReference.addProperty("blockOwnerDeletion", true);

    String tokenVolume = "kube-api-access-" + word(random, 5);
    List<JsonObject> containers = new ArrayList<>();
    containers.add(mainContainer(random, app, version, namespace, tokenVolume));
    for (int c = 1; c < containerCount; c++) {
      containers.add(sidecar(random, SIDECARS[c - 1], tokenVolume));
    }
    JsonObject spec = spec(random, containers, tokenVolume, node, app);

    JsonObject status = status(random, containers, scheduled, started, podIp, hostIp);

    // Fields the controller manager set on create and the kubelet set on status, as the server
    // derives them: the managedFields of a real pod are a large part of its bytes.
    JsonObject metadataFields = new JsonObject();
    metadataFields.add("f:generateName", new JsonObject());
    metadataFields.add("f:labels", fieldSet(labels));
    metadataFields.add("f:annotations", fieldSet(annotations));
    JsonObject ownerFields = new JsonObject();
    ownerFields.add("k:{\"uid\":\"" + replicaSetUid + "\"}", new JsonObject());
    metadataFields.add("f:ownerReferences", ownerFields);
    JsonObject controllerFields = new JsonObject();
    controllerFields.add("f:metadata", metadataFields);
    controllerFields.add("f:spec", fieldSet(spec));
    JsonObject kubeletFields = new JsonObject();
    kubeletFields.add("f:status", fieldSet(status));

    JsonArray managedFields = new JsonArray();
    managedFields.add(managedFieldsEntry("kube-controller-manager", created, controllerFields, null));
    managedFields.add(managedFieldsEntry("kubelet", started.plusSeconds(9), kubeletFields, "status"));

    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", name);
    metadata.addProperty("generateName", app + "-" + templateHash + "-");
    metadata.addProperty("namespace", namespace);
    metadata.addProperty("uid", uuid(random));
    metadata.addProperty("resourceVersion", Long.toString(1_000_000L + index * 7L + random.nextInt(7)));
    metadata.addProperty("generation", 1);
    metadata.addProperty("creationTimestamp", time(created));
    metadata.add("labels", labels);
    metadata.add("annotations", annotations);
    JsonArray owners = new JsonArray();
    owners.add(ownerReference);
    metadata.add("ownerReferences", owners);
    metadata.add("managedFields", managedFields);

    JsonObject pod = new JsonObject();
    pod.addProperty("kind", "Pod");
    pod.addProperty("apiVersion", "v1");
    pod.add("metadata", metadata);
    pod.add("spec", spec);
    pod.add("status", status);
    return pod;
  }

  private static JsonObject mainContainer(
      SplittableRandom random, String app, String version, String namespace, String tokenVolume) {
    JsonObject container = new JsonObject();
    container.addProperty("name", app);
    container.addProperty("image", "registry.example.com/" + namespace + "/" + app + ":" + version);
    container.add("args", strings("--config=/etc/" + app + "/config.yaml", "--log-format=json",
        "--metrics-bind-address=:9090", "--shutdown-timeout=25s"));
    JsonArray ports = new JsonArray();
    ports.add(port("http", 8080));
    ports.add(port("metrics", 9090));
    container.add("ports", ports);
    JsonArray env = new JsonArray();
    env.add(fieldRefEnv("POD_NAME", "metadata.name"));
    env.add(fieldRefEnv("POD_NAMESPACE", "metadata.namespace"));
    env.add(fieldRefEnv("NODE_NAME", "spec.nodeName"));
    env.add(valueEnv("APP_ENV", "production"));
    env.add(valueEnv("LOG_LEVEL", random.nextBoolean() ? "info" : "debug"));
    env.add(valueEnv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability.svc:4317"));
    env.add(secretEnv("DATABASE_PASSWORD", app + "-db", "password"));
    container.add("env", env);
    container.add("resources", resources(random, "250m", "1", "512Mi", "1Gi"));
    JsonArray mounts = new JsonArray();
    mounts.add(mount("config", "/etc/" + app, true));
    mounts.add(mount("tmp", "/tmp", false));
    mounts.add(mount(tokenVolume, "/var/run/secrets/kubernetes.io/serviceaccount", true));
    container.add("volumeMounts", mounts);
    container.add("livenessProbe", httpProbe("/healthz", random.nextBoolean() ? "http" : 8080, 10, 10));
    container.add("readinessProbe", httpProbe("/readyz", "http", 5, 5));
    container.addProperty("terminationMessagePath", "/dev/termination-log");
    container.addProperty("terminationMessagePolicy", "File");
    container.addProperty("imagePullPolicy", "IfNotPresent");
    container.add("securityContext", containerSecurityContext());
    return container;
  }

  private static JsonObject sidecar(SplittableRandom random, String name, String tokenVolume) {
    JsonObject container = new JsonObject();
    container.addProperty("name", name);
    container.addProperty("image", "registry.example.com/platform/" + name + ":v" + (1 + random.nextInt(3)) + "."
        + random.nextInt(30) + "." + random.nextInt(10) + "@sha256:" + hex(random, 64));
    JsonArray ports = new JsonArray();
    ports.add(port("admin", 15001));
    container.add("ports", ports);
    JsonArray env = new JsonArray();
    env.add(fieldRefEnv("POD_NAME", "metadata.name"));
    env.add(fieldRefEnv("POD_NAMESPACE", "metadata.namespace"));
    env.add(valueEnv("SIDECAR_MODE", "proxy"));
    container.add("env", env);
    container.add("resources", resources(random, "50m", "200m", "64Mi", "128Mi"));
    JsonArray mounts = new JsonArray();
    mounts.add(mount(tokenVolume, "/var/run/secrets/kubernetes.io/serviceaccount", true));
    container.add("volumeMounts", mounts);
    JsonObject probe = new JsonObject();
    JsonObject tcp = new JsonObject();
    tcp.addProperty("port", 15001);
    probe.add("tcpSocket", tcp);
    probe.addProperty("timeoutSeconds", 1);
    probe.addProperty("periodSeconds", 10);
    probe.addProperty("successThreshold", 1);
    probe.addProperty("failureThreshold", 3);
    container.add("readinessProbe", probe);
    container.addProperty("terminationMessagePath", "/dev/termination-log");
    container.addProperty("terminationMessagePolicy", "File");
    container.addProperty("imagePullPolicy", "IfNotPresent");
    container.add("securityContext", containerSecurityContext());
    return container;
  }

  private static JsonObject spec(
      SplittableRandom random, List<JsonObject> containers, String tokenVolume, String node, String app) {
    JsonObject spec = new JsonObject();
    JsonArray volumes = new JsonArray();
    JsonObject config = new JsonObject();
    config.addProperty("name", "config");
    JsonObject configMap = new JsonObject();
    configMap.addProperty("name", app + "-config");
    configMap.addProperty("defaultMode", 420);
    config.add("configMap", configMap);
    volumes.add(config);
    JsonObject tmp = new JsonObject();
    tmp.addProperty("name", "tmp");
    JsonObject emptyDir = new JsonObject();
    emptyDir.addProperty("sizeLimit", "256Mi");
    tmp.add("emptyDir", emptyDir);
    volumes.add(tmp);
    volumes.add(serviceAccountTokenVolume(tokenVolume));
    spec.add("volumes", volumes);
    JsonArray containerArray = new JsonArray();
    containers.forEach(containerArray::add);
    spec.add("containers", containerArray);
    spec.addProperty("restartPolicy", "Always");
    spec.addProperty("terminationGracePeriodSeconds", 30);
    spec.addProperty("dnsPolicy", "ClusterFirst");
    JsonObject nodeSelector = new JsonObject();
    nodeSelector.addProperty("kubernetes.io/os", "linux");
    spec.add("nodeSelector", nodeSelector);
    spec.addProperty("serviceAccountName", app);
    spec.addProperty("serviceAccount", app);
    spec.addProperty("nodeName", node);
    JsonObject podSecurity = new JsonObject();
    podSecurity.addProperty("runAsUser", 10_001);
    podSecurity.addProperty("runAsGroup", 10_001);
    podSecurity.addProperty("runAsNonRoot", true);
    podSecurity.addProperty("fsGroup", 10_001);
    JsonObject seccomp = new JsonObject();
    seccomp.addProperty("type", "RuntimeDefault");
    podSecurity.add("seccompProfile", seccomp);
    spec.add("securityContext", podSecurity);
    spec.addProperty("schedulerName", "default-scheduler");
    JsonArray tolerations = new JsonArray();
    tolerations.add(toleration("node.kubernetes.io/not-ready"));
    tolerations.add(toleration("node.kubernetes.io/unreachable"));
    spec.add("tolerations", tolerations);
    spec.addProperty("priorityClassName", random.nextInt(4) == 0 ? "critical" : "standard");
    spec.addProperty("priority", 1000);
    spec.addProperty("enableServiceLinks", true);
    spec.addProperty("preemptionPolicy", "PreemptLowerPriority");
    return spec;
  }

  private static JsonObject status(
      SplittableRandom random, List<JsonObject> containers, Instant scheduled, Instant started,
      String podIp, String hostIp) {
    Instant ready = started.plusSeconds(5 + random.nextInt(30));
    JsonObject status = new JsonObject();
    status.addProperty("observedGeneration", 1);
    status.addProperty("phase", "Running");
    JsonArray conditions = new JsonArray();
    conditions.add(condition("PodReadyToStartContainers", started));
    conditions.add(condition("Initialized", scheduled));
    conditions.add(condition("Ready", ready));
    conditions.add(condition("ContainersReady", ready));
    conditions.add(condition("PodScheduled", scheduled));
    status.add("conditions", conditions);
    status.addProperty("hostIP", hostIp);
    status.add("hostIPs", ips(hostIp));
    status.addProperty("podIP", podIp);
    status.add("podIPs", ips(podIp));
    status.addProperty("startTime", time(scheduled));
    JsonArray statuses = new JsonArray();
    for (JsonObject container : containers) {
      String containerName = container.get("name").getAsString();
      JsonObject containerStatus = new JsonObject();
      containerStatus.addProperty("name", containerName);
      JsonObject state = new JsonObject();
      JsonObject running = new JsonObject();
      running.addProperty("startedAt", time(started.plusSeconds(random.nextInt(3))));
      state.add("running", running);
      containerStatus.add("state", state);
      containerStatus.add("lastState", new JsonObject());
      containerStatus.addProperty("ready", true);
      containerStatus.addProperty("restartCount", random.nextInt(8) == 0 ? 1 + random.nextInt(3) : 0);
      String image = container.get("image").getAsString();
      containerStatus.addProperty("image", image);
      containerStatus.addProperty("imageID", image.replaceFirst("[:@].*$", "") + "@sha256:" + hex(random, 64));
      containerStatus.addProperty("containerID", "containerd://" + hex(random, 64));
      containerStatus.addProperty("started", true);
      JsonObject resources = container.getAsJsonObject("resources");
      containerStatus.add("resources", resources.deepCopy());
      JsonArray mounts = new JsonArray();
      for (JsonElement mount : container.getAsJsonArray("volumeMounts")) {
        JsonObject statusMount = mount.getAsJsonObject().deepCopy();
        statusMount.addProperty("recursiveReadOnly", "Disabled");
        mounts.add(statusMount);
      }
      containerStatus.add("volumeMounts", mounts);
      statuses.add(containerStatus);
    }
    status.add("containerStatuses", statuses);
    status.addProperty("qosClass", "Burstable");
    return status;
  }

  /**
   * The FieldsV1 set of a JSON value, as structured-merge-diff writes it: an object's keys become
   * {@code f:<key>}, list items with a {@code name} become {@code k:{"name":...}} (or {@code type}
   * for conditions, {@code ip} for IP lists, {@code containerPort} for ports, {@code mountPath} for
   * mounts), and every set member that is itself a value gets the {@code "."} marker.
   */
  private static JsonObject fieldSet(JsonObject object) {
    JsonObject set = new JsonObject();
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      boolean atomic = ATOMIC_LISTS.contains(entry.getKey());
      set.add("f:" + entry.getKey(), atomic ? new JsonObject() : fieldsOf(entry.getValue()));
    }
    return set;
  }

  private static JsonObject fieldsOf(JsonElement value) {
    if (value.isJsonObject()) {
      return fieldSet(value.getAsJsonObject());
    }
    if (value.isJsonArray()) {
      JsonObject set = new JsonObject();
      for (JsonElement item : value.getAsJsonArray()) {
        if (!item.isJsonObject()) {
          return new JsonObject(); // atomic list of scalars: owned as a whole
        }
        JsonObject itemObject = item.getAsJsonObject();
        String key = itemKey(itemObject);
        if (key == null) {
          return new JsonObject();
        }
        JsonObject itemFields = new JsonObject();
        itemFields.add(".", new JsonObject());
        for (Map.Entry<String, JsonElement> entry : fieldSet(itemObject).entrySet()) {
          itemFields.add(entry.getKey(), entry.getValue());
        }
        set.add(key, itemFields);
      }
      return set;
    }
    return new JsonObject();
  }

  private static String itemKey(JsonObject item) {
    for (String key : new String[] {"containerPort", "mountPath", "type", "ip", "name", "key"}) {
      if (item.has(key) && item.get(key).isJsonPrimitive()) {
        JsonElement value = item.get(key);
        String rendered = value.getAsJsonPrimitive().isNumber()
            ? value.getAsString() : "\"" + value.getAsString() + "\"";
        if (key.equals("containerPort")) {
          return "k:{\"containerPort\":" + rendered + ",\"protocol\":\"TCP\"}";
        }
        return "k:{\"" + key + "\":" + rendered + "}";
      }
    }
    return null;
  }

  private static JsonObject managedFieldsEntry(
      String manager, Instant time, JsonObject fields, String subresource) {
    JsonObject entry = new JsonObject();
    entry.addProperty("manager", manager);
    entry.addProperty("operation", "Update");
    entry.addProperty("apiVersion", "v1");
    entry.addProperty("time", time(time));
    entry.addProperty("fieldsType", "FieldsV1");
    entry.add("fieldsV1", fields);
    if (subresource != null) {
      entry.addProperty("subresource", subresource);
    }
    return entry;
  }

  private static JsonObject resources(
      SplittableRandom random, String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {
    JsonObject resources = new JsonObject();
    JsonObject limits = new JsonObject();
    limits.addProperty("cpu", cpuLimit);
    limits.addProperty("memory", memoryLimit);
    JsonObject requests = new JsonObject();
    requests.addProperty("cpu", cpuRequest);
    requests.addProperty("ephemeral-storage", (1 + random.nextInt(4)) + "Gi");
    requests.addProperty("memory", memoryRequest);
    resources.add("limits", limits);
    resources.add("requests", requests);
    return resources;
  }

  private static JsonObject httpProbe(String path, Object port, int initialDelay, int period) {
    JsonObject probe = new JsonObject();
    JsonObject http = new JsonObject();
    http.addProperty("path", path);
    if (port instanceof Integer number) {
      http.addProperty("port", number);
    } else {
      http.addProperty("port", (String) port);
    }
    http.addProperty("scheme", "HTTP");
    probe.add("httpGet", http);
    if (initialDelay > 0) {
      probe.addProperty("initialDelaySeconds", initialDelay);
    }
    probe.addProperty("timeoutSeconds", 2);
    probe.addProperty("periodSeconds", period);
    probe.addProperty("successThreshold", 1);
    probe.addProperty("failureThreshold", 3);
    return probe;
  }

  private static JsonObject containerSecurityContext() {
    JsonObject context = new JsonObject();
    JsonObject capabilities = new JsonObject();
    capabilities.add("drop", strings("ALL"));
    context.add("capabilities", capabilities);
    context.addProperty("readOnlyRootFilesystem", true);
    context.addProperty("allowPrivilegeEscalation", false);
    return context;
  }

  private static JsonObject serviceAccountTokenVolume(String name) {
    JsonObject volume = new JsonObject();
    volume.addProperty("name", name);
    JsonObject projected = new JsonObject();
    JsonArray sources = new JsonArray();
    JsonObject tokenSource = new JsonObject();
    JsonObject token = new JsonObject();
    token.addProperty("expirationSeconds", 3607);
    token.addProperty("path", "token");
    tokenSource.add("serviceAccountToken", token);
    sources.add(tokenSource);
    JsonObject caSource = new JsonObject();
    JsonObject configMap = new JsonObject();
    configMap.addProperty("name", "kube-root-ca.crt");
    JsonArray items = new JsonArray();
    JsonObject item = new JsonObject();
    item.addProperty("key", "ca.crt");
    item.addProperty("path", "ca.crt");
    items.add(item);
    configMap.add("items", items);
    caSource.add("configMap", configMap);
    sources.add(caSource);
    JsonObject downwardSource = new JsonObject();
    JsonObject downwardApi = new JsonObject();
    JsonArray downwardItems = new JsonArray();
    JsonObject downwardItem = new JsonObject();
    downwardItem.addProperty("path", "namespace");
    JsonObject fieldRef = new JsonObject();
    fieldRef.addProperty("apiVersion", "v1");
    fieldRef.addProperty("fieldPath", "metadata.namespace");
    downwardItem.add("fieldRef", fieldRef);
    downwardItems.add(downwardItem);
    downwardApi.add("items", downwardItems);
    downwardSource.add("downwardAPI", downwardApi);
    sources.add(downwardSource);
    projected.add("sources", sources);
    projected.addProperty("defaultMode", 420);
    volume.add("projected", projected);
    return volume;
  }

  private static JsonObject toleration(String key) {
    JsonObject toleration = new JsonObject();
    toleration.addProperty("key", key);
    toleration.addProperty("operator", "Exists");
    toleration.addProperty("effect", "NoExecute");
    toleration.addProperty("tolerationSeconds", 300);
    return toleration;
  }

  private static JsonObject condition(String type, Instant transition) {
    JsonObject condition = new JsonObject();
    condition.addProperty("type", type);
    condition.addProperty("status", "True");
    condition.add("lastProbeTime", JsonNull.INSTANCE);
    condition.addProperty("lastTransitionTime", time(transition));
    if (type.equals("PodReadyToStartContainers") || type.equals("Initialized")) {
      condition.addProperty("observedGeneration", 1);
    }
    return condition;
  }

  private static JsonArray ips(String ip) {
    JsonArray ips = new JsonArray();
    JsonObject entry = new JsonObject();
    entry.addProperty("ip", ip);
    ips.add(entry);
    return ips;
  }

  private static JsonObject port(String name, int number) {
    JsonObject port = new JsonObject();
    port.addProperty("name", name);
    port.addProperty("containerPort", number);
    port.addProperty("protocol", "TCP");
    return port;
  }

  private static JsonObject mount(String name, String path, boolean readOnly) {
    JsonObject mount = new JsonObject();
    mount.addProperty("name", name);
    if (readOnly) {
      mount.addProperty("readOnly", true);
    }
    mount.addProperty("mountPath", path);
    return mount;
  }

  private static JsonObject valueEnv(String name, String value) {
    JsonObject env = new JsonObject();
    env.addProperty("name", name);
    env.addProperty("value", value);
    return env;
  }

  private static JsonObject fieldRefEnv(String name, String fieldPath) {
    JsonObject env = new JsonObject();
    env.addProperty("name", name);
    JsonObject valueFrom = new JsonObject();
    JsonObject fieldRef = new JsonObject();
    fieldRef.addProperty("apiVersion", "v1");
    fieldRef.addProperty("fieldPath", fieldPath);
    valueFrom.add("fieldRef", fieldRef);
    env.add("valueFrom", valueFrom);
    return env;
  }

  private static JsonObject secretEnv(String name, String secret, String key) {
    JsonObject env = new JsonObject();
    env.addProperty("name", name);
    JsonObject valueFrom = new JsonObject();
    JsonObject secretKeyRef = new JsonObject();
    secretKeyRef.addProperty("name", secret);
    secretKeyRef.addProperty("key", key);
    valueFrom.add("secretKeyRef", secretKeyRef);
    env.add("valueFrom", valueFrom);
    return env;
  }

  private static JsonArray strings(String... values) {
    JsonArray array = new JsonArray();
    for (String value : values) {
      array.add(value);
    }
    return array;
  }

  private static String time(Instant instant) {
    return RFC3339.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  private static String word(SplittableRandom random, int length) {
    StringBuilder word = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      word.append(ALPHANUM.charAt(random.nextInt(ALPHANUM.length())));
    }
    return word.toString();
  }

  private static String hex(SplittableRandom random, int length) {
    StringBuilder hex = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      hex.append(HEX.charAt(random.nextInt(16)));
    }
    return hex.toString();
  }

  private static String uuid(SplittableRandom random) {
    String hex = hex(random, 32);
    return String.format(Locale.ROOT, "%s-%s-4%s-a%s-%s",
        hex.substring(0, 8), hex.substring(8, 12), hex.substring(13, 16), hex.substring(17, 20), hex.substring(20));
  }
}
