package dev.kubesdk.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real Kubernetes API server.
 *
 * <p>One cluster per {@link #profile()} serves every such class in the JVM: started on first use
 * from the backend {@code KUBESDK_E2E_BACKEND} names (see {@link KubernetesBackend}), stopped when
 * the test run ends. Each class gets a namespace of its own, {@code kubesdk-<class>-<random>},
 * created before its first test and deleted after its last; in the {@link ClusterProfile#FULL}
 * profile it has its {@code default} ServiceAccount before the first test runs, so pods can be
 * created at once. Test constructors, lifecycle methods and test methods may declare
 * parameters of these types:
 *
 * <ul>
 *   <li>{@link dev.kubesdk.runtime.ApiClient}: a client with cluster-admin rights, one for the whole
 *       run;
 *   <li>{@link dev.kubesdk.config.Configuration}: the configuration behind that client;
 *   <li>{@link String} annotated {@link TestNamespace}: the class's namespace;
 *   <li>{@link KubernetesCluster}: the cluster, e.g. for {@link KubernetesCluster#localControlPlane()}.
 * </ul>
 *
 * <pre>{@code
 * @KubernetesTest
 * class ConfigMapIT {
 *   @Test
 *   void createsAConfigMap(ApiClient client, @TestNamespace String namespace) {
 *     new CoreV1Api(client).createNamespacedConfigMap(namespace, configMap).execute();
 *   }
 * }
 *
 * @KubernetesTest(profile = ClusterProfile.FULL)
 * class RolloutIT {
 *   // Deployments become Available, pods Running on simulated nodes
 * }
 * }</pre>
 *
 * <p>When the backend cannot run on this machine (no Go toolchain for the local control plane, no
 * Docker engine for k3s, no kubeconfig) the class is skipped with the reason, except with {@code
 * CI=true}, where that is a failure. A backend that can run but fails to start always fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KubernetesExtension.class)
public @interface KubernetesTest {
  /**
   * What the local cluster runs for this class; default {@link ClusterProfile#API_ONLY}, the
   * fastest. Classes asking for {@link ClusterProfile#FULL} share a second cluster, started when
   * the first of them runs. Other backends than {@link KubernetesBackend#LOCAL} ignore it.
   */
  ClusterProfile profile() default ClusterProfile.API_ONLY;
}
