package org.vsekai.nebula.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.rest.ModeInfo;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.SigningKeyInfo;
import org.vsekai.nebula.server.testing.ApiClient;

/** The embedded default: nothing configured, everything under one folder, kept across restarts. */
@Tag("integration")
class EmbeddedNebulaServiceTest {

  @Test
  void startsWithNothingConfiguredAndKeepsItsDataAcrossRestarts(@TempDir Path dataDir)
      throws Exception {
    String token;
    SigningKeyInfo key;
    try (EmbeddedNebulaService nebula = EmbeddedNebulaService.start(dataDir)) {
      ApiClient api = new ApiClient(nebula.baseUrl(), nebula.publisherToken());
      assertThat(api.post("api/v1/modes", new NewMode("stable")).status()).isEqualTo(201);
      key = api.get("api/v1/signing-key").as(SigningKeyInfo.class);
      token = nebula.publisherToken();
      assertThat(new ApiClient(nebula.adminUrl(), null).get("healthcheck").status()).isEqualTo(200);
    }

    try (EmbeddedNebulaService again = EmbeddedNebulaService.start(dataDir)) {
      ApiClient api = new ApiClient(again.baseUrl(), again.publisherToken());
      Page<ModeInfo> modes = api.get("api/v1/modes").as(new TypeReference<Page<ModeInfo>>() {});
      assertThat(modes.items()).extracting(ModeInfo::name).containsExactly("stable");
      assertThat(again.publisherToken()).isEqualTo(token);
      assertThat(api.get("api/v1/signing-key").as(SigningKeyInfo.class)).isEqualTo(key);
    }
  }
}
