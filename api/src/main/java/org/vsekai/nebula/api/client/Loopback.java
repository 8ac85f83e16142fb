package org.vsekai.nebula.api.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Whether an address is this machine's loopback, where plain text never leaves the host. */
public final class Loopback {
  private Loopback() {}

  public static boolean is(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      // Literal addresses only: a name that merely resolves to loopback today is not trusted.
      if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        return false;
      }
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Whether {@code uri} is HTTPS, or HTTP to loopback: where a credential may go. */
  public static boolean safeForCredentials(URI uri) {
    return "https".equalsIgnoreCase(uri.getScheme()) || is(uri.getHost());
  }
}
