package org.vsekai.nebula.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.TufKey;
import org.vsekai.nebula.cli.CliRig;
import org.vsekai.nebula.cli.CliRun;
import org.vsekai.nebula.cli.ExitCodes;

/**
 * The rotation procedures of the README, run as a release engineer runs them against the embedded
 * service, with an install made before them that must keep updating through all of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class KeysCommandTest {
  @TempDir static Path dir;
  private CliRig rig;
  private Path keys;
  private Path serviceKey;
  private String launcher;
  private Path v1;

  @BeforeAll
  void start() throws Exception {
    rig = new CliRig(dir);
    keys = Files.createDirectories(dir.resolve("keys"));
    serviceKey = dir.resolve("service/signing/ed25519.key");
    launcher = dir.resolve("launcher").toString();
    v1 = Builds.v1(dir.resolve("build-v1"));
    assertOk(run("publish", "--token", rig.token(), "--version", "0.1.0", v1.toString()));
    assertOk(run("install", launcher));
  }

  @AfterAll
  void stop() throws Exception {
    rig.close();
  }

  private CliRun run(String... args) {
    return CliRun.of(rig.with(args));
  }

  private static CliRun assertOk(CliRun r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r;
  }

  private Metadata root() {
    return Metadata.parse(new ServiceClient(rig.nebula.baseUrl(), null).tufRoot(), "root");
  }

  @Test
  @Order(1)
  void initMakesAnOwnerOnlyKeyAndShowPrintsTheRoot() throws Exception {
    for (String name : new String[] {"root-a", "root-b", "root-c", "root-d", "targets-1"}) {
      CliRun init = assertOk(CliRun.of("keys", "init", name, "--dir", keys.toString()));
      assertThat(init.out()).contains("Key ").contains(name + ".key");
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("root-a.key"))))
        .isEqualTo("rw-------");
    assertThat(CliRun.of("keys", "init", "root-a", "--dir", keys.toString()).exitCode())
        .isNotZero();
    CliRun show = assertOk(run("keys", "show"));
    assertThat(show.out()).contains("root version 1").contains("root: 1 of");
  }

  @Test
  @Order(2)
  void rootMovesToTwoOfThreeOfflineKeys() {
    CliRun noNewSignatures =
        run(
            "keys",
            "rotate",
            "root",
            "--token",
            rig.token(),
            "--replace",
            "--add",
            pub("root-a"),
            "--add",
            pub("root-b"),
            "--add",
            pub("root-c"),
            "--threshold",
            "2",
            "--sign",
            serviceKey.toString());
    assertThat(noNewSignatures.exitCode()).isNotZero();
    assertThat(root().version()).isEqualTo(1);

    assertOk(
        run(
            "keys",
            "rotate",
            "root",
            "--token",
            rig.token(),
            "--replace",
            "--add",
            pub("root-a"),
            "--add",
            pub("root-b"),
            "--add",
            pub("root-c"),
            "--threshold",
            "2",
            "--sign",
            serviceKey.toString(),
            "--sign",
            key("root-a"),
            "--sign",
            key("root-b")));
    assertThat(root().version()).isEqualTo(2);
    assertThat(root().roleKeys("root").threshold()).isEqualTo(2);
    assertOk(CliRun.of(rig.with("--update", launcher)));
  }

  @Test
  @Order(3)
  void aRootKeyLeavesInASigningCeremony() throws Exception {
    var rootA = keyOf("root-a");
    String a =
        root().keys().entrySet().stream()
            .filter(e -> e.getValue().equals(rootA))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    Path file = dir.resolve("root-3.json");
    assertOk(
        run(
            "keys",
            "rotate",
            "root",
            "--token",
            rig.token(),
            "--remove",
            a,
            "--add",
            pub("root-d"),
            "--sign",
            key("root-b"),
            "--out",
            file.toString()));
    // One signature of root 2's threshold of two: refused.
    CliRun early = run("keys", "upload", file.toString(), "--token", rig.token());
    assertThat(early.exitCode()).isNotZero();
    assertOk(
        CliRun.of(
            "keys", "sign", file.toString(), "--sign", key("root-c"), "--sign", key("root-d")));
    assertOk(run("keys", "upload", file.toString(), "--token", rig.token()));
    assertThat(root().version()).isEqualTo(3);

    // The removed key, with the service's old key, cannot make root 4.
    CliRun leaked =
        run(
            "keys",
            "rotate",
            "root",
            "--token",
            rig.token(),
            "--add",
            pub("root-a"),
            "--sign",
            key("root-a"),
            "--sign",
            serviceKey.toString());
    assertThat(leaked.exitCode()).isNotZero();
    assertThat(root().version()).isEqualTo(3);
  }

  @Test
  @Order(4)
  void targetsMoveOfflineAndAReleaseIsListedOnlyOnceSigned() throws Exception {
    assertOk(
        run(
            "keys",
            "rotate",
            "targets",
            "--token",
            rig.token(),
            "--replace",
            "--add",
            pub("targets-1"),
            "--sign",
            key("root-b"),
            "--sign",
            key("root-c")));
    // Until the new key signs targets, the old targets no longer count: installs refuse and keep
    // what they have.
    CliRun unsigned = CliRun.of(rig.with("--update", launcher));
    assertThat(unsigned.exitCode()).as(unsigned.err()).isEqualTo(ExitCodes.REJECTED);
    assertThat(unsigned.err()).contains("UntrustedMetadata");
    assertOk(run("keys", "sign-targets", "--token", rig.token(), "--sign", key("targets-1")));
    assertOk(CliRun.of(rig.with("--update", launcher)));

    Path v2 = Builds.v2(v1, dir.resolve("build-v2"));
    assertOk(run("publish", "--token", rig.token(), "--version", "0.2.0", v2.toString()));
    assertOk(CliRun.of(rig.with("--update", launcher)));
    assertThat(Builds.contents(Path.of(launcher, "current"))).isEqualTo(Builds.contents(v1));

    CliRun wrongKey = run("keys", "sign-targets", "--token", rig.token(), "--sign", key("root-d"));
    assertThat(wrongKey.exitCode()).isNotZero();
    assertOk(run("keys", "sign-targets", "--token", rig.token(), "--sign", key("targets-1")));
    assertOk(CliRun.of(rig.with("--update", launcher)));
    assertThat(Builds.contents(Path.of(launcher, "current"))).isEqualTo(Builds.contents(v2));
  }

  @Test
  @Order(5)
  void theTimestampKeyRotatesToANewOnlineKey() {
    String before = root().roleKeys("timestamp").keyids().get(0);
    assertOk(
        run(
            "keys",
            "rotate",
            "timestamp",
            "--token",
            rig.token(),
            "--online",
            "--sign",
            key("root-b"),
            "--sign",
            key("root-c")));
    assertThat(root().roleKeys("timestamp").keyids()).doesNotContain(before).hasSize(1);
    assertOk(CliRun.of(rig.with("--update", launcher)));
  }

  private String pub(String name) {
    return keys.resolve(name + ".pub").toString();
  }

  private String key(String name) {
    return keys.resolve(name + ".key").toString();
  }

  private TufKey keyOf(String name) throws Exception {
    return KeyFiles.publicKey(keys.resolve(name + ".pub"));
  }
}
