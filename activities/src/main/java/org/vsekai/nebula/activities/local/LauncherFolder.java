package org.vsekai.nebula.activities.local;

import java.nio.file.Path;

/**
 * Where everything lives in a launcher folder:
 *
 * <pre>
 * DIR/current            the installed release: a symlink to versions/&lt;releaseId&gt;, switched
 *                        atomically, so a reader sees the whole old or the whole new release
 * DIR/versions/&lt;id&gt;/     one release's files; the next release is assembled beside it
 * DIR/.nebula/install.json    the install's identity and settings
 * DIR/.nebula/releases/&lt;id&gt;.json  a release's signed manifest and the files' size and mtime
 * DIR/.nebula/indexes/   .caibx of installed files, by SHA-256 (seeds for the next update)
 * DIR/.nebula/cache/     the chunk cache (a desync store) an update downloads into
 * DIR/.nebula/plans/     the plan of the update in progress
 * DIR/.nebula/finalize.json   the journal of a release switch in progress
 * </pre>
 */
public record LauncherFolder(Path root) {
  public static final String META = ".nebula";

  public LauncherFolder {
    root = root.toAbsolutePath().normalize();
  }

  public Path meta() {
    return root.resolve(META);
  }

  public Path installStateFile() {
    return meta().resolve("install.json");
  }

  public Path current() {
    return root.resolve("current");
  }

  public Path versions() {
    return root.resolve("versions");
  }

  public Path releaseDir(String releaseId) {
    return versions().resolve(releaseId);
  }

  public Path releaseRecord(String releaseId) {
    return meta().resolve("releases").resolve(releaseId + ".json");
  }

  public Path releaseRecords() {
    return meta().resolve("releases");
  }

  /** The install's trusted TUF metadata: root, timestamp, snapshot and targets. */
  public Path trustedMetadata() {
    return meta().resolve("tuf");
  }

  public Path indexes() {
    return meta().resolve("indexes");
  }

  public Path index(String sha256) {
    return indexes().resolve(sha256 + ".caibx");
  }

  public Path cache() {
    return meta().resolve("cache");
  }

  public Path plans() {
    return meta().resolve("plans");
  }

  public Path plan(String planId) {
    return plans().resolve(planId + ".json");
  }

  /** The patches a plan downloaded, until the update ends. */
  public Path patches(String planId) {
    return plans().resolve(planId + ".patches");
  }

  /** Bytes fetched so far by each download batch of a plan, across attempts. */
  public Path fetchedBytes(String planId) {
    return plans().resolve(planId + ".fetched");
  }

  /** One marker per game process the launcher started, naming the release it runs from. */
  public Path running() {
    return meta().resolve("running");
  }

  public Path journal() {
    return meta().resolve("finalize.json");
  }

  /** Where the CLI reads a running update's progress between heartbeats. */
  public Path progressFile() {
    return meta().resolve("progress.json");
  }
}
