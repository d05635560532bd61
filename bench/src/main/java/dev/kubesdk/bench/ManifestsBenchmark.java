package dev.kubesdk.bench;

import dev.kubesdk.manifests.Manifests;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubernetes.client.common.KubernetesType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Load and dump of one multi-document manifest of 1,000 objects (Deployments, Services and ConfigMaps,
 * as a chart renders them), from the same bytes, per contestant: kubesdk's {@code Manifests}, fabric8's
 * {@code client.load(stream).items()} and {@code KubernetesSerialization.asYaml}, client-java's {@code
 * Yaml.loadAll} and {@code Yaml.dumpAll}. Every contestant loads to typed models.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ManifestsBenchmark {
  @Param({"1000"})
  public int objects;

  @Param({"kubesdk", "client-java", "fabric8"})
  public String contestant;

  private byte[] yaml;
  private List<?> loaded;
  private KubernetesClient fabric8;
  private KubernetesSerialization fabric8Serialization;

  /** The manifest, and a check that the contestant reads every object of it. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    yaml = manifest(objects).getBytes(StandardCharsets.UTF_8);
    if (contestant.equals("fabric8")) {
      fabric8 = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build();
      fabric8Serialization = new KubernetesSerialization();
    }
    loaded = load();
    if (loaded.size() != objects) {
      throw new IllegalStateException(contestant + " loaded " + loaded.size() + " objects of " + objects);
    }
    if (dump().length() < yaml.length / 2) {
      throw new IllegalStateException(contestant + " dumped too little");
    }
  }

  /** Closes fabric8's client. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (fabric8 != null) {
      fabric8.close();
    }
  }

  /** The objects of the manifest, typed. */
  @Benchmark
  public List<?> load() throws IOException {
    return switch (contestant) {
      case "kubesdk" -> Manifests.standard().load(new ByteArrayInputStream(yaml), "bench");
      case "client-java" -> io.kubernetes.client.util.Yaml.loadAll(new String(yaml, StandardCharsets.UTF_8));
      case "fabric8" -> fabric8.load(new ByteArrayInputStream(yaml)).items();
      default -> throw new IllegalArgumentException(contestant);
    };
  }

  /** The loaded objects as one YAML stream. */
  @Benchmark
  public String dump() {
    return switch (contestant) {
      case "kubesdk" -> Manifests.standard().dumpAll(loaded);
      case "client-java" -> {
        @SuppressWarnings("unchecked")
        List<KubernetesType> types = (List<KubernetesType>) loaded;
        yield io.kubernetes.client.util.Yaml.dumpAll(types.iterator());
      }
      case "fabric8" -> {
        StringBuilder out = new StringBuilder(yaml.length + 1024);
        for (Object o : loaded) {
          String doc = fabric8Serialization.asYaml(o);
          if (!doc.startsWith("---")) {
            out.append("---\n");
          }
          out.append(doc);
        }
        yield out.toString();
      }
      default -> throw new IllegalArgumentException(contestant);
    };
  }

  /** {@code count} objects: a Deployment, a Service and a ConfigMap per app, as a chart renders them. */
  static String manifest(int count) {
    StringBuilder b = new StringBuilder(count * 900);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        b.append("---\n");
      }
      String app = "app-" + (i / 3);
      switch (i % 3) {
        case 0 -> b.append("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: %1$s
              namespace: shop
              labels:
                app.kubernetes.io/name: %1$s
                app.kubernetes.io/part-of: shop
              annotations:
                deployment.kubernetes.io/revision: "3"
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app.kubernetes.io/name: %1$s
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 25%%, maxUnavailable: 1}
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: %1$s
                spec:
                  containers:
                  - name: web
                    image: registry.example.com/shop/%1$s:1.4.2
                    args: ["--port=8080", "--log-level=info"]
                    ports:
                    - containerPort: 8080
                      name: http
                    env:
                    - name: MODE
                      value: production
                    - name: POD_IP
                      valueFrom:
                        fieldRef: {fieldPath: status.podIP}
                    resources:
                      requests: {cpu: 100m, memory: 128Mi}
                      limits: {cpu: "1", memory: 512Mi}
                    readinessProbe:
                      httpGet: {path: /healthz, port: http}
                      periodSeconds: 5
                  volumes:
                  - name: config
                    configMap: {name: %1$s}
            """.formatted(app));
        case 1 -> b.append("""
            apiVersion: v1
            kind: Service
            metadata:
              name: %1$s
              namespace: shop
              labels:
                app.kubernetes.io/name: %1$s
            spec:
              type: ClusterIP
              selector:
                app.kubernetes.io/name: %1$s
              ports:
              - name: http
                port: 80
                targetPort: http
                protocol: TCP
            """.formatted(app));
        default -> b.append("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: %1$s
              namespace: shop
            data:
              mode: production
              retries: "3"
              application.properties: |
                server.port=8080
                feature.flags=a,b,c
                cache.ttl=300
            """.formatted(app));
      }
    }
    return b.toString();
  }
}
