package dev.kubesdk.maven;

import dev.kubesdk.config.ConfigException;
import dev.kubesdk.config.Configuration;
import dev.kubesdk.config.KubeConfig;
import dev.kubesdk.config.LoadOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/**
 * {@code kubesdk:generate}: typed models and a typed client for CustomResourceDefinitions, from CRD files
 * and directories ({@link #sources}) and/or from a cluster ({@link #clusterCrds}), written to {@link
 * #outputDirectory}, which is added as a compile source root. Runs in {@code generate-sources} by default.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {
  /** CRD files ({@code .yaml}, {@code .yml}, {@code .json}, multi-document) or directories of them. */
  @Parameter(defaultValue = "${project.basedir}/src/main/crds")
  private @Nullable List<File> sources;

  /**
   * CRDs to read from the cluster of the kubeconfig: a CRD name ({@code crontabs.stable.example.com}) or a
   * group ({@code stable.example.com}) for all of its CRDs.
   */
  @Parameter
  private @Nullable List<String> clusterCrds;

  /** The kubeconfig file for {@link #clusterCrds}; unset, {@code KUBECONFIG} or {@code ~/.kube/config}. */
  @Parameter(property = "kubesdk.kubeconfig")
  private @Nullable File kubeconfig;

  /** The kubeconfig context for {@link #clusterCrds}; unset, the current context. */
  @Parameter(property = "kubesdk.context")
  private @Nullable String kubeContext;

  /** Base package; each version goes to {@code <packageName>.<version>}. Unset, the group reversed. */
  @Parameter(property = "kubesdk.packageName")
  private @Nullable String packageName;

  /** Where the sources are written. */
  @Parameter(defaultValue = "${project.build.directory}/generated-sources/kubesdk", property = "kubesdk.outputDirectory")
  private File outputDirectory;

  /** Skips generation. */
  @Parameter(defaultValue = "false", property = "kubesdk.skip")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** Created by Maven. */
  public GenerateMojo() {}

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("kubesdk:generate skipped");
      return;
    }
    try {
      CrdGenerator.Builder builder = CrdGenerator.builder();
      if (packageName != null && !packageName.isBlank()) {
        builder.packageName(packageName.strip());
      }
      CrdGenerator generator = builder.build();
      List<CrdReader.Source> crds = new ArrayList<>();
      List<Path> paths = new ArrayList<>();
      for (File source : sources == null ? List.<File>of() : sources) {
        Path path = source.toPath();
        if (Files.exists(path) || clusterCrds == null || clusterCrds.isEmpty()) {
          paths.add(path);
        }
      }
      crds.addAll(CrdReader.read(paths));
      if (clusterCrds != null && !clusterCrds.isEmpty()) {
        LoadOptions.Builder options = LoadOptions.builder().interactive(false);
        if (kubeconfig != null) {
          options.kubeconfig(kubeconfig.toPath());
        }
        if (kubeContext != null) {
          options.context(kubeContext);
        }
        Configuration configuration = KubeConfig.resolve(options.build());
        crds.addAll(ClusterCrds.read(configuration, clusterCrds));
      }
      if (crds.isEmpty()) {
        throw new MojoFailureException(
            "kubesdk:generate found no CustomResourceDefinition in " + paths
                + "; put CRD files there, point <sources> at them, or set <skip>true</skip>");
      }
      SortedMap<String, String> files = new TreeMap<>(generator.generateFrom(crds));
      int written = CrdGenerator.write(files, outputDirectory.toPath());
      getLog().info(
          "kubesdk:generate: " + crds.size() + " CustomResourceDefinition(s), " + files.size() + " classes ("
              + written + " changed) in " + outputDirectory);
    } catch (CrdGenerationException | ConfigException | IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    project.addCompileSourceRoot(outputDirectory.getPath());
  }
}
