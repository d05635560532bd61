package dev.kubesdk.cli;

import dev.kubesdk.config.Explain;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/** The {@code ./kubesdk} command: {@code demo}, {@code explain}, {@code apply}, {@code help}. */
public final class Main {
  static final int OK = 0;
  static final int USAGE_ERROR = 2;

  private Main() {}

  /** Runs a command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs a command with the given environment and streams; returns the exit status. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      usage(err);
      return USAGE_ERROR;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "demo":
        return Demo.run(rest, env, out, err);
      case "explain":
        return Explain.run(rest, env, out, err);
      case "apply":
        return Apply.run(rest, env, System.in, out, err);
      case "help":
      case "--help":
      case "-h":
        usage(out);
        return OK;
      default:
        err.println("kubesdk: unknown command '" + args[0] + "'.");
        usage(err);
        return USAGE_ERROR;
    }
  }

  private static void usage(PrintStream out) {
    out.println("Usage: ./kubesdk <command>");
    out.println();
    out.println("Commands:");
    out.println("  demo      list the namespaces and pods of the current kubeconfig context; without a");
    out.println("            kubeconfig, start a local cluster (simulated nodes, no containers), roll out");
    out.println("            a Deployment there, read a pod's log and clean up");
    out.println("  explain   [--kubeconfig FILE] [--context NAME] [--json]");
    out.println("            show the configuration the SDK loads and where each value comes from");
    out.println("  apply     -f FILE|DIR|- [--dry-run] [--force-conflicts] [-n NAMESPACE]");
    out.println("            server-side apply manifests in dependency order (Namespaces, CRDs first),");
    out.println("            printing what kubectl apply --server-side prints");
    out.println("  build     rebuild the SDK (./mvnw install -DskipTests)");
    out.println("  help      this text");
  }
}
