package org.vsekai.nebula.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.desync.testing.TemporalDevServer;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;

/** With Temporal configured, the service's health includes it, and says so when it is gone. */
@Tag("integration")
class TemporalHealthTest {

  @Test
  void healthFollowsTheTemporalServer(@TempDir Path dir) throws Exception {
    try (TemporalDevServer temporal =
            TemporalDevServer.start(
                Files.createDirectories(dir.resolve("temporal")), NebulaSearchAttributes.names());
        EmbeddedNebulaService nebula =
            EmbeddedNebulaService.start(
                dir.resolve("nebula"), Map.of("NEBULA_TEMPORAL_TARGET", temporal.address()))) {
      ApiClient admin = new ApiClient(nebula.adminUrl(), null);

      ApiClient.Reply up = admin.get("healthcheck");
      assertThat(up.status()).as(up.body()).isEqualTo(200);
      assertThat(ApiClient.JSON.readTree(up.bytes()).path("temporal").path("healthy").asBoolean())
          .isTrue();

      temporal.kill();
      ApiClient.Reply down = admin.get("healthcheck");
      JsonNode check = ApiClient.JSON.readTree(down.bytes()).path("temporal");
      assertThat(down.status()).isEqualTo(500);
      assertThat(check.path("healthy").asBoolean()).isFalse();
      assertThat(check.path("message").asText()).contains(temporal.address());
    }
  }
}
