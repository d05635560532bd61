package dev.kubesdk.testing;

import dev.kubesdk.config.Sensitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The files one local control plane runs from: certificates and keys, the static token file and,
 * once the port is known, the kubeconfigs of users and components. Written into the control plane's
 * private folder, keys readable by the owner only.
 */
final class ControlPlaneFiles {
  static final String CLUSTER = "kubesdk-local";

  /** The processes besides kube-apiserver that call the API, each with its own client certificate. */
  enum Component {
    // The names kube-apiserver's bootstrap RBAC binds the components' roles to.
    CONTROLLER_MANAGER("system:kube-controller-manager", List.of(), "kube-controller-manager"),
    SCHEDULER("system:kube-scheduler", List.of(), "kube-scheduler"),
    // kwok writes node and pod status, leases and events for every simulated node.
    KWOK("kubesdk-kwok", List.of("system:masters"), "kwok");

    private final String userName;
    private final List<String> groups;
    private final String fileName;

    Component(String userName, List<String> groups, String fileName) {
      this.userName = userName;
      this.groups = groups;
      this.fileName = fileName;
    }
  }

  private final Path directory;
  private final Pki.Issued servingCa;
  private final Pki.Issued serving;
  private final Pki.Issued clientCa;
  private final Pki.Issued admin;
  private final Pki.Issued kubeletCa;
  private final Pki.Issued kubeletServing;
  private final Pki.Issued kubeletClient;
  private final Map<Component, Pki.Issued> components = new EnumMap<>(Component.class);
  private final KeyPair serviceAccountKeys;
  private final Map<LocalUser, Sensitive> tokens = new EnumMap<>(LocalUser.class);

  private ControlPlaneFiles(Path directory) {
    this.directory = directory;
    List<InetAddress> loopback = List.of(address("127.0.0.1"), address("::1"));
    this.servingCa = Pki.certificateAuthority("kubesdk-local-ca");
    // kube-controller-manager and kube-scheduler serve /healthz with this certificate too: all
    // listen on the loopback interface.
    this.serving =
        Pki.servingCertificate(
            servingCa,
            List.of("localhost", LocalControlPlane.TLS_SERVER_NAME, "kubernetes", "kubernetes.default"),
            loopback);
    this.clientCa = Pki.certificateAuthority("kubesdk-local-client-ca");
    this.admin = Pki.clientCertificate(clientCa, LocalUser.ADMIN.userName(), List.of("system:masters"));
    // A CA of its own for the kubelet endpoint kwok serves, as kubelets have: kube-apiserver
    // verifies it (--kubelet-certificate-authority) and presents kubeletClient.
    this.kubeletCa = Pki.certificateAuthority("kubesdk-local-kubelet-ca");
    this.kubeletServing = Pki.servingCertificate(kubeletCa, List.of("localhost"), loopback);
    this.kubeletClient =
        Pki.clientCertificate(clientCa, "kube-apiserver-kubelet-client", List.of("system:masters"));
    for (Component component : Component.values()) {
      components.put(component, Pki.clientCertificate(clientCa, component.userName, component.groups));
    }
    this.serviceAccountKeys = Pki.newKeyPair();
    tokens.put(LocalUser.ADMIN_TOKEN, randomToken());
    tokens.put(LocalUser.LIMITED, randomToken());
  }

  static ControlPlaneFiles write(Path directory) {
    ControlPlaneFiles files = new ControlPlaneFiles(directory);
    files.writeAll();
    return files;
  }

  Path servingCaFile() {
    return directory.resolve("ca.crt");
  }

  Path servingCertificateFile() {
    return directory.resolve("apiserver.crt");
  }

  Path servingKeyFile() {
    return directory.resolve("apiserver.key");
  }

  Path clientCaFile() {
    return directory.resolve("client-ca.crt");
  }

  Path tokenFile() {
    return directory.resolve("tokens.csv");
  }

  Path serviceAccountPublicKeyFile() {
    return directory.resolve("sa.pub");
  }

  Path serviceAccountPrivateKeyFile() {
    return directory.resolve("sa.key");
  }

  Path kubeletCaFile() {
    return directory.resolve("kubelet-ca.crt");
  }

  Path kubeletServingCertificateFile() {
    return directory.resolve("kubelet.crt");
  }

  Path kubeletServingKeyFile() {
    return directory.resolve("kubelet.key");
  }

  Path kubeletClientCertificateFile() {
    return directory.resolve("apiserver-kubelet-client.crt");
  }

  Path kubeletClientKeyFile() {
    return directory.resolve("apiserver-kubelet-client.key");
  }

  /** The kubeconfig of {@code component}, written by {@link #writeKubeconfigs}. */
  Path kubeconfig(Component component) {
    return directory.resolve(component.fileName + ".kubeconfig");
  }

  byte[] certificateAuthority() {
    return servingCa.certificatePem();
  }

  byte[] adminCertificate() {
    return admin.certificatePem();
  }

  Sensitive adminKey() {
    return Sensitive.ofBytes(admin.privateKeyPem());
  }

  Sensitive token(LocalUser user) {
    Sensitive token = tokens.get(user);
    if (token == null) {
      throw new IllegalArgumentException(
          user + " authenticates with a client certificate, not a token; use clientCertificate()");
    }
    return token;
  }

  /** PEM of the CA that signed kwok's kubelet serving certificate. */
  byte[] kubeletCertificateAuthority() {
    return kubeletCa.certificatePem();
  }

  /** A TLS context that trusts the serving CA and presents the admin certificate. */
  SSLContext adminSslContext() {
    try {
      char[] password = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "admin", admin.keys().getPrivate(), password, new Certificate[] {admin.certificate()});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", servingCa.certificate());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the admin TLS context", e);
    }
  }

  /**
   * Writes the kubeconfig of each user and each {@link Component} for a server at {@code host};
   * returns the users' paths.
   */
  Map<LocalUser, Path> writeKubeconfigs(URI host) {
    Map<LocalUser, Path> paths = new EnumMap<>(LocalUser.class);
    for (LocalUser user : LocalUser.values()) {
      Path path = directory.resolve(user.kubeconfigFileName());
      String credentials =
          user == LocalUser.ADMIN
              ? certificateCredentials(admin)
              : "    token: \"" + token(user).reveal() + "\"\n";
      writePrivate(path, kubeconfig(host, user.userName(), credentials).getBytes(StandardCharsets.UTF_8));
      paths.put(user, path);
    }
    for (Component component : Component.values()) {
      String yaml = kubeconfig(host, component.userName, certificateCredentials(components.get(component)));
      writePrivate(kubeconfig(component), yaml.getBytes(StandardCharsets.UTF_8));
    }
    return paths;
  }

  private static String certificateCredentials(Pki.Issued certificate) {
    return "    client-certificate-data: " + base64(certificate.certificatePem()) + "\n"
        + "    client-key-data: " + base64(certificate.privateKeyPem()) + "\n";
  }

  private String kubeconfig(URI host, String userName, String credentials) {
    String ca = base64(servingCa.certificatePem());
    StringBuilder yaml = new StringBuilder();
    yaml.append("apiVersion: v1\nkind: Config\nclusters:\n")
        .append("- name: ").append(CLUSTER).append('\n')
        .append("  cluster:\n")
        .append("    server: ").append(host).append('\n')
        .append("    certificate-authority-data: ").append(ca).append('\n')
        .append("- name: ").append(CLUSTER).append("-tls-server-name\n")
        .append("  cluster:\n")
        .append("    server: ").append(host).append('\n')
        .append("    certificate-authority-data: ").append(ca).append('\n')
        .append("    tls-server-name: ").append(LocalControlPlane.TLS_SERVER_NAME).append('\n')
        .append("users:\n")
        .append("- name: ").append(userName).append('\n')
        .append("  user:\n")
        .append(credentials);
    yaml.append("contexts:\n")
        .append("- name: ").append(userName).append('\n')
        .append("  context:\n")
        .append("    cluster: ").append(CLUSTER).append('\n')
        .append("    user: ").append(userName).append('\n')
        .append("    namespace: default\n")
        .append("- name: ").append(userName).append("-tls-server-name\n")
        .append("  context:\n")
        .append("    cluster: ").append(CLUSTER).append("-tls-server-name\n")
        .append("    user: ").append(userName).append('\n')
        .append("    namespace: default\n")
        .append("current-context: ").append(userName).append('\n');
    return yaml.toString();
  }

  private void writeAll() {
    writePublic(servingCaFile(), servingCa.certificatePem());
    writePublic(servingCertificateFile(), serving.certificatePem());
    writePrivate(servingKeyFile(), serving.privateKeyPem());
    writePublic(clientCaFile(), clientCa.certificatePem());
    writePublic(serviceAccountPublicKeyFile(), Pki.pem(serviceAccountKeys.getPublic()));
    writePrivate(serviceAccountPrivateKeyFile(), Pki.pkcs8Pem(serviceAccountKeys.getPrivate()));
    writePublic(kubeletCaFile(), kubeletCa.certificatePem());
    writePublic(kubeletServingCertificateFile(), kubeletServing.certificatePem());
    writePrivate(kubeletServingKeyFile(), kubeletServing.privateKeyPem());
    writePublic(kubeletClientCertificateFile(), kubeletClient.certificatePem());
    writePrivate(kubeletClientKeyFile(), kubeletClient.privateKeyPem());
    // token,user,uid,"group,..." as kube-apiserver --token-auth-file reads it.
    String csv =
        token(LocalUser.ADMIN_TOKEN).reveal() + "," + LocalUser.ADMIN_TOKEN.userName() + ","
            + LocalUser.ADMIN_TOKEN.userName() + ",system:masters\n"
            + token(LocalUser.LIMITED).reveal() + "," + LocalUser.LIMITED.userName() + ","
            + LocalUser.LIMITED.userName() + "\n";
    writePrivate(tokenFile(), csv.getBytes(StandardCharsets.UTF_8));
  }

  private static void writePublic(Path path, byte[] content) {
    try {
      Files.write(path, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  private static void writePrivate(Path path, byte[] content) {
    try {
      Files.deleteIfExists(path);
      try {
        Files.createFile(
            path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(path);
      }
      Files.write(path, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  private static Sensitive randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Sensitive.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("not an IP literal: " + literal, e);
    }
  }
}
