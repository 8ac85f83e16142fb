package org.vsekai.nebula.server.jersey;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.vsekai.nebula.api.InvalidVersionException;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.server.core.InvalidRequestException;
import org.vsekai.nebula.server.core.Names;

/**
 * Parses path and query parameters by hand: JAX-RS answers 404 to a malformed one, where the truth
 * is 400 with what was wrong.
 */
public final class RequestParams {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private RequestParams() {}

  public static UUID uuid(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidRequestException(what + " is missing");
    }
    try {
      UUID id = UUID.fromString(value);
      if (!id.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException();
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("'" + value + "' is not a valid " + what + " (a UUID)");
    }
  }

  public static UUID optionalUuid(String what, String value) {
    return value == null || value.isEmpty() ? null : uuid(what, value);
  }

  public static int limit(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidRequestException(
        "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + value + "'");
  }

  public static Instant optionalInstant(String what, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          what + " '" + value + "' is not an ISO-8601 instant such as 2030-01-01T00:00:00Z");
    }
  }

  public static SemVer version(String value) {
    try {
      return SemVer.parse(value);
    } catch (InvalidVersionException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  public static String name(String kind, String value) {
    String problem = Names.problem(kind, value);
    if (problem != null) {
      throw new InvalidRequestException(problem);
    }
    return value;
  }

  /** Free text from a client, bounded so a report cannot fill the database. */
  public static String text(String what, String value, int maxChars) {
    if (value != null && value.length() > maxChars) {
      throw new InvalidRequestException(what + " is longer than " + maxChars + " characters");
    }
    return value;
  }

  public static <T> T body(T body) {
    if (body == null) {
      throw new InvalidRequestException("the request body is missing");
    }
    return body;
  }
}
