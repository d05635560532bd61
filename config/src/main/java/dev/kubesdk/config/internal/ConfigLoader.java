package dev.kubesdk.config.internal;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.NoConfigurationException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.LoadOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default loading chain: an explicit kubeconfig, else the {@code KUBECONFIG} list, else {@code
 * ~/.kube/config}, else the in-cluster service account. Mirrors client-go's {@code
 * ClientConfigLoadingRules.Load} and {@code DirectClientConfig}. Stateless and thread-safe.
 */
public final class ConfigLoader {
  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

  private ConfigLoader() {}

  /** Loads the configuration that {@code options} select, with the provenance of every value. */
  public static Resolution load(LoadOptions options) {
    List<String> tried = new ArrayList<>();
    List<Path> files = kubeconfigFiles(options, tried);
    if (!files.isEmpty()) {
      MergedKubeconfig merged = MergedKubeconfig.read(files);
      if (!merged.isEmpty() || options.kubeconfig().isPresent()) {
        return new KubeconfigResolver(merged, options).resolve();
      }
      // client-go treats a kubeconfig that defines nothing like a missing one and goes on to
      // in-cluster, so an empty ~/.kube/config does not hide the service account of a pod.
      tried.add(String.join(", ", merged.fileNames()) + ": defines no clusters, contexts or users");
    }
    Resolution inCluster = InClusterLoader.load(options, tried);
    if (inCluster != null) {
      return inCluster;
    }
    List<String> problems = new ArrayList<>();
    problems.add("No Kubernetes configuration found. Tried, in order:");
    for (String t : tried) {
      problems.add("  - " + t);
    }
    problems.add("Fix: create ~/.kube/config (e.g. `kubectl config set-cluster`), set KUBECONFIG to an existing file, pass a kubeconfig file explicitly, or run inside a pod with a service account.");
    throw new NoConfigurationException(problems);
  }

  /** The kubeconfig files to merge, in precedence order; records in {@code tried} what was skipped. */
  static List<Path> kubeconfigFiles(LoadOptions options, List<String> tried) {
    if (options.kubeconfig().isPresent()) {
      Path explicit = options.kubeconfig().get();
      if (!Files.isRegularFile(explicit)) {
        throw new ConfigException(explicit + ": the kubeconfig file given explicitly does not exist"
            + (Files.isDirectory(explicit) ? " (it is a directory)" : "") + ". Fix the path.");
      }
      return List.of(explicit);
    }
    String env = options.environment().get(WellKnown.KUBECONFIG);
    if (env != null && !env.isEmpty()) {
      // filepath.SplitList semantics: empty entries are skipped, duplicates read once, missing files skipped.
      Set<Path> found = new LinkedHashSet<>();
      for (String part : env.split(File.pathSeparator, -1)) {
        if (part.isEmpty()) {
          continue;
        }
        Path p;
        try {
          p = Path.of(part).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
          tried.add("KUBECONFIG entry \"" + part + "\": not a valid path");
          continue;
        }
        if (Files.isRegularFile(p)) {
          found.add(p);
        } else {
          tried.add("KUBECONFIG entry " + p + ": does not exist");
          log.debug("KUBECONFIG entry {} does not exist; skipped", p);
        }
      }
      if (found.isEmpty() && tried.isEmpty()) {
        tried.add("KUBECONFIG=\"" + env + "\": names no file");
      }
      return new ArrayList<>(found);
    }
    tried.add("KUBECONFIG: not set");
    Path home = options.home().resolve(WellKnown.RECOMMENDED_CONFIG);
    if (Files.isRegularFile(home)) {
      return List.of(home);
    }
    tried.add(home + ": does not exist");
    return List.of();
  }

  /** Reads a kubeconfig file, naming it in every message. */
  static String readFile(Path path) {
    try {
      long size = Files.size(path);
      if (size > KubeconfigYaml.MAX_CODE_POINTS * 4L) {
        // Refuse before reading a huge file into memory; the exact character limit is checked when parsing.
        throw new ConfigException(path + ": the file is " + size + " bytes, far larger than any kubeconfig. Check the path.");
      }
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(path + ": the file does not exist. Fix the path.", e);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ConfigException(path + ": the file is not UTF-8 text. A kubeconfig is YAML; check the path.", e);
    } catch (IOException e) {
      throw new ConfigException(path + ": cannot read the file (" + e.getClass().getSimpleName() + "). Check its permissions.", e);
    }
  }

  /** The merged view of several kubeconfig files with client-go's rules. */
  static final class MergedKubeconfig {
    final List<KubeconfigFile> files;
    final @Nullable String currentContext;
    final @Nullable Path currentContextFile;
    final Map<String, KubeconfigEntry> clusters = new LinkedHashMap<>();
    final Map<String, KubeconfigEntry> contexts = new LinkedHashMap<>();
    final Map<String, KubeconfigEntry> users = new LinkedHashMap<>();

    private MergedKubeconfig(List<KubeconfigFile> files) {
      this.files = files;
      String current = null;
      Path currentFile = null;
      for (KubeconfigFile f : files) {
        // "The first file to set a particular map key wins and map key's value is never changed";
        // the same holds for current-context (client-go loader.go).
        f.clusters().forEach(clusters::putIfAbsent);
        f.contexts().forEach(contexts::putIfAbsent);
        f.users().forEach(users::putIfAbsent);
        if (current == null && f.currentContext() != null) {
          current = f.currentContext();
          currentFile = f.path();
        }
      }
      this.currentContext = current;
      this.currentContextFile = currentFile;
    }

    static MergedKubeconfig read(List<Path> paths) {
      List<KubeconfigFile> files = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (Path p : paths) {
        try {
          files.add(KubeconfigFile.parse(p, readFile(p)));
        } catch (ConfigException e) {
          problems.addAll(e.problems());
        }
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new MergedKubeconfig(files);
    }

    boolean isEmpty() {
      return files.stream().allMatch(KubeconfigFile::isEmpty);
    }

    List<String> fileNames() {
      return files.stream().map(f -> f.path().toString()).toList();
    }
  }
}
