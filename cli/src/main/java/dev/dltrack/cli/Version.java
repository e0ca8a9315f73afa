package dev.dltrack.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code dltrack --version}: the version the build wrote into {@value #RESOURCE}. */
final class Version implements IVersionProvider {
  /** The resource Maven fills in with the project's version. */
  static final String RESOURCE = "version.properties";

  /** The build's version of dltrack, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String number() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path: build the cli module with Maven");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return p.getProperty("version");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"dltrack " + number()};
  }
}
