package dev.kubesdk.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal as Maven runs it: parameters injected, sources written, the output added to the compile roots. */
class GenerateMojoTest {
  @TempDir Path dir;
  private final MavenProject project = new MavenProject();

  private GenerateMojo mojo(Object... parameters) throws ReflectiveOperationException {
    GenerateMojo mojo = new GenerateMojo();
    set(mojo, "project", project);
    set(mojo, "outputDirectory", dir.resolve("out").toFile());
    for (int i = 0; i < parameters.length; i += 2) {
      set(mojo, (String) parameters[i], parameters[i + 1]);
    }
    return mojo;
  }

  private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
    Field field = GenerateMojo.class.getDeclaredField(name);
    field.setAccessible(true);
    field.set(target, value);
  }

  @Test
  void writesTheSourcesAndAddsThemToTheCompileRoots() throws Exception {
    mojo("sources", List.of(Crds.WIDGETS.toFile())).execute();

    assertThat(dir.resolve("out/com/example/v1/Widget.java")).isRegularFile();
    assertThat(project.getCompileSourceRoots()).containsExactly(dir.resolve("out").toString());
  }

  @Test
  void packageNameIsTheBasePackage() throws Exception {
    mojo("sources", List.of(Crds.WIDGETS.toFile()), "packageName", "org.acme").execute();

    assertThat(dir.resolve("out/org/acme/v1beta1/WidgetApi.java")).isRegularFile();
  }

  @Test
  void aSecondRunRewritesNothingAndRemovesStaleFiles() throws Exception {
    mojo("sources", List.of(Crds.WIDGETS.toFile())).execute();
    Path widget = dir.resolve("out/com/example/v1/Widget.java");
    Files.setLastModifiedTime(widget, java.nio.file.attribute.FileTime.fromMillis(0));
    Path stale = Files.writeString(dir.resolve("out/com/example/v1/Gone.java"), "class Gone {}");

    mojo("sources", List.of(Crds.WIDGETS.toFile())).execute();

    assertThat(Files.getLastModifiedTime(widget).toMillis()).isZero();
    assertThat(stale).doesNotExist();
  }

  @Test
  void skipGeneratesNothing() throws Exception {
    mojo("sources", List.of(Crds.WIDGETS.toFile()), "skip", true).execute();

    assertThat(dir.resolve("out")).doesNotExist();
    assertThat(project.getCompileSourceRoots()).isEmpty();
  }

  @Test
  void aDirectoryWithoutCrdsFailsTheBuild() throws Exception {
    File empty = Files.createDirectories(dir.resolve("crds")).toFile();
    GenerateMojo mojo = mojo("sources", List.of(empty));

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("kubesdk:generate found no CustomResourceDefinition in [" + empty + "]; put CRD files there,"
            + " point <sources> at them, or set <skip>true</skip>");
  }

  @Test
  void anUnsupportedConstructFailsTheBuildNamingFileCrdVersionPathAndFix() throws Exception {
    Path file = Crds.write(dir, "bad.yaml", Crds.withSpec("type: object\nproperties:\n  a: {type: array}\n"));
    GenerateMojo mojo = mojo("sources", List.of(file.toFile()));

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(file + ": CustomResourceDefinition things.example.com, version v1: .spec.a: an array without items;"
            + " a structural schema says what an array holds: add items: {type: ...}");
  }

  @Test
  void aMissingDefaultSourceDirectoryIsNamed() throws Exception {
    Path missing = dir.resolve("src/main/crds");
    GenerateMojo mojo = mojo("sources", List.of(missing.toFile()));

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(missing + ": no such file or directory; check the plugin's <sources>");
  }
}
