package org.vsekai.nebula.server.tuf;

import java.time.Duration;
import org.vsekai.nebula.server.config.TufFactory;

/** How long each role's metadata stays valid once signed; timestamp's is the freshness window. */
public record TufLifetimes(Duration root, Duration targets, Duration snapshot, Duration timestamp) {
  public static TufLifetimes of(TufFactory config) {
    return new TufLifetimes(
        config.rootLifetime(),
        config.targetsLifetime(),
        config.snapshotLifetime(),
        config.timestampLifetime());
  }
}
