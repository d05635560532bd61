/**
 * {@code kubesdk:generate}: typed models and a typed client per kind from CustomResourceDefinitions
 * ({@link dev.kubesdk.maven.GenerateMojo}), and the same generation without Maven ({@link
 * dev.kubesdk.maven.CrdGenerator}). Models are rendered with the built-in models' template and field
 * code from {@code kubesdk-codegen}.
 */
@NullMarked
package dev.kubesdk.maven;

import org.jspecify.annotations.NullMarked;
