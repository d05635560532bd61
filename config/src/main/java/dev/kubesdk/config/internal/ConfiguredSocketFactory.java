package dev.kubesdk.config.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * A TLS socket factory that sends {@code tls-server-name} as SNI instead of the URL's host, and
 * runs a hook before each new socket (an exec plugin's certificate check, which must happen
 * before a handshake could resume an old session). Thread-safe when the hook is.
 */
final class ConfiguredSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final @Nullable String serverName;
  private final @Nullable Runnable beforeConnect;

  ConfiguredSocketFactory(SSLSocketFactory delegate, @Nullable String serverName, @Nullable Runnable beforeConnect) {
    this.delegate = delegate;
    this.serverName = serverName;
    this.beforeConnect = beforeConnect;
  }

  private void before() {
    if (beforeConnect != null) {
      beforeConnect.run();
    }
  }

  private Socket configure(Socket socket) {
    if (serverName != null && socket instanceof SSLSocket ssl) {
      SSLParameters params = ssl.getSSLParameters();
      params.setServerNames(List.of(new SNIHostName(serverName)));
      ssl.setSSLParameters(params);
    }
    return socket;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    before();
    return configure(delegate.createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket() throws IOException {
    before();
    return configure(delegate.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    before();
    return configure(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    before();
    return configure(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    before();
    return configure(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    before();
    return configure(delegate.createSocket(address, port, localAddress, localPort));
  }
}
