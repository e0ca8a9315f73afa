package dev.dltrack.tracker.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's name, safe as one component of a file name. Read from the environment or the
 * kernel before asking the resolver, because a slow DNS must not delay opening a run.
 */
public final class HostName {
  private HostName() {}

  public static String get() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      } catch (IOException | RuntimeException e) {
        name = null;
      }
    }
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        name = "localhost";
      }
    }
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
