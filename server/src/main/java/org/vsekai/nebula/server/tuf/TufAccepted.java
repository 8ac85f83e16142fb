package org.vsekai.nebula.server.tuf;

import java.util.Map;

/**
 * The answer to a release engineer's upload: the role and version stored, and what the refresh that
 * followed published.
 */
public record TufAccepted(String role, long version, Map<String, Long> published) {
  public TufAccepted {
    published = Map.copyOf(published);
  }
}
