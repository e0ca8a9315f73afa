package dev.dltrack.tracker.s3;

import java.util.Map;

/**
 * Points every run and reader of this JVM that opens an {@code s3://} URI at a test server: the AWS
 * SDK takes credentials from the system properties {@code aws.accessKeyId} and {@code
 * aws.secretAccessKey} (its default chain), the tracker takes store options from {@code
 * dltrack.s3.*}.
 */
public final class StoreProperties {
  private StoreProperties() {}

  /** Sets the properties that reach {@code server}. */
  public static void set(S3Server server) {
    set(server.options());
  }

  /** Sets the properties that reach {@code server}. */
  public static void set(S3ServerProcess server) {
    set(server.options());
  }

  private static void set(Map<String, String> options) {
    System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
    System.setProperty("aws.region", "us-east-1");
    for (Map.Entry<String, String> o : options.entrySet()) {
      System.setProperty("dltrack.s3." + o.getKey(), o.getValue());
    }
  }

  /** Removes them. */
  public static void clear() {
    for (String p : System.getProperties().stringPropertyNames()) {
      if (p.startsWith("dltrack.s3.") || p.startsWith("aws.")) {
        System.clearProperty(p);
      }
    }
  }
}
