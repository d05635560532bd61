package dev.kubesdk.podio;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to run a command in a container ({@code pods/exec}) or attach to its main process ({@code
 * pods/attach}): the command, the container, which streams to open, a terminal, and a time limit.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * ExecOptions ls = ExecOptions.of("ls", "-l", "/data");
 * ExecOptions shell = ExecOptions.builder().command("sh").stdin(true).tty(true).terminalSize(120, 40).build();
 * }</pre>
 *
 * <p>stdout and stderr are opened by default; with a terminal the process writes both to it, so
 * stderr is not opened (as kubectl does). For attach the command stays empty.
 */
public final class ExecOptions {
  private final List<String> command;
  private final @Nullable String container;
  private final boolean stdin;
  private final byte @Nullable [] input;
  private final boolean stdout;
  private final boolean stderr;
  private final boolean tty;
  private final int columns;
  private final int rows;
  private final Duration timeout;

  private ExecOptions(Builder b) {
    this.command = List.copyOf(b.command);
    this.container = b.container;
    this.stdin = b.stdin || b.input != null;
    this.input = b.input;
    this.stdout = b.stdout;
    this.stderr = b.stderr && !b.tty;
    this.tty = b.tty;
    this.columns = b.columns;
    this.rows = b.rows;
    this.timeout = b.timeout;
  }

  /** Runs {@code command} (argv, not a shell line) in the pod's only container, with stdout and stderr. */
  public static ExecOptions of(String... command) {
    return builder().command(command).build();
  }

  /** A builder with stdout and stderr on and nothing else set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this object's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.command = command;
    b.container = container;
    b.stdin = stdin;
    b.input = input;
    b.stdout = stdout;
    b.stderr = stderr;
    b.tty = tty;
    b.columns = columns;
    b.rows = rows;
    b.timeout = timeout;
    return b;
  }

  /** The command and its arguments; empty for attach. */
  public List<String> command() {
    return command;
  }

  /** The container; empty for the pod's only (or default) container. */
  public Optional<String> container() {
    return Optional.ofNullable(container);
  }

  /** Whether stdin is opened. */
  public boolean stdin() {
    return stdin;
  }

  /** What a one-shot exec writes to stdin before closing it; empty for nothing. */
  public Optional<byte[]> input() {
    return input == null ? Optional.empty() : Optional.of(input.clone());
  }

  /** Whether stdout is opened. */
  public boolean stdout() {
    return stdout;
  }

  /** Whether stderr is opened (never with a terminal). */
  public boolean stderr() {
    return stderr;
  }

  /** Whether the process gets a terminal. */
  public boolean tty() {
    return tty;
  }

  /** The initial terminal width in columns, or 0 for the server's default. */
  public int columns() {
    return columns;
  }

  /** The initial terminal height in rows, or 0 for the server's default. */
  public int rows() {
    return rows;
  }

  /** How long a one-shot exec may take as a whole; zero (the default) for no limit. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ExecOptions other
        && command.equals(other.command)
        && Objects.equals(container, other.container)
        && stdin == other.stdin
        && Arrays.equals(input, other.input)
        && stdout == other.stdout
        && stderr == other.stderr
        && tty == other.tty
        && columns == other.columns
        && rows == other.rows
        && timeout.equals(other.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(command, container, stdin, Arrays.hashCode(input), stdout, stderr, tty, columns, rows, timeout);
  }

  /** Shows the command and flags; the size of the input, not its bytes. */
  @Override
  public String toString() {
    return "ExecOptions{command=" + command + ", container=" + container + ", stdin=" + stdin
        + (input == null ? "" : ", input=" + input.length + " bytes") + ", stdout=" + stdout + ", stderr=" + stderr
        + ", tty=" + tty + (tty ? ", size=" + columns + "x" + rows : "") + ", timeout=" + timeout + "}";
  }

  /** Builds {@link ExecOptions}. Mutable and not thread-safe. */
  public static final class Builder {
    private List<String> command = List.of();
    private @Nullable String container;
    private boolean stdin;
    private byte @Nullable [] input;
    private boolean stdout = true;
    private boolean stderr = true;
    private boolean tty;
    private int columns;
    private int rows;
    private Duration timeout = Duration.ZERO;

    private Builder() {}

    /**
     * The command and its arguments, run without a shell (wrap in {@code sh -c} for one).
     */
    public Builder command(String... command) {
      return command(Arrays.asList(Objects.requireNonNull(command, "command")));
    }

    /** The command and its arguments, run without a shell. */
    public Builder command(List<String> command) {
      Objects.requireNonNull(command, "command");
      for (int i = 0; i < command.size(); i++) {
        if (command.get(i) == null) {
          throw new NullPointerException("command[" + i + "] is null");
        }
      }
      this.command = List.copyOf(command);
      return this;
    }

    /** The container; unset for the pod's only container. */
    public Builder container(String container) {
      this.container = Objects.requireNonNull(container, "container");
      return this;
    }

    /** Whether to open stdin (an {@link ExecSession} then writes it); default false. */
    public Builder stdin(boolean stdin) {
      this.stdin = stdin;
      return this;
    }

    /** Bytes a one-shot exec writes to stdin and then closes it; opens stdin. */
    public Builder input(byte[] input) {
      this.input = Objects.requireNonNull(input, "input").clone();
      return this;
    }

    /** Whether to open stdout; default true. */
    public Builder stdout(boolean stdout) {
      this.stdout = stdout;
      return this;
    }

    /** Whether to open stderr; default true, and ignored with a terminal. */
    public Builder stderr(boolean stderr) {
      this.stderr = stderr;
      return this;
    }

    /** Whether the process gets a terminal; default false. */
    public Builder tty(boolean tty) {
      this.tty = tty;
      return this;
    }

    /**
     * The initial size of the terminal; sent before any input.
     *
     * @throws IllegalArgumentException when not between 1 and 65535
     */
    public Builder terminalSize(int columns, int rows) {
      checkSize(columns, "columns");
      checkSize(rows, "rows");
      this.columns = columns;
      this.rows = rows;
      return this;
    }

    /**
     * How long a one-shot exec may take; zero for no limit.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must not be negative: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalStateException when no stream is opened at all (the server refuses that)
     */
    public ExecOptions build() {
      if (!stdin && input == null && !stdout && !(stderr && !tty)) {
        throw new IllegalStateException("stdin, stdout and stderr are all off; the API server requires at least one. Turn one on.");
      }
      return new ExecOptions(this);
    }

    static void checkSize(int value, String what) {
      if (value < 1 || value > 65535) {
        throw new IllegalArgumentException(what + " must be between 1 and 65535: " + value);
      }
    }
  }
}
