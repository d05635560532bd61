package dev.kubesdk.podio;

import dev.kubesdk.runtime.ApiException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which pod ports to forward, from which local ports, and where errors of single connections go.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * PortForwardOptions options = PortForwardOptions.builder()
 *     .port(5432)              // pod port 5432 from an ephemeral local port
 *     .port(8080, 18080)       // pod port 8080 from local port 18080
 *     .build();
 * }</pre>
 */
public final class PortForwardOptions {
  private static final Logger log = LoggerFactory.getLogger(PortForwardOptions.class);

  private final Map<Integer, Integer> ports;
  private final InetAddress address;
  private final Consumer<ApiException> connectionErrors;

  private PortForwardOptions(Builder b) {
    this.ports = Map.copyOf(b.ports);
    this.address = b.address;
    this.connectionErrors = b.connectionErrors;
  }

  /** Forwards each of {@code podPorts} from an ephemeral local port on the loopback address. */
  public static PortForwardOptions of(int... podPorts) {
    Builder b = builder();
    for (int port : podPorts) {
      b.port(port);
    }
    return b.build();
  }

  /** A builder with no port, the loopback address, and connection errors logged. */
  public static Builder builder() {
    return new Builder();
  }

  /** Pod port to local port; 0 for an ephemeral one. */
  public Map<Integer, Integer> ports() {
    return ports;
  }

  /** The local address the listeners bind to; the loopback address by default. */
  public InetAddress address() {
    return address;
  }

  /**
   * What is told of a connection that failed (the pod refused the port, the kubelet reported an
   * error) while the forward goes on; logged at WARN by default. Called on a forwarding thread.
   */
  public Consumer<ApiException> connectionErrors() {
    return connectionErrors;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PortForwardOptions other && ports.equals(other.ports) && address.equals(other.address) && connectionErrors.equals(other.connectionErrors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ports, address, connectionErrors);
  }

  @Override
  public String toString() {
    return "PortForwardOptions{ports=" + ports + ", address=" + address.getHostAddress() + "}";
  }

  /** Builds {@link PortForwardOptions}. Mutable and not thread-safe. */
  public static final class Builder {
    private final Map<Integer, Integer> ports = new LinkedHashMap<>();
    private InetAddress address = InetAddress.getLoopbackAddress();
    private Consumer<ApiException> connectionErrors = e -> log.warn("port-forward connection failed: {}", e.getMessage());

    private Builder() {}

    /** Forwards {@code podPort} from an ephemeral local port. */
    public Builder port(int podPort) {
      return port(podPort, 0);
    }

    /**
     * Forwards {@code podPort} from {@code localPort} (0 for an ephemeral one).
     *
     * @throws IllegalArgumentException when a port is out of range
     */
    public Builder port(int podPort, int localPort) {
      if (podPort < 1 || podPort > 65535) {
        throw new IllegalArgumentException("podPort must be between 1 and 65535: " + podPort);
      }
      if (localPort < 0 || localPort > 65535) {
        throw new IllegalArgumentException("localPort must be between 0 (ephemeral) and 65535: " + localPort);
      }
      ports.put(podPort, localPort);
      return this;
    }

    /** The local address to listen on; the loopback address by default. */
    public Builder address(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** Where failures of single connections go; logged at WARN by default. */
    public Builder connectionErrors(Consumer<ApiException> handler) {
      this.connectionErrors = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalStateException when no port is set
     */
    public PortForwardOptions build() {
      if (ports.isEmpty()) {
        throw new IllegalStateException("no port to forward; add one with port(podPort) or port(podPort, localPort)");
      }
      return new PortForwardOptions(this);
    }
  }
}
