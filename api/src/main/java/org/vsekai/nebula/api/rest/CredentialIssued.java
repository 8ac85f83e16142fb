package org.vsekai.nebula.api.rest;

import java.util.UUID;

/** A new credential an operator issued for an install; the old one no longer works. */
public record CredentialIssued(UUID installId, String credential) {
  @Override
  public String toString() {
    return "CredentialIssued[installId=" + installId + "]";
  }
}
