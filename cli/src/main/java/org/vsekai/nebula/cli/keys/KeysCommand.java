package org.vsekai.nebula.cli.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.MetadataBuilder;
import org.vsekai.nebula.api.tuf.RoleKeys;
import org.vsekai.nebula.api.tuf.RootEditor;
import org.vsekai.nebula.api.tuf.TufKey;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.commands.PublisherTokenOption;
import org.vsekai.nebula.cli.commands.ServiceAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The release engineer's TUF keys, on a machine of their own: make keys, rotate a role's keys in a
 * new root, sign metadata (a threshold is a ceremony: one key holder after another adds a signature
 * to the same file), upload it, and sign targets with offline keys. README, "Security model", has
 * the procedures.
 */
@Command(
    name = "keys",
    description =
        "TUF keys of the release metadata: init, show, rotate, sign, upload, sign-targets.",
    subcommands = {
      KeysCommand.Init.class,
      KeysCommand.Show.class,
      KeysCommand.Rotate.class,
      KeysCommand.Sign.class,
      KeysCommand.Upload.class,
      KeysCommand.SignTargets.class
    })
public final class KeysCommand implements Runnable {
  private static final List<String> ROLES = List.of("root", "targets", "snapshot", "timestamp");

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }

  @Command(name = "init", description = "Make a key pair: DIR/NAME.key (private, 0600) and .pub.")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "the key's file name, e.g. root-alice")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "where to write it (default .)")
    Path dir = Path.of(".");

    @Override
    public Integer call() throws IOException {
      TufKey key = KeyFiles.create(dir, name);
      Cli.out(spec)
          .println(
              "Key " + key.keyId() + " in " + dir.resolve(name + ".key") + " (keep it offline)");
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", description = "Show the service's current root: roles, keys, thresholds.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      GlobalOptions g = Cli.global(spec);
      Metadata root = Metadata.parse(ServiceAccess.reader(g).tufRoot(), "root");
      PrintWriter out = Cli.out(spec);
      out.println("root version " + root.version() + ", expires " + root.expires());
      for (String role : ROLES) {
        RoleKeys r = root.roleKeys(role);
        out.println("  " + role + ": " + r.threshold() + " of " + r.keyids());
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "rotate",
      description =
          "Make the next root with ROLE's keys changed, sign it with --sign keys, and upload it"
              + " (or write it with --out for other key holders to sign).")
  static final class Rotate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin PublisherTokenOption token;

    @Parameters(paramLabel = "ROLE", description = "root, targets, snapshot or timestamp")
    String role;

    @Option(names = "--add", paramLabel = "PUBFILE", description = "a public key to add")
    List<Path> add = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "KEYID", description = "a key to remove")
    List<String> remove = new ArrayList<>();

    @Option(names = "--replace", description = "remove every current key of ROLE first")
    boolean replace;

    @Option(
        names = "--online",
        description = "ask the service for a new online key for ROLE and use it instead of the old")
    boolean online;

    @Option(names = "--threshold", paramLabel = "N", description = "keys needed for ROLE")
    Integer threshold;

    @Option(
        names = "--sign",
        paramLabel = "KEYFILE",
        description = "a private key to sign the new root with (old and new root keys)")
    List<Path> sign = new ArrayList<>();

    @Option(names = "--expires-days", paramLabel = "DAYS", description = "default 365")
    long expiresDays = 365;

    @Option(names = "--out", paramLabel = "FILE", description = "write the new root, do not upload")
    Path out;

    @Override
    public Integer call() throws IOException {
      if (!ROLES.contains(role)) {
        throw new IllegalArgumentException("ROLE is one of " + ROLES);
      }
      GlobalOptions g = Cli.global(spec);
      var service = token.publisher(g);
      RootEditor editor = new RootEditor(Metadata.parse(service.tufRoot(), "root"));
      if (replace || online) {
        editor.clearKeys(role);
      }
      for (String id : remove) {
        editor.removeKey(role, id);
      }
      for (Path p : add) {
        editor.addKey(role, KeyFiles.publicKey(p));
      }
      if (online) {
        if (role.equals("root")) {
          throw new IllegalArgumentException("the root key is never online");
        }
        // The service names the key beside it; the root's key object is the key alone.
        var made = (ObjectNode) new ObjectMapper().readTree(service.newTufOnlineKey(role));
        made.remove("keyid");
        editor.addKey(role, TufKey.fromJson(made));
      }
      if (threshold != null) {
        editor.threshold(role, threshold);
      }
      List<TufSigner> signers = new ArrayList<>();
      for (Path p : sign) {
        signers.add(KeyFiles.signer(p));
      }
      byte[] next =
          MetadataBuilder.sign(
              editor.next(Instant.now().plus(Duration.ofDays(expiresDays))), signers);
      long version = Metadata.parse(next, "root").version();
      if (out != null) {
        Files.write(out, next);
        Cli.out(spec)
            .println(
                "Root "
                    + version
                    + " written to "
                    + out
                    + "; sign it with `vsekai keys sign`, then `vsekai keys upload`");
      } else {
        service.putTufRoot(next);
        Cli.out(spec)
            .println("Root " + version + " uploaded: " + role + " is " + editor.keyids(role));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "sign", description = "Add signatures to a metadata file (a signing ceremony).")
  static final class Sign implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--sign", paramLabel = "KEYFILE", required = true)
    List<Path> sign = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      List<TufSigner> signers = new ArrayList<>();
      for (Path p : sign) {
        signers.add(KeyFiles.signer(p));
      }
      Files.write(file, MetadataBuilder.addSignatures(Files.readAllBytes(file), signers));
      Cli.out(spec)
          .println("Signed " + file + " with " + signers.stream().map(TufSigner::keyId).toList());
      return ExitCodes.OK;
    }
  }

  @Command(name = "upload", description = "Upload a signed root or targets metadata file.")
  static final class Upload implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin PublisherTokenOption token;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws IOException {
      byte[] bytes = Files.readAllBytes(file);
      String type = new ObjectMapper().readTree(bytes).path("signed").path("_type").asText();
      var service = token.publisher(Cli.global(spec));
      switch (type) {
        case "root" -> service.putTufRoot(bytes);
        case "targets" -> service.putTufTargets(bytes);
        default ->
            throw new IllegalArgumentException(file + " is neither root nor targets metadata");
      }
      Cli.out(spec)
          .println("Uploaded " + type + " version " + Metadata.parse(bytes, type).version());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "sign-targets",
      description = "Sign the service's next targets with offline targets keys and upload them.")
  static final class SignTargets implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin PublisherTokenOption token;

    @Option(names = "--sign", paramLabel = "KEYFILE", required = true)
    List<Path> sign = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      var service = token.publisher(Cli.global(spec));
      var signed = new ObjectMapper().readTree(service.tufTargetsProposal());
      List<TufSigner> signers = new ArrayList<>();
      for (Path p : sign) {
        signers.add(KeyFiles.signer(p));
      }
      byte[] targets = MetadataBuilder.sign(signed, signers);
      service.putTufTargets(targets);
      Cli.out(spec)
          .println(
              "Targets " + Metadata.parse(targets, "targets").version() + " signed and uploaded");
      return ExitCodes.OK;
    }
  }
}
