/**
 * Building blocks for controllers and operators, with client-go's semantics: {@link
 * dev.kubesdk.controller.SharedInformer} (a resilient list-then-watch feeding an indexed cache and
 * event handlers) made through an {@link dev.kubesdk.controller.InformerFactory}, a de-duplicating,
 * delaying, rate-limited {@link dev.kubesdk.controller.WorkQueue}, a {@link
 * dev.kubesdk.controller.Controller} that ties them to a {@link dev.kubesdk.controller.Reconciler},
 * {@link dev.kubesdk.controller.LeaderElector} on {@code coordination.k8s.io/v1} Leases, and a lazy
 * {@link dev.kubesdk.controller.Pager} over any list call.
 */
@NullMarked
package dev.kubesdk.controller;

import org.jspecify.annotations.NullMarked;
