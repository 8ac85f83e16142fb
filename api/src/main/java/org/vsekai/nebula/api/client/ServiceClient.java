package org.vsekai.nebula.api.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.rest.CredentialIssued;
import org.vsekai.nebula.api.rest.CurrentMode;
import org.vsekai.nebula.api.rest.ErrorBody;
import org.vsekai.nebula.api.rest.InstallInfo;
import org.vsekai.nebula.api.rest.InstallRegistered;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.api.rest.LauncherStart;
import org.vsekai.nebula.api.rest.ModeInfo;
import org.vsekai.nebula.api.rest.ModeSwitch;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.ProductInfo;
import org.vsekai.nebula.api.rest.ReleaseInfo;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.api.rest.RolloutAbortRequest;
import org.vsekai.nebula.api.rest.RolloutInfo;
import org.vsekai.nebula.api.rest.RolloutScheduleInfo;
import org.vsekai.nebula.api.rest.RolloutScheduleRequest;
import org.vsekai.nebula.api.rest.RolloutStart;
import org.vsekai.nebula.api.rest.SigningKeyInfo;
import org.vsekai.nebula.api.rest.UpdateStart;
import org.vsekai.nebula.api.rest.UpdateView;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.api.tuf.HttpMetadataSource;
import org.vsekai.nebula.api.tuf.MetadataSource;
import org.vsekai.nebula.desync.HttpBodies;

/**
 * The updater service's REST API as Java calls, for the CLI and the client activities. Transport
 * only: every failure is a {@link ServiceException} carrying the status and the service's own
 * message, and callers decide what is worth retrying.
 */
public final class ServiceClient {
  private static final ObjectMapper JSON = ManifestJson.mapper();

  /** Largest JSON answer read: a manifest of some 300,000 files. */
  static final long MAX_ANSWER = 64L << 20;

  /** Largest index read: what the service's default store accepts, with room. */
  static final long MAX_INDEX = 256L << 20;

  private final URI base;
  private final String token;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param base the service's root URL, e.g. {@code https://updates.example.org/}
   * @param credential bearer credential: the publisher's or support's token, or an install's own
   *     credential; null for anonymous calls
   * @throws InsecureTransportException when a credential would go in plain HTTP to anything but
   *     loopback
   */
  public ServiceClient(URI base, String credential) {
    this(base, credential, trustedCaFromEnvironment());
  }

  /**
   * @param trustedCa a PEM file of a CA (or a self-signed certificate) to trust besides the
   *     system's; null for the system's alone
   */
  public ServiceClient(URI base, String credential, Path trustedCa) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    if (credential != null && !Loopback.safeForCredentials(this.base)) {
      throw new InsecureTransportException(
          "refusing to send a credential in plain HTTP to "
              + this.base
              + "; use https:// (plain HTTP is for loopback only)");
    }
    this.token = credential;
    this.timeout = Duration.ofSeconds(30);
    HttpClient.Builder http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
    if ("https".equalsIgnoreCase(this.base.getScheme())) {
      http.sslContext(TrustedCertificates.sslContext(trustedCa));
    }
    this.http = http.build();
    this.trustedCa = trustedCa;
  }

  private final Path trustedCa;

  /** {@code NEBULA_CA_CERT}: a PEM file to trust besides the system's CAs; null when unset. */
  public static Path trustedCaFromEnvironment() {
    String pem = System.getenv("NEBULA_CA_CERT");
    return pem == null || pem.isBlank() ? null : Path.of(pem);
  }

  /** The same service with another credential (or none), trusting the same certificates. */
  public ServiceClient withCredential(String credential) {
    return new ServiceClient(base, credential, trustedCa);
  }

  /** The PEM file this client trusts besides the system's CAs; null for none. */
  public Path trustedCa() {
    return trustedCa;
  }

  public URI base() {
    return base;
  }

  /** Where the service's chunk store is (desync's HTTP protocol). */
  public URI chunkStore() {
    return base.resolve("store/");
  }

  /** The credential this client sends, or null. */
  public String publisherToken() {
    return token;
  }

  public URI indexStore() {
    return base.resolve("index/");
  }

  /** The service's TUF metadata ({@code api/v1/tuf/metadata/}), read within bounds. */
  public MetadataSource tufMetadata() {
    return new HttpMetadataSource(http, base.resolve("api/v1/tuf/metadata/"));
  }

  /** The service's TUF targets ({@code api/v1/tuf/targets/}), read within their signed length. */
  public MetadataSource tufTargets() {
    return new HttpMetadataSource(http, base.resolve("api/v1/tuf/targets/"));
  }

  /** Where the TUF targets are, to fetch one by its name as a stream (a patch). */
  public URI tufTargetsBase() {
    return base.resolve("api/v1/tuf/targets/");
  }

  /** The HTTP client this one uses, with its trusted certificates. */
  public HttpClient http() {
    return http;
  }

  // ---- reads -------------------------------------------------------------------------------

  /** The highest version offered now in a mode; empty when the mode offers none. */
  public Optional<VersionInfo> latest(String product, String mode) {
    try {
      return Optional.of(
          get(
              "api/v1/products/" + seg(product) + "/modes/" + seg(mode) + "/latest",
              VersionInfo.class));
    } catch (ServiceException e) {
      if (e.notFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public VersionInfo version(String product, String version) {
    return get("api/v1/products/" + seg(product) + "/versions/" + seg(version), VersionInfo.class);
  }

  public SignedManifest manifest(String product, String version) {
    return get(
        "api/v1/products/" + seg(product) + "/versions/" + seg(version) + "/manifest",
        SignedManifest.class);
  }

  public SigningKeyInfo signingKey() {
    return get("api/v1/signing-key", SigningKeyInfo.class);
  }

  /** The modes valid now, every page. */
  public List<ModeInfo> modes() {
    return allPages("api/v1/modes", new TypeReference<Page<ModeInfo>>() {});
  }

  /** The products valid now, every page. */
  public List<ProductInfo> products() {
    return allPages("api/v1/products", new TypeReference<Page<ProductInfo>>() {});
  }

  /** Every version of a product, every page. */
  public List<VersionInfo> versions(String product) {
    return allPages(
        "api/v1/products/" + seg(product) + "/versions", new TypeReference<Page<VersionInfo>>() {});
  }

  private <T> List<T> allPages(String path, TypeReference<Page<T>> type) {
    List<T> all = new ArrayList<>();
    String cursor = null;
    do {
      Page<T> page = get(path + (cursor == null ? "" : "?cursor=" + seg(cursor)), type);
      all.addAll(page.items());
      cursor = page.next();
    } while (cursor != null);
    return all;
  }

  public InstallInfo install(String installId) {
    return get("api/v1/installs/" + seg(installId), InstallInfo.class);
  }

  public CurrentMode currentMode(String installId) {
    return get("api/v1/installs/" + seg(installId) + "/mode", CurrentMode.class);
  }

  /**
   * A file's {@code .caibx} by its SHA-256, checked against that digest, so a wrong or altered
   * index is never used.
   */
  public byte[] index(String sha256) {
    HttpResponse<byte[]> r =
        bounded(request("index/" + seg(sha256) + ".caibx").GET().build(), MAX_INDEX);
    expectOk(r, "index " + sha256);
    String actual = Sha256.hex(r.body());
    if (!actual.equals(sha256)) {
      throw new ServiceException(
          502, "index " + sha256 + " from " + base + " has digest " + actual);
    }
    return r.body();
  }

  public boolean hasIndex(String sha256) {
    HttpResponse<Void> r =
        send(
            request("index/" + seg(sha256) + ".caibx")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() == 404) {
      return false;
    }
    expectOk(r, "index " + sha256);
    return true;
  }

  // ---- writes ------------------------------------------------------------------------------

  /** Registers a new install; the answer carries its credential, shown this once. */
  public InstallRegistered registerInstall(InstallRegistration registration) {
    return post("api/v1/installs", registration, InstallRegistered.class);
  }

  // ---- an install's own calls (its credential) ---------------------------------------------

  /** Starts the install's update, or joins the one running. */
  public UpdateView startUpdate(String installId, UpdateStart start) {
    return post("api/v1/installs/" + seg(installId) + "/update", start, UpdateView.class);
  }

  /** The install's latest update; a 404 {@link ServiceException} when it has had none. */
  public UpdateView update(String installId) {
    return get("api/v1/installs/" + seg(installId) + "/update", UpdateView.class);
  }

  /** Sends {@code pause}, {@code resume} or {@code cancel} to the install's running update. */
  public UpdateView controlUpdate(String installId, String verb) {
    return post(
        "api/v1/installs/" + seg(installId) + "/update/" + seg(verb), null, UpdateView.class);
  }

  /** The install's worker is online: the service keeps it current with these settings. */
  public void startLauncher(String installId, LauncherStart settings) {
    sendNoAnswer("POST", "api/v1/installs/" + seg(installId) + "/launcher", settings);
  }

  // ---- support staff's calls (the support token) -------------------------------------------

  /** Revokes an install's credential. */
  public void revokeCredential(String installId) {
    sendNoAnswer("DELETE", "api/v1/installs/" + seg(installId) + "/credential", null);
  }

  /** Issues an install a new credential, replacing the old one. */
  public CredentialIssued reissueCredential(String installId) {
    return post("api/v1/installs/" + seg(installId) + "/credential", null, CredentialIssued.class);
  }

  public InstallInfo switchMode(String installId, String mode) {
    return send(
        "PUT",
        "api/v1/installs/" + seg(installId) + "/mode",
        new ModeSwitch(mode),
        InstallInfo.class);
  }

  public ProductInfo createProduct(String name) {
    return post("api/v1/products", new NewProduct(name), ProductInfo.class);
  }

  public ModeInfo createMode(String name) {
    return post("api/v1/modes", new NewMode(name), ModeInfo.class);
  }

  public void putIndex(String sha256, byte[] caibx) {
    HttpResponse<String> r =
        send(
            request("index/" + seg(sha256) + ".caibx")
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(caibx))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    expectOk(r, "upload of index " + sha256);
  }

  public ReleaseInfo release(ReleaseRequest request) {
    return post("api/v1/releases", request, ReleaseInfo.class);
  }

  // ---- rollouts (writes need the publisher token) ------------------------------------------

  public RolloutInfo startRollout(RolloutStart start) {
    return post("api/v1/rollouts", start, RolloutInfo.class);
  }

  public RolloutScheduleInfo scheduleRollout(RolloutScheduleRequest schedule) {
    return post("api/v1/rollouts/schedules", schedule, RolloutScheduleInfo.class);
  }

  /** One rollout with each wave's live counts. */
  public RolloutInfo rollout(String rolloutId) {
    return get("api/v1/rollouts/" + seg(rolloutId), RolloutInfo.class);
  }

  /** The newest rollouts, at most {@code limit}. */
  public List<RolloutInfo> recentRollouts(int limit) {
    return get("api/v1/rollouts?limit=" + limit, new TypeReference<Page<RolloutInfo>>() {}).items();
  }

  /** Asks the rollout to pause; the answer is the rollout as recorded before it takes effect. */
  public RolloutInfo pauseRollout(String rolloutId) {
    return post("api/v1/rollouts/" + seg(rolloutId) + "/pause", null, RolloutInfo.class);
  }

  public RolloutInfo resumeRollout(String rolloutId) {
    return post("api/v1/rollouts/" + seg(rolloutId) + "/resume", null, RolloutInfo.class);
  }

  public RolloutInfo abortRollout(String rolloutId, String reason) {
    return post(
        "api/v1/rollouts/" + seg(rolloutId) + "/abort",
        new RolloutAbortRequest(reason),
        RolloutInfo.class);
  }

  // ---- TUF repository (release engineers; writes need the publisher token) -----------------

  /** The service's newest root metadata file, as stored. */
  public byte[] tufRoot() {
    HttpResponse<byte[]> r =
        bounded(request("api/v1/tuf/metadata/root.json").GET().build(), MAX_ANSWER);
    expectOk(r, "GET /api/v1/tuf/metadata/root.json");
    return r.body();
  }

  /** Uploads the next root, signed offline; the service checks both thresholds. */
  public void putTufRoot(byte[] metadata) {
    putMetadata("api/v1/tuf/metadata/root", metadata);
  }

  /** Uploads targets metadata signed with offline targets keys. */
  public void putTufTargets(byte[] metadata) {
    putMetadata("api/v1/tuf/metadata/targets", metadata);
  }

  /** The {@code signed} part of the next targets metadata, for offline signing. */
  public byte[] tufTargetsProposal() {
    HttpResponse<byte[]> r =
        bounded(request("api/v1/tuf/targets-proposal").GET().build(), MAX_ANSWER);
    expectOk(r, "GET /api/v1/tuf/targets-proposal");
    return r.body();
  }

  /** Has the service make and keep a new online key for a role; its public key in TUF form. */
  public byte[] newTufOnlineKey(String role) {
    HttpRequest req =
        request("api/v1/tuf/online-keys/" + seg(role))
            .method("POST", HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<byte[]> r = send(req, HttpResponse.BodyHandlers.ofByteArray());
    expectOk(r, "POST /api/v1/tuf/online-keys/" + role);
    return r.body();
  }

  private void putMetadata(String path, byte[] metadata) {
    HttpRequest req =
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(metadata))
            .build();
    HttpResponse<byte[]> r = send(req, HttpResponse.BodyHandlers.ofByteArray());
    expectOk(r, "PUT /" + path);
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private <T> T get(String path, Class<T> type) {
    HttpResponse<byte[]> r = bounded(request(path).GET().build(), MAX_ANSWER);
    expectOk(r, "GET /" + path);
    return read(r.body(), type, path);
  }

  private <T> T get(String path, TypeReference<T> type) {
    HttpResponse<byte[]> r = bounded(request(path).GET().build(), MAX_ANSWER);
    expectOk(r, "GET /" + path);
    try {
      return JSON.readValue(r.body(), type);
    } catch (IOException e) {
      throw new ServiceException(
          502, "unreadable answer from " + base + path + ": " + e.getMessage());
    }
  }

  private <T> T post(String path, Object body, Class<T> type) {
    return send("POST", path, body, type);
  }

  private <T> T send(String method, String path, Object body, Class<T> type) {
    HttpRequest req =
        request(path)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(ManifestJson.write(body)))
            .build();
    HttpResponse<byte[]> r = send(req, HttpResponse.BodyHandlers.ofByteArray());
    expectOk(r, method + " /" + path);
    return read(r.body(), type, path);
  }

  private void sendNoAnswer(String method, String path, Object body) {
    HttpRequest.Builder b = request(path);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(ManifestJson.write(body)));
    }
    HttpResponse<byte[]> r = send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    expectOk(r, method + " /" + path);
  }

  private static <T> T read(byte[] body, Class<T> type, String path) {
    try {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new ServiceException(502, "unreadable answer to /" + path + ": " + e.getMessage());
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  /**
   * A GET read whole within a size and a deadline set by its size ({@link HttpBodies}): a service
   * or proxy that trickles or floods fails the call instead of holding it or filling the heap.
   */
  private HttpResponse<byte[]> bounded(HttpRequest req, long maxBytes) {
    try {
      return HttpBodies.send(http, req, maxBytes, timeout);
    } catch (HttpBodies.TooLargeException e) {
      throw new ServiceException(
          502, "the answer to " + req.uri() + " is too large: " + e.getMessage());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceException("interrupted while calling " + req.uri(), e);
    }
  }

  private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(req, handler);
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceException("interrupted while calling " + req.uri(), e);
    }
  }

  private ServiceException unreachable(IOException e) {
    return new ServiceException(
        "cannot reach the Nebula service at "
            + base
            + " ("
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + ")",
        e);
  }

  private static void expectOk(HttpResponse<?> r, String what) {
    int s = r.statusCode();
    if (s >= 200 && s < 300) {
      return;
    }
    String message = null;
    if (r.body() instanceof byte[] bytes && bytes.length > 0) {
      message = errorText(bytes);
    } else if (r.body() instanceof String str && !str.isEmpty()) {
      message = errorText(str.getBytes(StandardCharsets.UTF_8));
    }
    throw new ServiceException(s, message != null ? message : what + " failed with HTTP " + s);
  }

  private static String errorText(byte[] body) {
    try {
      ErrorBody e = JSON.readValue(body, ErrorBody.class);
      return e.error();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
