package org.vsekai.nebula.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.server.testing.ApiClient.Reply;
import org.vsekai.nebula.server.testing.NebulaApp;

/**
 * The requests a fuzzer, a broken client or an attacker sends, as raw HTTP: each is a 4xx whose
 * body is JSON {@code {"error": ...}} naming no Java type, and none writes anything.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class BadRequestsTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();

  @BeforeAll
  static void catalog() {
    APP.publisher().post("api/v1/products", new NewProduct("v-sekai"));
    APP.publisher().post("api/v1/modes", new NewMode("stable"));
  }

  @Test
  void requestsJettyRefusesAnswerInJson() throws Exception {
    List<String> requests = new ArrayList<>();
    for (String path :
        List.of(
            "/api/v1/..%2F..%2Fetc/passwd",
            "/store/..%2F..%2Fx",
            "/index/%2e%2e%2fx",
            "/api/v1/products/%00",
            "/api/v1/products/%ZZ",
            "/api/v1/" + "a".repeat(20_000))) {
      requests.add("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }
    requests.add("BREW /api/v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    requests.add("DELETE /store/abcd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    requests.add(
        "GET /api/v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nX-"
            + "a".repeat(20_000)
            + ": 1\r\n\r\n");
    for (String request : requests) {
      String answer = raw(request);
      String shown = request.substring(0, Math.min(60, request.length()));
      assertThat(status(answer)).as(shown).isBetween(400, 499);
      assertThat(answer).as(shown).containsIgnoringCase("content-type: application/json");
      assertThat(body(answer))
          .as(shown)
          .startsWith("{\"error\":\"")
          .doesNotContain("java.", "org.", "`");
    }
  }

  @Test
  void jsonOfTheWrongShapeIsA400NamingTheFieldNotAType() {
    int products = APP.count("products");
    List<Reply> replies =
        List.of(
            APP.publisher().post("api/v1/products", "{\"name\":123}"),
            APP.publisher().post("api/v1/products", "{\"name\":true}"),
            APP.publisher().post("api/v1/products", "{\"name\":[\"x\"]}"),
            APP.publisher().post("api/v1/products", "{\"name\":{\"a\":1}}"),
            APP.publisher().post("api/v1/products", "{\"nom\":\"x\"}"),
            APP.publisher().post("api/v1/products", "{\"name\":"),
            APP.publisher().post("api/v1/products", "[]"),
            APP.anonymous()
                .post(
                    "api/v1/installs",
                    "{\"product\":\"v-sekai\",\"mode\":\"stable\",\"version\":1}"));
    for (Reply r : replies) {
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.error()).doesNotContain("java.", "org.", "`", "JsonToken");
    }
    assertThat(replies.get(0).error()).isEqualTo("field 'name' must be a string, not \"123\"");
    assertThat(replies.get(2).error()).isEqualTo("field 'name' must be a string");
    assertThat(replies.get(4).error()).isEqualTo("unknown field 'nom'");
    assertThat(APP.count("products")).isEqualTo(products);
  }

  @Test
  void versionsAreStrict() {
    int installs = APP.count("installs");
    for (String version :
        List.of("v0.1.0", " 0.1.0", "0.1.0\\n", "0.1.0\\u0000", "1.0.0-" + "a".repeat(300))) {
      Reply r =
          APP.anonymous()
              .post(
                  "api/v1/installs",
                  "{\"product\":\"v-sekai\",\"mode\":\"stable\",\"version\":\"" + version + "\"}");
      assertThat(r.status()).as(version).isEqualTo(400);
    }
    assertThat(APP.publisher().get("api/v1/products/v-sekai/versions/v0.1.0").status())
        .isEqualTo(400);
    assertThat(APP.count("installs")).isEqualTo(installs);
  }

  @Test
  void aBodyThatStopsShortOfItsLengthIsA400() throws Exception {
    int products = APP.count("products");
    String answer =
        raw(
            "POST /api/v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + NebulaApp.TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"name\":\"a\"}");
    assertThat(status(answer)).isEqualTo(400);
    assertThat(body(answer)).contains("stopped before its declared Content-Length");
    assertThat(APP.count("products")).isEqualTo(products);
  }

  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", APP.baseUrl().getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[65536];
      StringBuilder answer = new StringBuilder();
      int n;
      while ((n = in.read(buffer)) > 0) {
        answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        if (complete(answer.toString())) {
          break;
        }
      }
      return answer.toString();
    }
  }

  /** Whether the answer's headers and its Content-Length of body are in. */
  private static boolean complete(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    for (String line : answer.substring(0, end).split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        int length = Integer.parseInt(line.substring(15).strip());
        return answer.length() - end - 4 >= length;
      }
    }
    return false;
  }

  private static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  private static String body(String answer) {
    return answer.substring(answer.indexOf("\r\n\r\n") + 4);
  }
}
