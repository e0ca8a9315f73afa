package dev.dltrack.sweep.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * What the driver ships to the executors ({@code spark.jars}), so that a cluster with nothing but
 * Java and Spark installed can train: every entry of this JVM's class path except Spark's own jars
 * (listed at build time in {@code spark-jars.txt}), which is the trainer, the tracker, DL4J, ND4J
 * and its native libraries for Linux x86-64. Class directories (a build's {@code target/classes})
 * are packed into jars first. Spark serves them from the driver; each executor fetches them once.
 */
final class ExecutorJars {
  private ExecutorJars() {}

  /** The jars to ship, packing class directories into {@code scratch}. */
  static List<String> forExecutors(Path scratch) throws IOException {
    Set<String> spark = sparkJarNames();
    List<String> jars = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        Path jar = scratch.resolve(String.format("classes-%02d-%s.jar", n++, describe(p)));
        pack(p, jar);
        jars.add(jar.toString());
      } else if (Files.isRegularFile(p) && !spark.contains(p.getFileName().toString())) {
        jars.add(p.toAbsolutePath().toString());
      }
    }
    return jars;
  }

  /** The file names of Spark's jars and their dependencies, as the build resolved them. */
  static Set<String> sparkJarNames() throws IOException {
    try (InputStream in = ExecutorJars.class.getResourceAsStream("spark-jars.txt")) {
      if (in == null) {
        throw new IOException(
            "spark-jars.txt is missing from the sweep-spark module's classes: rebuild it");
      }
      Set<String> names = new HashSet<>();
      for (String e : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("[:;]")) {
        names.add(e.substring(e.lastIndexOf('/') + 1));
      }
      return names;
    }
  }

  /** {@code trainer} for {@code .../trainer/target/classes}. */
  private static String describe(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    Path module =
        abs.getParent() != null && abs.getParent().getParent() != null
            ? abs.getParent().getParent().getFileName()
            : abs.getFileName();
    return (module == null ? "root" : module.toString()) + "-" + abs.getFileName();
  }

  private static void pack(Path dir, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(
            new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, zip);
        zip.closeEntry();
      }
    }
  }
}
