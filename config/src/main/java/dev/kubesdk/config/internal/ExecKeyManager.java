package dev.kubesdk.config.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * A client key manager that asks an exec plugin's credentials for the certificate and key at each
 * TLS handshake, so that a certificate renewed by the plugin (on expiry, or after the server
 * rejected the old one) reaches every new connection. Thread-safe.
 *
 * <p>Each plugin result is served by a JDK key manager of its own; the alias names the result
 * ({@code exec-7}), so a handshake that chose an alias gets the chain and key of that same result
 * even when another thread refreshes in between. When the result changes, the cached TLS sessions
 * are invalidated: a resumed session would skip the key manager and keep the old identity.
 */
final class ExecKeyManager extends X509ExtendedKeyManager {
  private static final String PREFIX = "exec-";
  private static final String DELEGATE_ALIAS = "client";

  private final ExecCredentials source;
  private final String where;
  private volatile ExecCredentials.@Nullable Issued last;
  private volatile @Nullable SSLSessionContext sessions;

  ExecKeyManager(ExecCredentials source, String where) {
    this.source = source;
    this.where = where;
  }

  /** The client session cache of the SSL context this manager serves, set once it is built. */
  void sessions(SSLSessionContext sessions) {
    this.sessions = sessions;
  }

  /**
   * Fetches the current credential (running the plugin when it expired or was dropped) and, when
   * it is not the one handed out before, forgets the TLS sessions made with the old one. Called
   * before every new connection, because a resumed handshake never reaches this key manager.
   */
  ExecCredentials.Issued refresh() {
    ExecCredentials.Issued now = source.handshakeCredential();
    ExecCredentials.Issued before = last;
    if (before != null && before != now) {
      SSLSessionContext s = sessions;
      if (s != null) {
        for (java.util.Enumeration<byte[]> ids = s.getIds(); ids.hasMoreElements();) {
          javax.net.ssl.SSLSession session = s.getSession(ids.nextElement());
          if (session != null) {
            session.invalidate();
          }
        }
      }
    }
    last = now;
    return now;
  }

  private @Nullable String choose(String[] keyTypes, Principal @Nullable [] issuers, @Nullable Socket socket) {
    ExecCredentials.Issued i = refresh();
    if (!i.hasCertificate()) {
      return null;
    }
    for (String keyType : keyTypes) {
      String[] aliases = i.keyManager(where).getClientAliases(keyType, issuers);
      if (aliases != null && aliases.length > 0) {
        i.presented = true;
        return PREFIX + i.generation;
      }
    }
    return null;
  }

  private ExecCredentials.@Nullable Issued issuedFor(@Nullable String alias) {
    ExecCredentials.Issued i = last;
    return i != null && alias != null && alias.equals(PREFIX + i.generation) && i.hasCertificate() ? i : null;
  }

  @Override
  public @Nullable String chooseClientAlias(String[] keyTypes, Principal @Nullable [] issuers, @Nullable Socket socket) {
    return choose(keyTypes, issuers, socket);
  }

  @Override
  public @Nullable String chooseEngineClientAlias(String[] keyTypes, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
    return choose(keyTypes, issuers, null);
  }

  @Override
  public X509Certificate @Nullable [] getCertificateChain(@Nullable String alias) {
    ExecCredentials.Issued i = issuedFor(alias);
    return i == null ? null : i.keyManager(where).getCertificateChain(DELEGATE_ALIAS);
  }

  @Override
  public @Nullable PrivateKey getPrivateKey(@Nullable String alias) {
    ExecCredentials.Issued i = issuedFor(alias);
    return i == null ? null : i.keyManager(where).getPrivateKey(DELEGATE_ALIAS);
  }

  @Override
  public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
    ExecCredentials.Issued i = last;
    if (i == null || !i.hasCertificate() || i.keyManager(where).getClientAliases(keyType, issuers) == null) {
      return null;
    }
    return new String[] {PREFIX + i.generation};
  }

  @Override
  public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
    return null;
  }

  @Override
  public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
    return null;
  }
}
