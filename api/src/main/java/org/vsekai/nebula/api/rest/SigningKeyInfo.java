package org.vsekai.nebula.api.rest;

/**
 * The public half of the key the service signs manifests with: base64 X.509 DER, and its key id as
 * {@code SignedManifest} signatures name it. Clients pin it at install time.
 */
public record SigningKeyInfo(String keyId, String publicKey) {}
