package org.vsekai.nebula.desync;

/** A chunk whose bytes do not decompress or do not hash to its id. */
public class ChunkInvalidException extends DesyncException {
  private static final long serialVersionUID = 1L;
  private final transient ChunkId id;
  private final String detail;

  /**
   * @param id the chunk, or null where it is not known yet (the codec)
   * @param detail what is wrong, e.g. "is corrupt in store /x"
   */
  public ChunkInvalidException(ChunkId id, String detail) {
    super(id == null ? "chunk " + detail : "chunk " + id + " " + detail);
    this.id = id;
    this.detail = detail;
  }

  public ChunkId id() {
    return id;
  }

  public String detail() {
    return detail;
  }
}
