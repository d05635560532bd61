package dev.kubesdk.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts and awaits the two processes every profile runs: etcd and kube-apiserver. {@link
 * LocalControlPlane} orders them and owns their lifetime.
 */
final class CoreProcesses {
  private CoreProcesses() {}

  static WatchedProcess startEtcd(
      ControlPlaneBinaries binaries, Path directory, Path data, int clientPort, int peerPort) {
    String etcdUrl = "http://127.0.0.1:" + clientPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    return WatchedProcess.start(
        "etcd",
        List.of(
            binaries.etcd().toString(),
            "--name=kubesdk",
            "--data-dir=" + data,
            "--listen-client-urls=" + etcdUrl,
            "--advertise-client-urls=" + etcdUrl,
            "--listen-peer-urls=" + peerUrl,
            "--initial-advertise-peer-urls=" + peerUrl,
            "--initial-cluster=kubesdk=" + peerUrl,
            // Test data need not survive a power cut; skipping fsync makes every write faster.
            "--unsafe-no-fsync=true",
            "--log-level=warn"),
        directory.resolve("etcd.log"),
        Map.of());
  }

  /** Returns once etcd's {@code /health} says healthy; fails when etcd exits first. */
  static void awaitEtcd(WatchedProcess etcd, String etcdUrl, Duration timeout) throws Readiness.PortTaken {
    Readiness.await(
        "etcd at " + etcdUrl,
        timeout,
        etcd,
        List.of(etcd),
        Readiness.httpOk(Readiness.httpClient(null), URI.create(etcdUrl + "/health"), "\"health\":\"true\""));
  }

  /** The kube-apiserver command line of {@code profile}, {@code extra} flags last. */
  static List<String> apiServerCommand(
      ControlPlaneBinaries binaries,
      Path directory,
      ControlPlaneFiles files,
      String etcdUrl,
      int securePort,
      ClusterProfile profile,
      List<String> extra) {
    List<String> command = new ArrayList<>();
    command.add(binaries.kubeApiServer().toString());
    command.addAll(
        List.of(
            "--etcd-servers=" + etcdUrl,
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            "--secure-port=" + securePort,
            "--cert-dir=" + directory.resolve("cert-dir"),
            "--tls-cert-file=" + files.servingCertificateFile(),
            "--tls-private-key-file=" + files.servingKeyFile(),
            "--client-ca-file=" + files.clientCaFile(),
            "--token-auth-file=" + files.tokenFile(),
            "--service-account-key-file=" + files.serviceAccountPublicKeyFile(),
            "--service-account-signing-key-file=" + files.serviceAccountPrivateKeyFile(),
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            "--service-cluster-ip-range=10.0.0.0/24",
            "--authorization-mode=RBAC",
            "--runtime-config=api/all=true",
            "--allow-privileged=true",
            // Endpoints must not hold a loopback address; there is no node to route to anyway.
            "--endpoint-reconciler-type=none",
            "--profiling=false"));
    if (profile == ClusterProfile.FULL) {
      command.addAll(
          List.of(
              // The kubelet API of the simulated nodes (kwok): TLS verified against the kubelet
              // CA, with a client certificate, at the node's InternalIP (127.0.0.1).
              "--kubelet-certificate-authority=" + files.kubeletCaFile(),
              "--kubelet-client-certificate=" + files.kubeletClientCertificateFile(),
              "--kubelet-client-key=" + files.kubeletClientKeyFile(),
              "--kubelet-preferred-address-types=InternalIP"));
    } else {
      // No controller manager creates the "default" ServiceAccount, so this admission plugin
      // would reject every pod; envtest disables it for the same reason.
      command.add("--disable-admission-plugins=ServiceAccount");
    }
    command.addAll(extra);
    return List.copyOf(command);
  }

  static WatchedProcess startApiServer(List<String> command, Path directory) {
    return WatchedProcess.start("kube-apiserver", command, directory.resolve("kube-apiserver.log"), Map.of());
  }

  /** Returns once {@code /readyz} answers 200; fails when kube-apiserver or etcd exits first. */
  static void awaitApiServer(
      WatchedProcess apiServer, WatchedProcess etcd, URI host, ControlPlaneFiles files, Duration timeout)
      throws Readiness.PortTaken {
    Readiness.await(
        "kube-apiserver at " + host,
        timeout,
        apiServer,
        List.of(apiServer, etcd),
        Readiness.httpOk(Readiness.httpClient(files.adminSslContext()), host.resolve("/readyz"), null));
  }
}
