package org.vsekai.nebula.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.api.UpdateState;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest.ChunkingParameters;

/** The wire records survive a JSON round trip with a plain mapper, as clients will use them. */
class RestJsonTest {
  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  @Test
  void recordsWithConvenienceConstructorsReadTheirJson() throws Exception {
    NewMode mode = new NewMode("beta", Instant.parse("2030-01-01T00:00:00Z"), null);
    assertThat(mapper.readValue(mapper.writeValueAsString(mode), NewMode.class)).isEqualTo(mode);
    assertThat(mapper.readValue("{\"name\":\"stable\"}", NewProduct.class))
        .isEqualTo(new NewProduct("stable"));
    assertThat(mapper.readValue("{\"mode\":\"stable\"}", ModeRelease.class))
        .isEqualTo(new ModeRelease("stable"));
  }

  @Test
  void releaseRequestCarriesFilesAndChunking() throws Exception {
    ReleaseRequest request =
        new ReleaseRequest(
            "v-sekai",
            "0.2.0-beta.1",
            "beta",
            "bin/game",
            new ChunkingParameters(16384, 65536, 262144),
            List.of(new ManifestFile("bin/game", 10, "0755", "a".repeat(64))),
            null);
    String json = mapper.writeValueAsString(request);
    assertThat(json).contains("\"indexSha256\":\"" + "a".repeat(64) + "\"");
    assertThat(mapper.readValue(json, ReleaseRequest.class)).isEqualTo(request);
  }

  @Test
  void pagesAndUpdateProcessesRoundTrip() throws Exception {
    Page<ModeInfo> page = new Page<>(List.of(new ModeInfo("beta", Instant.EPOCH, null)), "abc");
    Page<ModeInfo> read =
        mapper.readValue(mapper.writeValueAsString(page), new TypeReference<Page<ModeInfo>>() {});
    assertThat(read).isEqualTo(page);

    UpdateProcessInfo process =
        new UpdateProcessInfo(
            UUID.randomUUID(),
            UUID.randomUUID(),
            "v-sekai",
            "0.9.0",
            "1.0.0",
            "manifest 1.0.0",
            List.of("a"),
            Map.of("k", "v"),
            UpdateState.DownloadingUpdate,
            Instant.EPOCH,
            null,
            List.of(
                new UpdateProcessInfo.StatePeriod(
                    UpdateState.DownloadingUpdate, null, Instant.EPOCH, null)));
    String json = mapper.writeValueAsString(process);
    assertThat(json).contains("\"state\":\"DownloadingUpdate\"");
    assertThat(mapper.readValue(json, UpdateProcessInfo.class)).isEqualTo(process);
  }

  @Test
  void updateStatesMoveOnlyForward() {
    assertThat(UpdateState.UpdateAvailable.mayFollow(UpdateState.Checking)).isTrue();
    assertThat(UpdateState.NoUpdateFound.mayFollow(UpdateState.Checking)).isTrue();
    assertThat(UpdateState.NoUpdateFound.mayFollow(UpdateState.DownloadingUpdate)).isFalse();
    assertThat(UpdateState.DownloadingUpdate.mayFollow(UpdateState.ApplyingUpdate)).isFalse();
    assertThat(UpdateState.ApplyingUpdate.mayFollow(UpdateState.PreparingUpdate)).isTrue();
    assertThat(UpdateState.UpdateFailed.mayFollow(UpdateState.DownloadingUpdate)).isTrue();
    assertThat(UpdateState.UpdateFailed.mayFollow(UpdateState.UpdateSuccessful)).isFalse();
    assertThat(UpdateState.Checking.mayFollow(UpdateState.NoUpdateFound)).isFalse();
  }
}
