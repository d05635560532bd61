package dev.kubesdk.cli;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import dev.kubesdk.manifests.AppliedObject;
import dev.kubesdk.manifests.ApplyConflictException;
import dev.kubesdk.manifests.Discovery;
import dev.kubesdk.manifests.ManifestException;
import dev.kubesdk.manifests.Manifests;
import dev.kubesdk.manifests.NoMappingException;
import dev.kubesdk.manifests.RestMapper;
import dev.kubesdk.manifests.ServerSideApply;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./kubesdk apply -f FILE|DIR|- [--dry-run] [--force-conflicts] [-n NAMESPACE]}: what {@code
 * kubectl apply --server-side} does, printing kubectl's lines ({@code deployment.apps/web
 * serverside-applied}, with {@code (server dry run)} on a dry run).
 */
final class Apply {
  static final int FAILED = 1;

  private Apply() {}

  static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    List<String> files = new ArrayList<>();
    boolean dryRun = false;
    boolean force = false;
    String namespace = null;
    String kubeconfig = null;
    String context = null;
    String fieldManager = "kubesdk";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-f", "--filename", "-n", "--namespace", "--kubeconfig", "--context", "--field-manager" -> {
          if (i + 1 >= args.length) {
            err.println("error: flag needs an argument: " + a);
            return Main.USAGE_ERROR;
          }
          String v = args[++i];
          switch (a) {
            case "-f", "--filename" -> files.add(v);
            case "-n", "--namespace" -> namespace = v;
            case "--kubeconfig" -> kubeconfig = v;
            case "--context" -> context = v;
            default -> fieldManager = v;
          }
        }
        case "--dry-run", "--dry-run=server" -> dryRun = true;
        case "--dry-run=none" -> dryRun = false;
        case "--force-conflicts" -> force = true;
        case "--server-side" -> {
          // Always server-side; accepted so kubectl command lines work unchanged.
        }
        default -> {
          if (a.startsWith("--dry-run=")) {
            err.println("error: --dry-run must be \"server\" or \"none\" for a server-side apply, not \"" + a.substring(10) + "\"");
            return Main.USAGE_ERROR;
          }
          err.println("error: unknown flag " + a);
          usage(err);
          return Main.USAGE_ERROR;
        }
      }
    }
    if (files.isEmpty()) {
      err.println("error: must specify one of -f");
      usage(err);
      return Main.USAGE_ERROR;
    }
    try {
      Manifests manifests = Manifests.standard();
      List<Object> objects = new ArrayList<>();
      for (String f : files) {
        objects.addAll(f.equals("-") ? manifests.load(in, "stdin") : manifests.load(Path.of(f)));
      }
      LoadOptions.Builder options = LoadOptions.builder().environment(env);
      if (kubeconfig != null) {
        options.kubeconfig(Path.of(kubeconfig));
      }
      if (context != null) {
        options.context(context);
      }
      Configuration configuration = KubeConfig.load(options.build());
      try (ApiClient client = new ApiClient(configuration)) {
        RestMapper mapper = RestMapper.of(Discovery.builder(client).build());
        ServerSideApply apply = ServerSideApply.builder(mapper, fieldManager)
            .defaultNamespace(namespace != null ? namespace : configuration.namespace())
            .dryRun(dryRun)
            .force(force)
            .build();
        for (AppliedObject applied : apply.apply(objects)) {
          out.println(line(applied, dryRun));
        }
      }
      return Main.OK;
    } catch (ApplyConflictException e) {
      for (AppliedObject applied : e.applied()) {
        out.println(line(applied, dryRun));
      }
      err.println("error: " + e.getMessage().replace("force(true)", "--force-conflicts"));
      return FAILED;
    } catch (ManifestException | ConfigException | NoMappingException | ApiException | IllegalArgumentException | IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    }
  }

  /** kubectl's line for a server-side apply, whatever the outcome: {@code configmap/settings serverside-applied}. */
  static String line(AppliedObject applied, boolean dryRun) {
    return applied.displayName() + " serverside-applied" + (dryRun ? " (server dry run)" : "");
  }

  static void usage(PrintStream out) {
    out.println("Usage: ./kubesdk apply -f FILE|DIR|- [-f ...] [--dry-run] [--force-conflicts] [-n NAMESPACE]");
    out.println("                       [--field-manager NAME] [--kubeconfig FILE] [--context NAME]");
  }
}
