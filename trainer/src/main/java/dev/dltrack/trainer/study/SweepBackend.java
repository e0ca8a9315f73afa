package dev.dltrack.trainer.study;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Trains a sweep's runs somewhere other than this JVM's own threads, such as on a Spark cluster
 * (module {@code sweep-spark}). Backends are found with {@link ServiceLoader}, so that the plain
 * sweep's classpath holds none of them.
 */
public interface SweepBackend {
  /** The name {@code sweep} selects it by, e.g. {@code spark}. */
  String name();

  /**
   * Trains every run of {@code request} (the runs already refused or allowed by {@link SweepRunner}),
   * reporting to {@code progress} as they train; the results are in the sweep's order, one per
   * run, failed runs included as {@code FAILURE} with their reason.
   */
  List<RunResult> run(SweepRequest request, SweepProgress progress) throws Exception;

  /**
   * The backend named {@code name}, or an error saying how to get it on the classpath.
   */
  static SweepBackend named(String name) {
    for (SweepBackend backend : ServiceLoader.load(SweepBackend.class)) {
      if (backend.name().equals(name)) {
        return backend;
      }
    }
    throw new IllegalStateException("the " + name + " sweep backend is not on the classpath: run the sweep "
        + "through ./dltrack, which builds module sweep-" + name + " on first use of --" + name);
  }
}
