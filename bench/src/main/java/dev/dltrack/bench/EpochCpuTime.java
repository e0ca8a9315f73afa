package dev.dltrack.bench;

import dev.dltrack.trainer.data.FashionMnistIterator;
import dev.dltrack.trainer.data.FashionMnistLoader;
import dev.dltrack.trainer.data.FashionMnistSplits;
import dev.dltrack.trainer.init.InitContext;
import dev.dltrack.trainer.init.InitScheme;
import dev.dltrack.trainer.study.StudyModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One JVM's side of an A/B of the study's training (issue 22, docs/performance.md): a fresh
 * he-normal network on the study's layers, seed 1, one untimed epoch, then {@code epochs} epochs,
 * each timed by the training thread's CPU time and by the wall clock; then a hash of the parameters
 * (the same hash from two builds: the same values, float bit for float bit), and the CPU time of
 * the JVM's threads by name (JIT compilers, GC) and of the process.
 *
 * <p>Run it for the old and the new build in turns, each in its own JVM, with the training JVM's
 * settings of {@code native-settings}.
 */
public final class EpochCpuTime {
  private static final int BATCH = 128;
  private static final long SEED = 1;

  private EpochCpuTime() {}

  /** Arguments: the number of timed epochs (default 4), then optionally the layers (REUSING). */
  public static void main(String[] args) throws IOException {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    StudyModel.Layers layers =
        args.length > 1 ? StudyModel.Layers.valueOf(args[1]) : StudyModel.Layers.REUSING;
    FashionMnistSplits data =
        FashionMnistSplits.split(
            FashionMnistLoader.standard().load(), FashionMnistSplits.DEFAULT_SEED);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Nd4j.getRandom().setSeed(SEED);
    MultiLayerNetwork net = StudyModel.build(SEED, 1e-3, layers);
    InitScheme.byName("he-normal").apply(net, InitContext.of(SEED));
    FashionMnistIterator train = FashionMnistIterator.shuffled(data.train(), BATCH, SEED);
    long c0 = threads.getCurrentThreadCpuTime();
    net.fit(train);
    double first = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
    double[] cpu = new double[epochs];
    double[] wall = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      net.fit(train);
      wall[e] = (System.nanoTime() - t0) / 1e6;
      cpu[e] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
    }
    System.out.printf(
        Locale.ROOT,
        "%s layers: first epoch %.0f ms CPU; then CPU ms %s, median %.0f; wall ms %s;"
            + " score %s, parameters' hash %08x%n",
        layers,
        first,
        milliseconds(cpu),
        Stats.of(cpu).median(),
        milliseconds(wall),
        Double.toHexString(net.score()),
        Arrays.hashCode(net.params().dup().data().asFloat()));
    System.out.printf(
        Locale.ROOT,
        "CPU s by thread: %s; the process %.2f%n",
        threadsCpu().entrySet().stream()
            .filter(t -> t.getValue() >= 0.05)
            .map(t -> String.format(Locale.ROOT, "%s %.2f", t.getKey(), t.getValue()))
            .collect(Collectors.joining(", ")),
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()
            / 1e9);
  }

  private static String milliseconds(double[] values) {
    return Arrays.stream(values)
        .mapToObj(v -> String.format(Locale.ROOT, "%.0f", v))
        .collect(Collectors.joining(" ", "[", "]"));
  }

  /**
   * CPU seconds of this process's threads by name (numbers at the end dropped, so that the C2
   * compiler threads add up), from /proc/self/task/*&#47;stat fields 14 and 15; empty off Linux.
   */
  private static Map<String, Double> threadsCpu() throws IOException {
    Map<String, Double> byName = new TreeMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return byName;
    }
    List<Path> all;
    try (Stream<Path> list = Files.list(tasks)) {
      all = list.toList();
    }
    for (Path task : all) {
      String stat;
      try {
        stat = Files.readString(task.resolve("stat"));
      } catch (IOException e) { // the thread ended meanwhile
        continue;
      }
      String name =
          stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9#]+$", "");
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
      byName.merge(name.strip(), seconds, Double::sum);
    }
    return byName;
  }
}
