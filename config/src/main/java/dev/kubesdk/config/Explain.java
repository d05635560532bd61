package dev.kubesdk.config;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code kubesdk explain} command without a {@code main}: parses {@code [--kubeconfig FILE]
 * [--context NAME] [--namespace NAME] [--json]}, loads the configuration exactly as {@link
 * KubeConfig#resolve} would, and prints where every value came from. Stateless and thread-safe.
 *
 * <pre>{@code
 * int code = Explain.run(args, System.getenv(), System.out, System.err);
 * }</pre>
 */
public final class Explain {
  /** Exit code of success. */
  public static final int OK = 0;
  /** Exit code when the configuration cannot be loaded. */
  public static final int CONFIG_ERROR = 1;
  /** Exit code for a malformed command line. */
  public static final int USAGE_ERROR = 2;

  static final String USAGE = "usage: kubesdk explain [--kubeconfig FILE] [--context NAME] [--namespace NAME] [--json]";

  private Explain() {}

  /**
   * Runs the command.
   *
   * @param args the arguments after {@code explain}
   * @param env the environment to read (KUBECONFIG, HOME, in-cluster variables)
   * @param out receives the report
   * @param err receives errors
   * @return {@link #OK}, {@link #CONFIG_ERROR} or {@link #USAGE_ERROR}
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Objects.requireNonNull(args, "args");
    LoadOptions.Builder options = LoadOptions.builder().environment(Objects.requireNonNull(env, "env"));
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      String flag = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
      }
      switch (flag) {
        case "--json" -> json = true;
        case "-h", "--help" -> {
          out.println(USAGE);
          return OK;
        }
        case "--kubeconfig", "--context", "--namespace" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              err.println("kubesdk explain: " + flag + " needs a value\n" + USAGE);
              return USAGE_ERROR;
            }
            value = args[++i];
          }
          if (flag.equals("--kubeconfig")) {
            try {
              options.kubeconfig(Path.of(value));
            } catch (InvalidPathException e) {
              err.println("kubesdk explain: --kubeconfig \"" + value + "\" is not a valid path");
              return USAGE_ERROR;
            }
          } else if (flag.equals("--context")) {
            options.context(value);
          } else {
            options.namespace(value);
          }
        }
        default -> {
          err.println("kubesdk explain: unknown argument \"" + a + "\"\n" + USAGE);
          return USAGE_ERROR;
        }
      }
    }
    try {
      Explanation e = KubeConfig.explain(options.build());
      out.print(json ? e.toJson() + System.lineSeparator() : e.render());
      return OK;
    } catch (ConfigException e) {
      err.println("kubesdk explain: the configuration cannot be loaded:");
      for (String p : e.problems()) {
        err.println(p.startsWith("  ") || p.startsWith("No ") || p.startsWith("Fix") ? p : "  - " + p);
      }
      return CONFIG_ERROR;
    }
  }
}
