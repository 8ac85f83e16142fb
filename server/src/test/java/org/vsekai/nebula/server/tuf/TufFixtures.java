package org.vsekai.nebula.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.ReleaseInfo;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.api.tuf.HttpMetadataSource;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.MetadataBuilder;
import org.vsekai.nebula.api.tuf.MetadataSource;
import org.vsekai.nebula.api.tuf.TrustedMetadataStore;
import org.vsekai.nebula.api.tuf.TufKey;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.api.tuf.TufUpdater;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.BuildUploader;

/** The service's TUF repository as clients and release engineers use it in tests. */
final class TufFixtures {
  private TufFixtures() {}

  static MetadataSource metadataSource(URI base) {
    return new HttpMetadataSource(HttpClient.newHttpClient(), base.resolve("api/v1/tuf/metadata/"));
  }

  static MetadataSource targetSource(URI base) {
    return new HttpMetadataSource(HttpClient.newHttpClient(), base.resolve("api/v1/tuf/targets/"));
  }

  /** A client that pinned the manifest signing key before TUF, as an existing install has. */
  static TufUpdater pinnedClient(URI base, PublicKey pinned, Path dir) throws IOException {
    TrustedMetadataStore store = new TrustedMetadataStore(dir);
    TufUpdater.trustFirstRootSignedBy(pinned, metadataSource(base), store);
    return new TufUpdater(metadataSource(base), targetSource(base), store, Clock.systemUTC());
  }

  /** A metadata file as served: {@code root.json}, {@code 3.targets.json}, ... */
  static Metadata served(ApiClient anyone, String name) {
    ApiClient.Reply r = anyone.get("api/v1/tuf/metadata/" + name);
    assertThat(r.status()).as("GET %s: %s", name, r.body()).isEqualTo(200);
    String role = name.replaceAll("^[0-9]+\\.", "").replace(".json", "");
    return Metadata.parse(r.bytes(), role);
  }

  /** The current root's {@code signed}, one version on and valid for 30 more days. */
  static ObjectNode nextRoot(Metadata current) {
    ObjectNode signed = (ObjectNode) current.signed();
    signed.put("version", current.version() + 1);
    signed.put(
        "expires",
        Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
    return signed;
  }

  /** Gives {@code role} exactly {@code keys}, with the threshold. */
  static ObjectNode setRole(ObjectNode root, String role, int threshold, TufKey... keys) {
    ObjectNode keyNode = (ObjectNode) root.get("keys");
    ObjectNode roleNode = ((ObjectNode) root.get("roles")).putObject(role);
    ArrayNode ids = roleNode.putArray("keyids");
    for (TufKey k : keys) {
      keyNode.set(k.keyId(), k.json());
      ids.add(k.keyId());
    }
    roleNode.put("threshold", threshold);
    return root;
  }

  static byte[] sign(ObjectNode signed, TufSigner... signers) {
    return MetadataBuilder.sign(signed, Arrays.asList(signers));
  }

  /** A TUF key from {@code POST /api/v1/tuf/online-keys/{role}}: its key JSON less "keyid". */
  static TufKey newOnlineKey(ApiClient publisher, String role) throws IOException {
    ApiClient.Reply r = publisher.post("api/v1/tuf/online-keys/" + role, "");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    ObjectNode answer = (ObjectNode) ApiClient.JSON.readTree(r.bytes());
    String keyid = answer.remove("keyid").asText();
    TufKey key = TufKey.fromJson(answer);
    assertThat(key.keyId()).isEqualTo(keyid);
    return key;
  }

  /** Publishes releases of one-file builds over REST, as {@code vsekai publish} does. */
  static final class Releases {
    private final ApiClient publisher;
    private final BuildUploader uploader;

    Releases(ApiClient publisher, Path work) {
      this.publisher = publisher;
      this.uploader = new BuildUploader(publisher, work);
    }

    void catalog(String product, String... modes) {
      assertThat(publisher.post("api/v1/products", new NewProduct(product)).status())
          .isIn(200, 201);
      for (String m : modes) {
        assertThat(publisher.post("api/v1/modes", new NewMode(m)).status()).isIn(200, 201);
      }
    }

    /** Uploads {@code path} with content from {@code seed} and registers the release. */
    ReleaseInfo publish(String product, String version, String mode, String path, long seed) {
      ManifestFile file = uploader.upload(path, BuildUploader.randomBytes(20_000, seed));
      ApiClient.Reply r =
          publisher.post(
              "api/v1/releases",
              new ReleaseRequest(
                  product, version, mode, path, BuildUploader.CHUNKING, List.of(file), null));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      return r.as(ReleaseInfo.class);
    }
  }
}
