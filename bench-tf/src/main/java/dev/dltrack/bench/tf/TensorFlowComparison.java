package dev.dltrack.bench.tf;

import dev.dltrack.bench.BenchArgs;
import dev.dltrack.bench.Report;

/**
 * The tracker against TensorFlow's native summary writer, driven through TensorFlow Java, in one
 * JVM: scalar throughput end to end, scalar call latency (JMH), histograms of 10^4..10^7 floats,
 * and each writer's output read back through the tracker's reader. {@code bench/run} starts it; by
 * hand:
 *
 * <pre>java -cp ... dev.dltrack.bench.tf.TensorFlowComparison OUT.json [--quick]</pre>
 */
public final class TensorFlowComparison {
  private TensorFlowComparison() {}

  public static void main(String[] args) throws Exception {
    BenchArgs cli = BenchArgs.parse("TensorFlowComparison", args);
    Settings settings = cli.quick() ? Settings.QUICK : Settings.FULL;
    Report report = new Report("The tracker and TensorFlow's native summary writer");
    report.note(settings.toString());
    new ScalarThroughput(report, settings).run();
    new ScalarLatency(report, settings).run();
    new HistogramComparison(report, settings).run();
    report.write(cli.out());
  }
}
