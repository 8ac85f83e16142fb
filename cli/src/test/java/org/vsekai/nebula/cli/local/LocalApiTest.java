package org.vsekai.nebula.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.cli.CliRig;
import org.vsekai.nebula.cli.CliRun;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.commands.PublishCommand;
import org.vsekai.nebula.cli.install.InstallContext;
import org.vsekai.nebula.desync.ChunkSizes;

/**
 * The launcher GUI's API on a real install and service: what it answers with the install's secret,
 * and that it refuses everyone else, web pages and other hosts included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class LocalApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private CliRig rig;
  private Path launcher;
  private LauncherFolder folder;
  private LocalApiServer api;
  private LocalApiFile file;

  @BeforeAll
  void start() throws Exception {
    rig = new CliRig(dir);
    Path v1 = Builds.v1(dir.resolve("build-v1"));
    launcher = dir.resolve("launcher");
    assertThat(
            CliRun.of(
                    rig.with(
                        "publish", "--token", rig.token(), "--version", "0.1.0", v1.toString()))
                .exitCode())
        .isZero();
    CliRun install = CliRun.of(rig.with("install", launcher.toString()));
    assertThat(install.exitCode()).as(install.err()).isZero();
    GlobalOptions g = new GlobalOptions();
    g.serviceUrl = rig.service();
    InstallContext ctx = InstallContext.load(launcher, g);
    folder = ctx.folder();
    api = LocalApiServer.start(folder, ctx.service());
    file = LocalApiFile.read(folder).orElseThrow();
  }

  @AfterAll
  void stop() throws Exception {
    if (api != null) {
      api.close();
    }
    rig.close();
  }

  record Reply(int status, String headers, JsonNode body) {}

  /** A raw HTTP/1.1 exchange, so the test controls every header (the JDK client guards Host). */
  private Reply call(
      String method, String path, String host, String authorization, String origin, String body)
      throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), file.port())) {
      s.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder req =
          new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
      if (authorization != null) {
        req.append("Authorization: ").append(authorization).append("\r\n");
      }
      if (origin != null) {
        req.append("Origin: ").append(origin).append("\r\n");
      }
      req.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      InputStream in = s.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = raw.indexOf("\r\n\r\n");
      String head = raw.substring(0, split);
      int status = Integer.parseInt(head.split(" ")[1]);
      String payload = raw.substring(split + 4);
      if (head.toLowerCase().contains("transfer-encoding: chunked")) {
        payload = unchunk(payload);
      }
      return new Reply(status, head, JSON.readTree(payload));
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", i);
      int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
  }

  private Reply call(String method, String path, String body) throws Exception {
    return call(method, path, "127.0.0.1:" + file.port(), "Bearer " + file.secret(), null, body);
  }

  @Test
  @Order(1)
  void theSecretIsTheOwnersAlone() throws Exception {
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(LocalApiFile.path(folder))))
        .isEqualTo("rw-------");
    assertThat(file.secret()).hasSize(64);
  }

  @Test
  @Order(2)
  void refusesCallsWithoutTheSecretFromOtherHostsAndFromWebPages() throws Exception {
    String host = "127.0.0.1:" + file.port();
    JsonNode before = call("GET", "/v1/state", null).body();
    Reply none = call("GET", "/v1/state", host, null, null, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body().get("error").asText()).contains("secret");
    Reply wrong = call("POST", "/v1/update", host, "Bearer " + "0".repeat(64), null, null);
    assertThat(wrong.status()).isEqualTo(401);
    Reply rebound =
        call(
            "GET",
            "/v1/state",
            "evil.example:" + file.port(),
            "Bearer " + file.secret(),
            null,
            null);
    assertThat(rebound.status()).isEqualTo(403);
    Reply page =
        call("GET", "/v1/state", host, "Bearer " + file.secret(), "https://evil.example", null);
    assertThat(page.status()).isEqualTo(403);
    for (Reply r : new Reply[] {none, wrong, rebound, page}) {
      assertThat(r.headers().toLowerCase()).doesNotContain("access-control-allow");
    }
    // Nothing changed: no update was started.
    Thread.sleep(1100); // past the service view's one-second reuse
    JsonNode after = call("GET", "/v1/state", null).body();
    assertThat(after.get("updateState")).isEqualTo(before.get("updateState"));
    assertThat(after.get("running").asBoolean()).isFalse();
  }

  @Test
  @Order(3)
  void answersStateModesAndSettings() throws Exception {
    Reply state = call("GET", "/v1/state", null);
    assertThat(state.status()).isEqualTo(200);
    assertThat(state.body().get("version").asText()).isEqualTo("0.1.0");
    assertThat(state.body().get("mode").asText()).isEqualTo("stable");
    assertThat(state.body().get("playable").asBoolean()).isTrue();
    assertThat(state.headers().toLowerCase()).doesNotContain("access-control-allow");

    Reply modes = call("GET", "/v1/modes", null);
    assertThat(modes.body().get("modes").toString()).contains("stable", "beta");
    Reply switched = call("PUT", "/v1/mode", "{\"mode\":\"beta\"}");
    assertThat(switched.status()).as(switched.body().toString()).isEqualTo(200);
    assertThat(new InstallStateFile(folder).require().mode()).isEqualTo("beta");
    assertThat(call("PUT", "/v1/mode", "{\"mode\":\"nightly\"}").status()).isBetween(400, 499);
    assertThat(new InstallStateFile(folder).require().mode()).isEqualTo("beta");
    call("PUT", "/v1/mode", "{\"mode\":\"stable\"}");

    Reply settings =
        call("PUT", "/v1/settings", "{\"maxBytesPerSecond\":500000,\"autoUpdate\":false}");
    assertThat(settings.status()).as(settings.body().toString()).isEqualTo(200);
    assertThat(new InstallStateFile(folder).require().maxBytesPerSecond()).isEqualTo(500_000);
    assertThat(new InstallStateFile(folder).require().autoUpdate()).isFalse();
    assertThat(call("PUT", "/v1/settings", "{\"maxBytesPerSecond\":-1}").status()).isEqualTo(400);
    assertThat(call("PUT", "/v1/settings", "not json").status()).isEqualTo(400);
    assertThat(call("GET", "/v1/nothing", null).status()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void releaseNotesComeFromTheSignedManifests() throws Exception {
    ServiceClient publisher = new ServiceClient(rig.nebula.baseUrl(), rig.token());
    Path v2 = Builds.v2(Builds.v1(dir.resolve("notes-v1")), dir.resolve("notes-v2"));
    PublishCommand.publish(
        publisher,
        "v-sekai",
        "0.2.0",
        "stable",
        null,
        ChunkSizes.DEFAULT,
        v2,
        "Faster worlds.\nNew avatars.");
    Reply notes = call("GET", "/v1/notes", null);
    assertThat(notes.status()).as(notes.body().toString()).isEqualTo(200);
    assertThat(notes.body().get("installedVersion").asText()).isEqualTo("0.1.0");
    assertThat(notes.body().get("availableVersion").asText()).isEqualTo("0.2.0");
    assertThat(notes.body().get("availableNotes").asText())
        .isEqualTo("Faster worlds.\nNew avatars.");
  }

  @Test
  @Order(5)
  void verifyRunsInTheBackgroundWithProgress() throws Exception {
    Reply started = call("POST", "/v1/verify", null);
    assertThat(started.status()).isEqualTo(200);
    JsonNode check = null;
    for (int i = 0; i < 100; i++) {
      check = call("GET", "/v1/state", null).body().get("check");
      if (!check.get("running").asBoolean()) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(check.get("running").asBoolean()).isFalse();
    assertThat(check.get("result").get("damaged")).isEmpty();
    assertThat(check.get("bytesTotal").asLong()).isPositive();
  }
}
