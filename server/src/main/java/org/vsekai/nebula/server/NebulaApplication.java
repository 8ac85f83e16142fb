package org.vsekai.nebula.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.logging.common.BootstrapLogging;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.vsekai.nebula.schema.NebulaJdbi;
import org.vsekai.nebula.schema.RolloutRepository;
import org.vsekai.nebula.server.config.ConfigSubstitutor;
import org.vsekai.nebula.server.config.FileOrClasspathSourceProvider;
import org.vsekai.nebula.server.db.DatabaseConnection;
import org.vsekai.nebula.server.db.DbCommand;
import org.vsekai.nebula.server.db.Migrations;
import org.vsekai.nebula.server.health.StoreDiskHealthCheck;
import org.vsekai.nebula.server.health.TemporalConnection;
import org.vsekai.nebula.server.jersey.ErrorMappers;
import org.vsekai.nebula.server.jersey.PublisherTokenFilter;
import org.vsekai.nebula.server.resources.InstallsResource;
import org.vsekai.nebula.server.resources.LatestVersionResource;
import org.vsekai.nebula.server.resources.ModesResource;
import org.vsekai.nebula.server.resources.ProductResource;
import org.vsekai.nebula.server.resources.ProductsResource;
import org.vsekai.nebula.server.resources.ReleasesResource;
import org.vsekai.nebula.server.resources.RolloutsResource;
import org.vsekai.nebula.server.resources.SigningKeyResource;
import org.vsekai.nebula.server.resources.UpdateProcessesResource;
import org.vsekai.nebula.server.resources.VersionsResource;
import org.vsekai.nebula.server.rollout.RolloutControl;
import org.vsekai.nebula.server.store.ChunkStoreServlet;
import org.vsekai.nebula.server.store.ContentAddressedServlet;
import org.vsekai.nebula.server.store.IndexStoreServlet;
import org.vsekai.nebula.server.store.StoreReadHandler;
import org.vsekai.nebula.server.temporal.ServiceWorker;

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

  private final Map<String, String> configOverrides;
  private volatile NebulaServices services;
  private volatile Server server;

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
    if (a.equals(List.of("server")) || a.equals(List.of("db", "migrate"))) a.add(DEFAULT_CONFIG);
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
    bootstrap
        .getObjectMapper()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        // A misspelt field is a client's mistake to hear about, not to have silently dropped.
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  @Override
  public void run(NebulaConfiguration config, Environment environment) {
    createDirectories(config);
    DatabaseConnection database = DatabaseConnection.of(config.database(), config.dataDir());
    // Managed objects start in the order they are added and stop in reverse: the embedded server
    // first, then the pool, then migrations; the HTTP port opens only after all of them.
    if (database.embedded() != null) environment.lifecycle().manage(database.embedded());
    Jdbi jdbi =
        NebulaJdbi.configure(
            new JdbiFactory().build(environment, database.dataSource(), "database"));
    NebulaServices wired = NebulaServices.wire(config, jdbi, Clock.systemUTC());
    if (config.database().migrateOnStart())
      environment.lifecycle().manage(new Migrations(wired.transactions()));

    registerApi(environment, wired);
    registerStores(config, environment, wired);
    environment
        .healthChecks()
        .register(
            "chunk-store-disk",
            new StoreDiskHealthCheck(wired.chunkStore().dir(), config.store().minFreeBytes()));
    RolloutRepository rollouts = new RolloutRepository(wired.transactions(), wired.clock());
    RolloutControl rolloutControl = null;
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
      rolloutControl = new RolloutControl(client, rollouts, wired.clock());
    }
    environment.jersey().register(new RolloutsResource(rollouts, rolloutControl));
    environment.lifecycle().addServerLifecycleListener(started -> this.server = started);
    this.services = wired;
  }

  private static void registerApi(Environment environment, NebulaServices s) {
    var jersey = environment.jersey();
    ErrorMappers.all().forEach(jersey::register);
    jersey.register(new PublisherTokenFilter(s.publisherToken()));
    jersey.register(new ProductsResource(s.catalog()));
    jersey.register(new ProductResource(s.catalog()));
    jersey.register(new ModesResource(s.catalog()));
    jersey.register(new VersionsResource(s.catalog(), s.manifests()));
    jersey.register(new LatestVersionResource(s.catalog(), s.clock()));
    jersey.register(new ReleasesResource(s.releasePublisher()));
    jersey.register(new SigningKeyResource(s.signingKeys()));
    jersey.register(new InstallsResource(s.installs()));
    jersey.register(new UpdateProcessesResource(s.updateProcesses()));
  }

  private static void registerStores(
      NebulaConfiguration config, Environment environment, NebulaServices s) {
    // Compressed chunks can be a little larger than their content; allow for zstd's worst case.
    int maxCompressed =
        config.store().maxChunkBytes() + config.store().maxChunkBytes() / 128 + 1024;
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

  /** The Jetty server once started; null before. */
  public Server server() {
    return server;
  }
}
