package org.vsekai.nebula.api.tuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.tuf.TufRefusal.Reason;

/**
 * The client workflow against a repository served over real loopback HTTP, and the specification's
 * threats, each refused by name with the install's trusted metadata untouched.
 */
class TufUpdaterTest {
  @TempDir Path dir;
  TestRepository repo;
  RepositoryServer server;
  TrustedMetadataStore store;
  TufSigner rootKey;

  @BeforeEach
  void setUp() throws IOException {
    repo = new TestRepository(dir.resolve("repo"));
    rootKey = repo.signers.get("root").get(0);
    byte[] root1 = repo.publishRoot(List.of(rootKey));
    repo.addTarget("vsekai/1.0.0/manifest.json", utf8("manifest one"), custom("1.0.0"));
    repo.publish();
    server = new RepositoryServer(dir.resolve("repo"));
    store = new TrustedMetadataStore(dir.resolve("install/.nebula/tuf"));
    TufUpdater.trustRoot(root1, store);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  TufUpdater updater() {
    return updater(Clock.systemUTC());
  }

  TufUpdater updater(Clock clock) {
    return new TufUpdater(server.source("metadata"), server.source("targets"), store, clock);
  }

  @Test
  void refreshesAndDownloadsAVerifiedTarget() throws IOException {
    TufUpdater u = updater();
    u.refresh();
    TargetFile t = u.target("vsekai/1.0.0/manifest.json").orElseThrow();
    assertEquals("1.0.0", t.custom("version"));
    assertArrayEquals(utf8("manifest one"), u.download(t));
    assertTrue(u.target("vsekai/9.9.9/manifest.json").isEmpty());
    for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
      assertTrue(store.read(role).isPresent(), role + " is kept in the install");
    }
  }

  @Test
  void aNewTargetAppearsOnTheNextRefresh() throws IOException {
    updater().refresh();
    repo.addTarget("vsekai/1.1.0/manifest.json", utf8("manifest two"), custom("1.1.0"));
    repo.publish();
    TufUpdater u = updater();
    u.refresh();
    assertArrayEquals(
        utf8("manifest two"), u.download(u.target("vsekai/1.1.0/manifest.json").orElseThrow()));
  }

  @Test
  void rootRotationToTwoOfThreeNeedsThresholdsOfBoth() throws IOException {
    updater().refresh();
    List<TufSigner> three =
        List.of(TestRepository.newSigner(), TestRepository.newSigner(), TestRepository.newSigner());
    repo.signers.put("root", new ArrayList<>(three));
    repo.thresholds.put("root", 2);
    repo.publishRoot(List.of(rootKey, three.get(0), three.get(1)));
    TufUpdater u = updater();
    u.refresh();
    assertEquals(2, u.root().version());

    // Version 3 signed by one of the three: below the trusted threshold of 2.
    repo.publishRoot(List.of(three.get(0)));
    assertRefused(Reason.THRESHOLD_NOT_MET, () -> updater().refresh());
  }

  @Test
  void aNewRootSignedOnlyByItsOwnKeysIsRefused() throws IOException {
    updater().refresh();
    TufSigner attacker = TestRepository.newSigner();
    repo.signers.put("root", new ArrayList<>(List.of(attacker)));
    repo.publishRoot(List.of(attacker));
    assertRefused(Reason.THRESHOLD_NOT_MET, () -> updater().refresh());
  }

  @Test
  void theOldRootKeyCannotSignAfterItWasRotatedOut() throws IOException {
    updater().refresh();
    TufSigner next = TestRepository.newSigner();
    repo.signers.put("root", new ArrayList<>(List.of(next)));
    repo.publishRoot(List.of(rootKey, next));
    updater().refresh();

    // The leaked old key signs root 3, giving the attacker's key the root role.
    TufSigner attacker = TestRepository.newSigner();
    repo.signers.put("root", new ArrayList<>(List.of(attacker)));
    repo.publishRoot(List.of(rootKey, attacker));
    assertRefused(Reason.THRESHOLD_NOT_MET, () -> updater().refresh());
  }

  @Test
  void rootRollbackIsRefused() throws IOException {
    updater().refresh();
    repo.write("2.root.json", repo.read("1.root.json"));
    assertRefused(Reason.ROLLBACK, () -> updater().refresh());
  }

  @Test
  void timestampRollbackIsRefused() throws IOException {
    byte[] old = repo.read("timestamp.json");
    repo.publishTimestamp(s -> s);
    updater().refresh();
    repo.write("timestamp.json", old);
    assertRefused(Reason.ROLLBACK, () -> updater().refresh());
  }

  @Test
  void snapshotRollbackIsRefused() throws IOException {
    repo.publish();
    updater().refresh(); // trusts snapshot 2
    // A timestamp signed with the real key, naming snapshot 1 again (of the same targets).
    repo.versions.put("snapshot", 0L);
    repo.publishSnapshot(s -> s);
    repo.publishTimestamp(s -> s);
    assertRefused(Reason.ROLLBACK, () -> updater().refresh());
  }

  @Test
  void targetsRollbackIsRefused() throws IOException {
    repo.publish();
    updater().refresh(); // trusts targets 2
    // A new snapshot, validly signed, that names targets 1 again.
    repo.versions.put("targets", 0L);
    repo.publishTargets(s -> s);
    repo.publishSnapshot(s -> s);
    repo.publishTimestamp(s -> s);
    assertRefused(Reason.ROLLBACK, () -> updater().refresh());
  }

  @Test
  void anExpiredTimestampServedAgainAndAgainIsAFreeze() throws IOException {
    updater().refresh();
    repo.expires = Instant.now().minus(Duration.ofMinutes(1));
    repo.publishTimestamp(s -> s);
    assertRefused(Reason.EXPIRED, () -> updater().refresh());
    assertRefused(Reason.EXPIRED, () -> updater().refresh());
    // And the trusted one runs out too: a client that only keeps its old timestamp is frozen.
    assertRefused(
        Reason.EXPIRED,
        () -> updater(Clock.offset(Clock.systemUTC(), Duration.ofDays(8))).refresh());
  }

  @Test
  void expiredTargetsAndSnapshotAreRefused() throws IOException {
    repo.expires = Instant.now().minus(Duration.ofMinutes(1));
    repo.publishTargets(s -> s);
    repo.expires = Instant.now().plus(Duration.ofDays(1));
    repo.publishSnapshot(s -> s);
    repo.publishTimestamp(s -> s);
    assertRefused(Reason.EXPIRED, () -> updater().refresh());
  }

  @Test
  void aSnapshotNamingOtherTargetsIsMixAndMatch() throws IOException {
    updater().refresh();
    byte[] oldTargets = repo.read("1.targets.json");
    repo.addTarget("vsekai/1.1.0/manifest.json", utf8("manifest two"), custom("1.1.0"));
    repo.publishTargets(s -> s);
    // The mirror serves targets 1 under the name of targets 2; the snapshot names 2 without a
    // hash, so only the version check can catch it.
    repo.write("2.targets.json", oldTargets);
    ObjectNode noHash = JsonNodeFactory.instance.objectNode().put("version", 2);
    repo.publishSnapshot(
        s -> {
          ((ObjectNode) s.get("meta")).set("targets.json", noHash);
          return s;
        });
    repo.publishTimestamp(s -> s);
    assertRefused(Reason.VERSION_MISMATCH, () -> updater().refresh());
  }

  @Test
  void metadataThatDiffersFromItsRecordedHashIsRefused() throws IOException {
    updater().refresh();
    repo.publishTargets(s -> s);
    repo.publishSnapshot(s -> s);
    repo.publishTimestamp(s -> s);
    byte[] snapshot = repo.read("2.snapshot.json");
    snapshot[snapshot.length - 2] = (byte) ' '; // same length, other bytes
    repo.write("2.snapshot.json", snapshot);
    assertRefused(Reason.HASH_MISMATCH, () -> updater().refresh());
  }

  @Test
  void endlessMetadataIsCutOff() throws IOException {
    updater().refresh();
    repo.publishTimestamp(
        s -> {
          s.put("padding", "x".repeat(20_000));
          return s;
        });
    assertRefused(Reason.TOO_LONG, () -> updater().refresh());
  }

  @Test
  void aSnapshotLongerThanTheTimestampRecordsIsCutOff() throws IOException {
    updater().refresh();
    repo.publishTargets(s -> s);
    repo.publishSnapshot(s -> s);
    repo.publishTimestamp(s -> s);
    byte[] snapshot = repo.read("2.snapshot.json");
    byte[] longer = new byte[snapshot.length + 4096];
    System.arraycopy(snapshot, 0, longer, 0, snapshot.length);
    Arrays.fill(longer, snapshot.length, longer.length, (byte) ' ');
    repo.write("2.snapshot.json", longer);
    assertRefused(Reason.TOO_LONG, () -> updater().refresh());
  }

  @Test
  void aTargetLongerThanRecordedOrWithOtherBytesIsRefused() throws IOException {
    TufUpdater u = updater();
    u.refresh();
    TargetFile t = u.target("vsekai/1.0.0/manifest.json").orElseThrow();
    Path served =
        repo.targetsDir.resolve("vsekai/1.0.0/" + t.hashes().get("sha256") + ".manifest.json");
    Files.write(served, utf8("manifest one, and then some more bytes"));
    TufRefusal tooLong = assertThrows(TufRefusal.class, () -> u.download(t));
    assertEquals(Reason.TOO_LONG, tooLong.reason());
    Files.write(served, utf8("manifest 1!!"));
    TufRefusal other = assertThrows(TufRefusal.class, () -> u.download(t));
    assertEquals(Reason.HASH_MISMATCH, other.reason());
  }

  @Test
  void aThresholdNotMetIsRefused() throws IOException {
    updater().refresh();
    TufSigner second = TestRepository.newSigner();
    repo.signers.get("targets").add(second);
    repo.thresholds.put("targets", 2);
    repo.publishRoot(List.of(rootKey));
    repo.signers.get("targets").remove(second); // only one of the two signs
    repo.publish();
    assertRefusedAfterNewRoot(Reason.THRESHOLD_NOT_MET, 2, () -> updater().refresh());
  }

  @Test
  void oneKeySigningTwiceDoesNotMeetATwoKeyThreshold() throws IOException {
    updater().refresh();
    TufSigner second = TestRepository.newSigner();
    TufSigner first = repo.signers.get("targets").get(0);
    repo.signers.get("targets").add(second);
    repo.thresholds.put("targets", 2);
    repo.publishRoot(List.of(rootKey));
    repo.signers.put("targets", new ArrayList<>(List.of(first, first)));
    repo.publish();
    assertRefusedAfterNewRoot(Reason.MALFORMED, 2, () -> updater().refresh());
  }

  @Test
  void aKeyRemovedInTheNextRootCannotSignTargets() throws IOException {
    updater().refresh();
    TufSigner removed = repo.signers.get("targets").get(0);
    repo.signers.put("targets", new ArrayList<>(List.of(TestRepository.newSigner())));
    repo.publishRoot(List.of(rootKey));
    repo.signers.put("targets", new ArrayList<>(List.of(removed)));
    repo.publish();
    assertRefusedAfterNewRoot(Reason.THRESHOLD_NOT_MET, 2, () -> updater().refresh());
  }

  @Test
  void fastForwardRecoveryAfterATimestampKeyRotation() throws IOException {
    // A leaked timestamp key pushes the trusted timestamp to version 1000.
    repo.versions.put("timestamp", 999L);
    repo.publishTimestamp(s -> s);
    updater().refresh();
    // The release engineers rotate the timestamp key; the service starts again at version 2.
    repo.signers.put("timestamp", new ArrayList<>(List.of(TestRepository.newSigner())));
    repo.publishRoot(List.of(rootKey));
    repo.versions.put("timestamp", 1L);
    repo.publishTimestamp(s -> s);
    TufUpdater u = updater();
    u.refresh();
    assertEquals(2, Metadata.parse(store.read("timestamp").orElseThrow(), "timestamp").version());
  }

  @Test
  void fastForwardRecoveryAfterASnapshotKeyRotation() throws IOException {
    repo.versions.put("snapshot", 499L);
    repo.publishSnapshot(s -> s);
    repo.publishTimestamp(s -> s);
    updater().refresh();
    repo.signers.put("snapshot", new ArrayList<>(List.of(TestRepository.newSigner())));
    repo.publishRoot(List.of(rootKey));
    repo.versions.put("snapshot", 1L);
    repo.publishSnapshot(s -> s);
    repo.publishTimestamp(s -> s);
    updater().refresh();
    assertEquals(2, Metadata.parse(store.read("snapshot").orElseThrow(), "snapshot").version());
  }

  @Test
  void malformedMetadataIsRefused() throws IOException {
    updater().refresh();
    repo.write("timestamp.json", utf8("{\"signed\": "));
    assertRefused(Reason.MALFORMED, () -> updater().refresh());
  }

  @Test
  void metadataWithADuplicateKeyIsRefused() throws IOException {
    updater().refresh();
    String ts = new String(repo.publishTimestamp(s -> s), StandardCharsets.UTF_8);
    repo.write(
        "timestamp.json",
        utf8(
            ts.replaceFirst("\"signed\"", "\"version\": 1, \"signed\"")
                .replaceFirst("\\{", "{\"signed\": {}, ")));
    assertRefused(Reason.MALFORMED, () -> updater().refresh());
  }

  @Test
  void metadataOfAnUnknownSpecVersionIsRefused() throws IOException {
    updater().refresh();
    repo.publishTimestamp(
        s -> {
          s.put("spec_version", "2.0.0");
          return s;
        });
    assertRefused(Reason.UNSUPPORTED_SPEC_VERSION, () -> updater().refresh());
  }

  @Test
  void theFirstRootIsTrustedOnlyWhenThePinnedKeySignedIt() throws IOException {
    TrustedMetadataStore fresh = new TrustedMetadataStore(dir.resolve("other/.nebula/tuf"));
    TufRefusal refused =
        assertThrows(
            TufRefusal.class,
            () ->
                TufUpdater.trustFirstRootSignedBy(
                    TestRepository.newSigner().key().publicKey(),
                    server.source("metadata"),
                    fresh));
    assertEquals(Reason.THRESHOLD_NOT_MET, refused.reason());
    assertTrue(fresh.read("root").isEmpty());
    TufUpdater.trustFirstRootSignedBy(rootKey.key().publicKey(), server.source("metadata"), fresh);
    new TufUpdater(server.source("metadata"), fresh, Clock.systemUTC()).refresh();
  }

  /** Asserts the refusal's reason and that the install's trusted metadata did not change. */
  void assertRefused(Reason reason, Executable refresh) throws IOException {
    Map<String, String> before = storeContents();
    TufRefusal refused = assertThrows(TufRefusal.class, refresh);
    assertEquals(reason, refused.reason(), refused.getMessage());
    assertEquals(before, storeContents(), "the trusted metadata is untouched");
  }

  /**
   * As {@link #assertRefused}, where the same refresh first verified a new root: that root is kept
   * (specification 5.3.8), everything else is untouched.
   */
  void assertRefusedAfterNewRoot(Reason reason, long newRootVersion, Executable refresh)
      throws IOException {
    Map<String, String> before = storeContents();
    before.remove("root.json");
    TufRefusal refused = assertThrows(TufRefusal.class, refresh);
    assertEquals(reason, refused.reason(), refused.getMessage());
    Map<String, String> after = storeContents();
    after.remove("root.json");
    assertEquals(before, after, "the trusted metadata besides root is untouched");
    assertEquals(
        newRootVersion, Metadata.parse(store.read("root").orElseThrow(), "root").version());
  }

  Map<String, String> storeContents() throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(store.dir())) {
      return out;
    }
    try (Stream<Path> files = Files.list(store.dir())) {
      for (Path f : files.toList()) {
        out.put(f.getFileName().toString(), Hashes.sha256(Files.readAllBytes(f)));
      }
    }
    return out;
  }

  static ObjectNode custom(String version) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("product", "vsekai")
        .put("version", version)
        .put("mode", "stable");
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
