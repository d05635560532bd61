package dev.kubesdk.config.internal;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether standard input is a terminal, the question client-go's exec authenticator asks ({@code
 * term.IsTerminal(os.Stdin.Fd())}) before it lets a plugin prompt. Stateless and thread-safe.
 *
 * <p>Java has no isatty. {@code System.console() != null} meant "stdin and stdout are terminals"
 * up to JDK 21, but since JDK 22 a console exists even when both are redirected, and only {@code
 * Console.isTerminal()} (22+) tells. So: on Linux, where {@code /proc/self/fd/0} names what stdin
 * is, look there (this answers for stdin alone, as Go does); elsewhere ask the console, through
 * {@code isTerminal()} when the running JDK has it.
 */
public final class Terminal {
  private static final Path PROC_STDIN = Path.of("/proc/self/fd/0");
  /** Pseudo-terminals, virtual consoles, serial lines and the system console. */
  private static final Pattern TERMINAL_DEVICE = Pattern.compile("/dev/(pts/\\d+|tty[^/]*|console)");

  private Terminal() {}

  /** True when this process's stdin is a terminal. */
  public static boolean stdinIsTerminal() {
    return procFdIsTerminal(PROC_STDIN).orElseGet(() -> consoleIsTerminal(System.console()));
  }

  /**
   * What a {@code /proc/self/fd/N} link says about that descriptor: a terminal device, or
   * something else (a pipe, a file, /dev/null); empty when there is no such link (not Linux).
   */
  static Optional<Boolean> procFdIsTerminal(Path fdLink) {
    try {
      return Optional.of(isTerminalDevice(Files.readSymbolicLink(fdLink).toString()));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** True for the paths of terminal devices: /dev/pts/N, /dev/tty*, /dev/console. */
  static boolean isTerminalDevice(String target) {
    return TERMINAL_DEVICE.matcher(target).matches();
  }

  /**
   * The console's answer: none means no terminal; on JDK 22+ its {@code isTerminal()}; before
   * that a console exists only when stdin and stdout are terminals.
   */
  static boolean consoleIsTerminal(@Nullable Console console) {
    if (console == null) {
      return false;
    }
    Method isTerminal;
    try {
      isTerminal = Console.class.getMethod("isTerminal");
    } catch (NoSuchMethodException e) {
      return true;
    }
    try {
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }
}
