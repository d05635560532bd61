package dev.kubesdk.runtime.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/** The sockets of another factory, each passed through {@link #configure} before use. */
abstract class ConfiguringSocketFactory extends SocketFactory {
  private final SocketFactory delegate;

  ConfiguringSocketFactory(SocketFactory delegate) {
    this.delegate = delegate;
  }

  /** Sets options on a socket the delegate just made; returns it. */
  abstract Socket configure(Socket socket);

  @Override
  public final Socket createSocket() throws IOException {
    return configure(delegate.createSocket());
  }

  @Override
  public final Socket createSocket(String host, int port) throws IOException {
    return configure(delegate.createSocket(host, port));
  }

  @Override
  public final Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return configure(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public final Socket createSocket(InetAddress host, int port) throws IOException {
    return configure(delegate.createSocket(host, port));
  }

  @Override
  public final Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return configure(delegate.createSocket(address, port, localAddress, localPort));
  }
}
