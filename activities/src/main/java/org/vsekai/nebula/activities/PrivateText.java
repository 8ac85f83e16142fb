package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes the player's machine out of text that leaves it. Failure messages travel to the service,
 * Temporal's history and support staff; the install folder's path and the user's home (which
 * usually holds their user name) are replaced by {@code <install>} and {@code ~}.
 */
public final class PrivateText {
  private final Map<String, String> replacements = new LinkedHashMap<>();

  public PrivateText(Path installRoot, Path home) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (String form : forms(installRoot)) {
      pairs.add(Map.entry(form, "<install>"));
    }
    if (home != null) {
      for (String form : forms(home)) {
        pairs.add(Map.entry(form, "~"));
      }
    }
    // Longest first, so the install folder wins over the home it usually lies in.
    pairs.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    pairs.forEach(e -> replacements.putIfAbsent(e.getKey(), e.getValue()));
  }

  /** For the running user: their home from {@code user.home}. */
  public static PrivateText forInstall(Path installRoot) {
    return new PrivateText(installRoot, Path.of(System.getProperty("user.home")));
  }

  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      out = out.replace(r.getKey(), r.getValue());
    }
    return out;
  }

  /** The path as given, absolute, and resolved through links: any of them may be in a message. */
  private static List<String> forms(Path p) {
    List<String> forms = new ArrayList<>();
    Path absolute = p.toAbsolutePath().normalize();
    forms.add(absolute.toString());
    try {
      forms.add(absolute.toRealPath().toString());
    } catch (IOException notThereYet) {
      // the absolute form is all there is
    }
    // A root ("/") or a one-letter path would replace far too much.
    forms.removeIf(f -> f.length() < 3);
    return forms;
  }
}
