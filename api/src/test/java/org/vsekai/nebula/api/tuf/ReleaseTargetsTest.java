package org.vsekai.nebula.api.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an install may take, read from signed targets only: its product, its mode. */
class ReleaseTargetsTest {
  @TempDir Path dir;
  TestRepository repo;
  RepositoryServer server;
  ReleaseTargets targets;

  @BeforeEach
  void setUp() throws IOException {
    repo = new TestRepository(dir.resolve("repo"));
    byte[] root = repo.publishRoot(List.of(repo.signers.get("root").get(0)));
    release("v-sekai", "1.0.0", "stable");
    release("v-sekai", "1.2.0-beta.1", "beta");
    release("v-sekai", "1.1.0", "stable", "beta");
    release("other-game", "9.0.0", "stable");
    // Listed under v-sekai's path but signed for another product: never offered to v-sekai.
    repo.addTarget(
        ReleaseTargets.manifestPath("v-sekai", "5.0.0"),
        bytes("x"),
        custom("other-game", "5.0.0", "stable"));
    repo.publish();
    server = new RepositoryServer(dir.resolve("repo"));
    TrustedMetadataStore store = new TrustedMetadataStore(dir.resolve("install"));
    TufUpdater.trustRoot(root, store);
    TufUpdater updater =
        new TufUpdater(
            server.source("metadata"), server.source("targets"), store, Clock.systemUTC());
    updater.refresh();
    targets = new ReleaseTargets(updater);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void theLatestOfAModeIsTheHighestSignedForIt() {
    assertEquals(Optional.of("1.1.0"), targets.latest("v-sekai", "stable"));
    assertEquals(Optional.of("1.2.0-beta.1"), targets.latest("v-sekai", "beta"));
    assertEquals(Optional.empty(), targets.latest("v-sekai", "nightly"));
    assertEquals(Optional.of("9.0.0"), targets.latest("other-game", "stable"));
  }

  @Test
  void aTargetOfAnotherModeOrProductIsRefusedByName() {
    TufRefusal mode =
        assertThrows(TufRefusal.class, () -> targets.manifest("v-sekai", "1.2.0-beta.1", "stable"));
    assertEquals(TufRefusal.Reason.WRONG_TARGET, mode.reason());
    TufRefusal product =
        assertThrows(TufRefusal.class, () -> targets.manifest("v-sekai", "5.0.0", "stable"));
    assertEquals(TufRefusal.Reason.WRONG_TARGET, product.reason());
    TufRefusal unknown =
        assertThrows(TufRefusal.class, () -> targets.manifest("v-sekai", "7.0.0", "stable"));
    assertEquals(TufRefusal.Reason.UNKNOWN_TARGET, unknown.reason());
    assertEquals("1.1.0", targets.manifest("v-sekai", "1.1.0", "beta").custom("version"));
  }

  private void release(String product, String version, String... modes) {
    repo.addTarget(
        ReleaseTargets.manifestPath(product, version),
        bytes(product + " " + version),
        custom(product, version, modes));
  }

  private static ObjectNode custom(String product, String version, String... modes) {
    ObjectNode c =
        JsonNodeFactory.instance.objectNode().put("product", product).put("version", version);
    for (String m : modes) {
      c.withArray("modes").add(m);
    }
    return c;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
