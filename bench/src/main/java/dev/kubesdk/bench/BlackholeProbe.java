package dev.kubesdk.bench;

import dev.kubesdk.config.Configuration;
import dev.kubesdk.runtime.ApiClient;
import dev.kubesdk.runtime.ApiRequest;
import dev.kubesdk.runtime.TransportException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long a call and a watch with the default Configuration take to fail against a server that
 * accepts TCP connections and never answers: prints one line per kind with the seconds until the
 * {@link TransportException}. Run: {@code java -cp <bench class path> dev.kubesdk.bench.BlackholeProbe}.
 */
public final class BlackholeProbe {
  private BlackholeProbe() {}

  public static void main(String[] args) throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (true) {
                  try {
                    held.add(blackhole.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      ApiClient client = new ApiClient(Configuration.builder().host(URI.create("https://127.0.0.1:" + blackhole.getLocalPort())).build());
      ApiRequest list = ApiRequest.builder("GET", "/api/v1/pods").build();
      time("call (default Configuration)", () -> client.execute(list, Map.class));
      time("watch (default Configuration)", () -> client.watch(list, Map.class));
    }
  }

  private static void time(String what, Runnable call) {
    long start = System.nanoTime();
    try {
      call.run();
      System.out.println(what + ": answered, which a blackhole cannot do");
    } catch (TransportException e) {
      System.out.printf("%s: TransportException after %.1f s: %s%n", what, (System.nanoTime() - start) / 1e9, e.getMessage());
    }
  }
}
