package org.vsekai.nebula.server.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made by the JDK's own
 * {@code keytool}: a PKCS#12 key store for the service and the certificate as PEM for clients.
 */
record TestCertificate(Path keyStore, String password, Path pem) {

  static TestCertificate make(Path dir) throws IOException, InterruptedException {
    Path keyStore = dir.resolve("nebula.p12");
    Path pem = dir.resolve("nebula.pem");
    String password = "test-keystore-password";
    keytool(
        "-genkeypair",
        "-alias",
        "nebula",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password,
        "-keypass",
        password);
    keytool(
        "-exportcert",
        "-alias",
        "nebula",
        "-rfc",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        password,
        "-file",
        pem.toString());
    return new TestCertificate(keyStore, password, pem);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }
}
