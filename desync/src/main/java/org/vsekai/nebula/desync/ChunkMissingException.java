package org.vsekai.nebula.desync;

/** A chunk a store does not have. Chains move on to their next store. */
public class ChunkMissingException extends DesyncException {
  private static final long serialVersionUID = 1L;
  private final transient ChunkId id;

  public ChunkMissingException(ChunkId id, String location) {
    super("chunk " + id + " is missing from " + location);
    this.id = id;
  }

  public ChunkId id() {
    return id;
  }
}
