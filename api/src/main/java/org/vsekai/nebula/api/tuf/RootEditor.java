package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes root N+1 from root N: the release engineer's side of a rotation. Keys are added to or
 * removed from a role, its threshold set; keys no role names any more leave the root. What
 * rotations need beyond this (the signatures of both roots' thresholds) is up to the signers.
 */
public final class RootEditor {
  private static final List<String> ROLES = List.of("root", "targets", "snapshot", "timestamp");

  private final Metadata current;
  private final Map<String, TufKey> keys;
  private final Map<String, List<String>> keyids = new HashMap<>();
  private final Map<String, Integer> thresholds = new HashMap<>();

  public RootEditor(Metadata current) {
    this.current = current;
    this.keys = new LinkedHashMap<>(current.keys());
    for (String role : ROLES) {
      RoleKeys r = current.roleKeys(role);
      keyids.put(role, new ArrayList<>(r.keyids()));
      thresholds.put(role, r.threshold());
    }
  }

  public RootEditor addKey(String role, TufKey key) {
    requireRole(role);
    keys.put(key.keyId(), key);
    if (!keyids.get(role).contains(key.keyId())) {
      keyids.get(role).add(key.keyId());
    }
    return this;
  }

  public RootEditor removeKey(String role, String keyid) {
    requireRole(role);
    if (!keyids.get(role).remove(keyid)) {
      throw new IllegalArgumentException("the " + role + " role has no key " + keyid);
    }
    return this;
  }

  /** Removes every key of the role: what a rotation to new keys starts with. */
  public RootEditor clearKeys(String role) {
    requireRole(role);
    keyids.get(role).clear();
    return this;
  }

  public RootEditor threshold(String role, int threshold) {
    requireRole(role);
    thresholds.put(role, threshold);
    return this;
  }

  public List<String> keyids(String role) {
    return List.copyOf(keyids.get(role));
  }

  /** The {@code signed} part of root N+1, valid until {@code expires}. */
  public ObjectNode next(Instant expires) {
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    Map<String, TufKey> used = new LinkedHashMap<>();
    for (String role : ROLES) {
      List<String> ids = keyids.get(role);
      int threshold = thresholds.get(role);
      if (ids.size() < threshold) {
        throw new IllegalArgumentException(
            "the "
                + role
                + " role would have "
                + ids.size()
                + " key(s), fewer than its threshold "
                + threshold);
      }
      roles.put(role, new RoleKeys(ids, threshold));
      for (String id : ids) {
        used.put(id, keys.get(id));
      }
    }
    Collection<TufKey> keep = used.values();
    return MetadataBuilder.root(
        current.version() + 1, expires, keep, roles, current.consistentSnapshot());
  }

  private void requireRole(String role) {
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("no top-level role '" + role + "'; roles are " + ROLES);
    }
  }
}
