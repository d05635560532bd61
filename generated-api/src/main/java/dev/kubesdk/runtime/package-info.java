/**
 * The runtime behind the generated {@code dev.kubesdk.api} classes: {@link dev.kubesdk.runtime.ApiClient}
 * (HTTP, authentication, watches), {@link dev.kubesdk.runtime.ApiRequest}, the {@link
 * dev.kubesdk.runtime.ApiException} tree, {@link dev.kubesdk.runtime.Json}, and the Kubernetes value
 * types ({@code Quantity}, {@code IntOrString}, {@code V1Patch}, date-times).
 */
@NullMarked
package dev.kubesdk.runtime;

import org.jspecify.annotations.NullMarked;
