package org.vsekai.nebula.server;

import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.logging.common.BootstrapLogging;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.vsekai.nebula.gateway.KeyedTokenBuckets;
import org.vsekai.nebula.schema.NebulaJdbi;
import org.vsekai.nebula.schema.RolloutRepository;
import org.vsekai.nebula.server.auth.ApiAuth;
import org.vsekai.nebula.server.auth.CallerAuthenticator;
import org.vsekai.nebula.server.auth.InstallCredentialCache;
import org.vsekai.nebula.server.config.ConfigSubstitutor;
import org.vsekai.nebula.server.config.FileOrClasspathSourceProvider;
import org.vsekai.nebula.server.config.LimitsFactory;
import org.vsekai.nebula.server.core.TaskTokenKey;
import org.vsekai.nebula.server.db.DatabaseConnection;
import org.vsekai.nebula.server.db.DbCommand;
import org.vsekai.nebula.server.db.Migrations;
import org.vsekai.nebula.server.health.StoreDiskHealthCheck;
import org.vsekai.nebula.server.health.TemporalConnection;
import org.vsekai.nebula.server.http.BodyLimitFilter;
import org.vsekai.nebula.server.http.JsonErrorHandlers;
import org.vsekai.nebula.server.http.RateLimitFilter;
import org.vsekai.nebula.server.installs.InstallUpdates;
import org.vsekai.nebula.server.jersey.ApiJson;
import org.vsekai.nebula.server.jersey.ErrorMappers;
import org.vsekai.nebula.server.resources.InstallLauncherResource;
import org.vsekai.nebula.server.resources.InstallUpdatesResource;
import org.vsekai.nebula.server.resources.InstallsResource;
import org.vsekai.nebula.server.resources.LatestVersionResource;
import org.vsekai.nebula.server.resources.ModesResource;
import org.vsekai.nebula.server.resources.ProductResource;
import org.vsekai.nebula.server.resources.ProductsResource;
import org.vsekai.nebula.server.resources.ReleasesResource;
import org.vsekai.nebula.server.resources.RolloutsResource;
import org.vsekai.nebula.server.resources.SigningKeyResource;
import org.vsekai.nebula.server.resources.TufKeysResource;
import org.vsekai.nebula.server.resources.TufMetadataResource;
import org.vsekai.nebula.server.resources.TufTargetsResource;
import org.vsekai.nebula.server.resources.UpdateProcessesResource;
import org.vsekai.nebula.server.resources.VersionsResource;
import org.vsekai.nebula.server.rollout.RolloutControl;
import org.vsekai.nebula.server.store.ChunkStoreServlet;
import org.vsekai.nebula.server.store.ContentAddressedServlet;
import org.vsekai.nebula.server.store.IndexStoreServlet;
import org.vsekai.nebula.server.store.StoreReadHandler;
import org.vsekai.nebula.server.temporal.GatewayCounts;
import org.vsekai.nebula.server.temporal.GatewayServer;
import org.vsekai.nebula.server.temporal.ServiceWorker;
import org.vsekai.nebula.server.tuf.TufRefreshSchedule;

/**
 * The updater service: REST under {@code /api/v1}, the chunk store at {@code /store/} and the index
 * store at {@code /index/}. Commands: {@code server [config.yml]} and {@code db migrate
 * [config.yml]}; without a file the bundled {@code nebula.yml} is used, which reads its settings
 * from {@code NEBULA_*} environment variables.
 */
public class NebulaApplication extends Application<NebulaConfiguration> {
  public static final String DEFAULT_CONFIG = "nebula.yml";

  /** The name Dropwizard gives the connectors of the application port (the other is "admin"). */
  static final String APPLICATION_CONNECTOR = "application";

  /** Where the chunk store and the index store are served, in desync's layout. */
  static final String CHUNK_STORE_PATH = "/store";

  static final String INDEX_STORE_PATH = "/index";

  static final String TUF_TARGETS_UPLOAD = "/api/v1/tuf/metadata/targets";

  private final Map<String, String> configOverrides;
  private volatile NebulaServices services;
  private volatile Server server;
  private volatile GatewayServer gatewayServer;

  public NebulaApplication() {
    this(Map.of());
  }

  /**
   * @param configOverrides values for {@code ${NAME}} in the YAML that win over the environment
   */
  public NebulaApplication(Map<String, String> configOverrides) {
    this.configOverrides = Map.copyOf(configOverrides);
  }

  public static void main(String[] args) throws Exception {
    BootstrapLogging.bootstrap();
    new NebulaApplication().run(withDefaultConfig(args));
  }

  /**
   * Dropwizard resets the process's logging when an application is constructed; that is right for
   * {@link #main} (which does it itself) and wrong for a host program that embeds the service and
   * keeps its own logging.
   */
  @Override
  protected void bootstrapLogging() {}

  /** {@code server} and {@code db migrate} without a file use the bundled configuration. */
  static String[] withDefaultConfig(String[] args) {
    List<String> a = new ArrayList<>(List.of(args));
    if (a.equals(List.of("server")) || a.equals(List.of("db", "migrate"))) {
      a.add(DEFAULT_CONFIG);
    }
    return a.toArray(String[]::new);
  }

  @Override
  public String getName() {
    return "nebula";
  }

  @Override
  public void initialize(Bootstrap<NebulaConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            new FileOrClasspathSourceProvider(), new ConfigSubstitutor(configOverrides)));
    bootstrap.addCommand(new DbCommand());
    ApiJson.textDatesAndKnownFields(bootstrap.getObjectMapper());
  }

  @Override
  public void run(NebulaConfiguration config, Environment environment) {
    // After the configuration was read: environment variables reach its YAML as text.
    ApiJson.strictScalars(environment.getObjectMapper());
    createDirectories(config);
    if (config.tls().configured()) {
      HttpsConnectors.serveHttps(config);
    }
    DatabaseConnection database = DatabaseConnection.of(config.database(), config.dataDir());
    // Managed objects start in the order they are added and stop in reverse: the embedded server
    // first, then the pool, then migrations; the HTTP port opens only after all of them.
    if (database.embedded() != null) {
      environment.lifecycle().manage(database.embedded());
    }
    ManagedDataSource dataSource = database.dataSource().build(environment.metrics(), "database");
    Jdbi jdbi =
        NebulaJdbi.configure(
            new JdbiFactory().build(environment, database.dataSource(), dataSource, "database"));
    NebulaServices wired = NebulaServices.wire(config, jdbi, Clock.systemUTC());
    if (config.database().migrateOnStart()) {
      environment.lifecycle().manage(new Migrations(dataSource));
    }

    InstallCredentialCache credentials = new InstallCredentialCache(wired.installCredentials());
    ApiAuth.providers(
            new CallerAuthenticator(
                wired.publisherToken(), wired.supportToken(), credentials::verify))
        .forEach(environment.jersey()::register);
    registerLimits(config, environment, wired);
    registerStores(config, environment, wired);
    environment.getApplicationContext().setErrorHandler(new JsonErrorHandlers.ForServlets());
    environment
        .healthChecks()
        .register(
            "chunk-store-disk",
            new StoreDiskHealthCheck(wired.chunkStore().dir(), config.store().minFreeBytes()));
    RolloutRepository rollouts = new RolloutRepository(wired.transactions(), wired.clock());
    RolloutControl rolloutControl = null;
    InstallUpdates installUpdates = null;
    WorkflowClient temporalClient = null;
    if (config.temporal().configured()) {
      TemporalConnection temporal = new TemporalConnection(config.temporal().target());
      environment.lifecycle().manage(temporal);
      environment.healthChecks().register("temporal", temporal);
      WorkflowClient client =
          WorkflowClient.newInstance(
              temporal.stubs(),
              WorkflowClientOptions.newBuilder()
                  .setNamespace(config.temporal().namespace())
                  .build());
      environment.lifecycle().manage(new ServiceWorker(client, rollouts, wired));
      wired.patchJobs().useTemporal(client);
      gatewayServer =
          new GatewayServer(
              config.gateway(),
              config.tls(),
              temporal::stubs,
              config.temporal().namespace(),
              credentials,
              TaskTokenKey.configuredOrStored(config.gateway().taskTokenKey(), config.dataDir()));
      environment.lifecycle().manage(gatewayServer);
      GatewayCounts.register(environment.metrics(), gatewayServer);
      rolloutControl = new RolloutControl(client, rollouts, wired.clock());
      installUpdates = new InstallUpdates(client, wired.installs());
      temporalClient = client;
    }
    // After the migrations: its first refresh makes the first TUF root before the port opens.
    environment
        .lifecycle()
        .manage(
            new TufRefreshSchedule(
                wired.tuf().publisher(), config.tuf().refreshInterval(), temporalClient));
    registerApi(environment, wired, credentials, installUpdates, config);
    environment.jersey().register(new RolloutsResource(rollouts, rolloutControl));
    environment
        .lifecycle()
        .addServerLifecycleListener(
            started -> {
              // Dropwizard installs Jetty's HTML error handler as it builds the server; this
              // one answers what Jetty refuses before any context sees it in JSON instead.
              started.setErrorHandler(new JsonErrorHandlers.ForServer());
              this.server = started;
            });
    this.services = wired;
  }

  /** Body caps on every path, and rate limits on callers without a role token. */
  private static void registerLimits(
      NebulaConfiguration config, Environment environment, NebulaServices s) {
    LimitsFactory limits = config.limits();
    long maxChunk = maxCompressedChunk(config);
    long maxIndex = config.store().maxIndexBytes();
    environment
        .servlets()
        .addFilter(
            "body-limit",
            new BodyLimitFilter(
                path -> {
                  if (path.startsWith(CHUNK_STORE_PATH + "/")) {
                    return maxChunk;
                  }
                  if (path.startsWith(INDEX_STORE_PATH + "/")) {
                    return maxIndex;
                  }
                  // A release lists its files, and so do targets signed offline.
                  if (path.equals("/api/v1/releases")) {
                    return limits.maxReleaseBody();
                  }
                  if (path.equals(TUF_TARGETS_UPLOAD)) {
                    return limits.maxReleaseBody();
                  }
                  return limits.maxJsonBody();
                }))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    KeyedTokenBuckets requests =
        limits.requestsPerSecond() > 0
            ? new KeyedTokenBuckets(limits.requestsPerSecond(), limits.requestBurst())
            : null;
    KeyedTokenBuckets registrations =
        limits.registrationsPerMinute() > 0
            ? new KeyedTokenBuckets(
                limits.registrationsPerMinute() / 60.0, limits.registrationBurst())
            : null;
    environment
        .servlets()
        .addFilter(
            "rate-limit",
            new RateLimitFilter(
                requests,
                registrations,
                credential ->
                    s.publisherToken().matches(credential) || s.supportToken().matches(credential)))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/*");
  }

  private void registerApi(
      Environment environment,
      NebulaServices s,
      InstallCredentialCache credentials,
      InstallUpdates installUpdates,
      NebulaConfiguration config) {
    var jersey = environment.jersey();
    ErrorMappers.all().forEach(jersey::register);
    jersey.register(new ProductsResource(s.catalog().products()));
    jersey.register(new ProductResource(s.catalog().products()));
    jersey.register(new ModesResource(s.catalog().modes()));
    jersey.register(
        new VersionsResource(
            s.catalog().versions(),
            s.catalog().releases(),
            s.manifests(),
            s.tuf().publisher()::refreshAfterCatalogChange));
    jersey.register(new LatestVersionResource(s.catalog().versions(), s.clock()));
    jersey.register(new ReleasesResource(s.releasePublisher()));
    jersey.register(new SigningKeyResource(s.signingKeys()));
    jersey.register(new TufMetadataResource(s.tuf().metadata(), s.tuf().uploads()));
    jersey.register(
        new TufTargetsResource(
            s.catalog().versions(),
            s.indexStore(),
            s.patches(),
            s.patchStore(),
            environment.metrics().meter("store.patches.served-bytes")));
    jersey.register(new TufKeysResource(s.tuf().onlineKeys(), s.tuf().publisher()));
    jersey.register(
        new InstallsResource(
            s.installs(),
            s.installCredentials(),
            credentials,
            uri -> Map.entry(gatewayAddress(config, uri), config.tls().configured()),
            (install, mode) -> {
              if (installUpdates != null) {
                installUpdates.followMode(install, mode);
              }
            }));
    jersey.register(new InstallUpdatesResource(installUpdates));
    jersey.register(new InstallLauncherResource(installUpdates));
    jersey.register(new UpdateProcessesResource(s.updateProcesses()));
  }

  /**
   * Where players reach the gateway: the configured public address, else the host they reached the
   * service by, with the port the gateway listens on.
   */
  private String gatewayAddress(NebulaConfiguration config, UriInfo uri) {
    if (config.gateway().publicAddress() != null) {
      return config.gateway().publicAddress();
    }
    int port =
        gatewayServer != null && gatewayServer.gateway() != null
            ? gatewayServer.gateway().port()
            : config.gateway().port();
    String host = uri.getBaseUri().getHost();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static void registerStores(
      NebulaConfiguration config, Environment environment, NebulaServices s) {
    int maxCompressed = maxCompressedChunk(config);
    ChunkStoreServlet chunkServlet =
        new ChunkStoreServlet(
            s.chunkStore(), s.publisherToken(), maxCompressed, environment.metrics());
    IndexStoreServlet indexServlet =
        new IndexStoreServlet(
            s.indexStore(),
            s.publisherToken(),
            config.store().maxIndexBytes(),
            environment.metrics());
    environment
        .servlets()
        .addServlet("chunk-store", chunkServlet)
        .addMapping(CHUNK_STORE_PATH + "/*");
    environment
        .servlets()
        .addServlet("index-store", indexServlet)
        .addMapping(INDEX_STORE_PATH + "/*");
    // Downloads skip Dropwizard's handler chain; the servlets answer everything else.
    Map<String, ContentAddressedServlet> stores =
        Map.of(CHUNK_STORE_PATH, chunkServlet, INDEX_STORE_PATH, indexServlet);
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                  StoreReadHandler.install(
                      server, stores, APPLICATION_CONNECTOR, config.store().memoryCacheBytes());
                }
              }
            });
  }

  /** Compressed chunks can be a little larger than their content: zstd's worst case. */
  private static int maxCompressedChunk(NebulaConfiguration config) {
    return config.store().maxChunkBytes() + config.store().maxChunkBytes() / 128 + 1024;
  }

  private static void createDirectories(NebulaConfiguration config) {
    try {
      Files.createDirectories(config.dataDir());
      Files.createDirectories(config.store().chunkDir(config.dataDir()));
      Files.createDirectories(config.store().indexDir(config.dataDir()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the service's folders under " + config.dataDir(), e);
    }
  }

  /** The wired services once {@link #run} has run; null before. */
  public NebulaServices services() {
    return services;
  }

  /** The install gateway's call counts by method; empty without Temporal. */
  public Map<String, Long> gatewayCalls() {
    GatewayServer g = gatewayServer;
    return g == null || g.gateway() == null ? Map.of() : g.gateway().counts().snapshot();
  }

  /** The install gateway's port once started; 0 without Temporal. */
  public int gatewayPort() {
    GatewayServer g = gatewayServer;
    return g == null || g.gateway() == null ? 0 : g.gateway().port();
  }

  /** The Jetty server once started; null before. */
  public Server server() {
    return server;
  }
}
