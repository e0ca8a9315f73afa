package dev.dltrack.bench.tf;

import dev.dltrack.bench.Scratch;
import dev.dltrack.bench.tf.ScalarMode.ScalarLogger;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The caller-side time of one logging call, sampled by JMH, for each {@link ScalarSubject}: what
 * the training thread waits per call. Calls come back to back, so the tracker's queue fills and its
 * slow calls are those that wait for the writer thread; a TF graph call writes a whole batch.
 * {@link ScalarLatency} runs it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScalarCallBenchmark {
  /** Every subject, by default. */
  @Param public ScalarSubject subject;

  private Scratch scratch;
  private ScalarMode mode;
  private ScalarLogger logger;
  private float[] values;
  private long step;

  @Setup(Level.Trial)
  public void open() throws IOException {
    scratch = Scratch.create("dltrack-bench-latency");
    mode = subject.create();
    logger = mode.open(scratch.resolve("run"));
    values = ScalarThroughput.values(mode.batch());
  }

  @Benchmark
  public void call() {
    logger.write(step, values, 0);
    step += values.length;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    try {
      logger.close();
    } finally {
      mode.close();
      scratch.close();
    }
  }
}
