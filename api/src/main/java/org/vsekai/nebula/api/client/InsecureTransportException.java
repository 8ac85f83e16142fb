package org.vsekai.nebula.api.client;

/**
 * A credential would have crossed the network in plain text. Nebula sends credentials (the
 * publisher token, an install's credential) over TLS, or in plain text to loopback only.
 */
public class InsecureTransportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InsecureTransportException(String message) {
    super(message);
  }
}
