package dev.dltrack.tracker.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.Distribution;
import dev.dltrack.tracker.read.HParamsView;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.TextPoint;
import dev.dltrack.testsupport.TensorBoard;
import dev.dltrack.tracker.testing.Fixtures;
import dev.dltrack.tracker.testing.ManualClock;
import dev.dltrack.tracker.testing.TensorBoardAgreement;
import dev.dltrack.tracker.testing.TfeventsCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer, given the same content as TensorBoard's and TensorFlow's own writers wrote into the
 * reference fixtures, produces files that the independent checker passes, that read back as the
 * originals read, and that real TensorBoard serves as the reader reads them: so TensorBoard
 * serves our copy as it serves the originals (same points, buckets, percentiles, texts and
 * HParams table; {@link ReaderAgreesWithTensorBoardTest} holds the originals to the same).
 */
class WriterMatchesTensorBoardTest {
  @TempDir Path out;

  private sealed interface Item permits S, H, T {
    double wallTime();
  }

  private record S(String tag, ScalarPoint p) implements Item {
    @Override
    public double wallTime() {
      return p.wallTime();
    }
  }

  private record H(String tag, HistogramPoint p) implements Item {
    @Override
    public double wallTime() {
      return p.wallTime();
    }
  }

  private record T(String tag, TextPoint p) implements Item {
    @Override
    public double wallTime() {
      return p.wallTime();
    }
  }

  private void replay(RunLog original, Path root) throws Exception {
    ManualClock clock = new ManualClock(0);
    Run.Builder b = Run.builder(original.name()).logRoot(root).formats("tensorboard").clock(clock);
    original.session().ifPresent(s -> b.config(s.hparams()).group(s.group()));
    original.experiment().ifPresent(b::experiment);
    List<Item> items = new ArrayList<>();
    original.scalars().forEach((tag, ps) -> ps.forEach(p -> items.add(new S(tag, p))));
    original.histograms().forEach((tag, ps) -> ps.forEach(p -> items.add(new H(tag, p))));
    original.texts().forEach((tag, ps) -> ps.forEach(p -> items.add(new T(tag, p))));
    items.sort(Comparator.comparingDouble(Item::wallTime));
    clock.setMillis(Math.round(original.session().map(s -> s.startTime()).orElse(1.7e9) * 1000));
    try (Run run = b.open()) {
      for (Item item : items) {
        clock.setMillis(Math.round(item.wallTime() * 1000));
        if (item instanceof S s) {
          run.scalar(s.tag(), s.p().step(), s.p().value());
        } else if (item instanceof H h) {
          run.histogram(h.tag(), h.p().step(), h.p().histogram());
        } else if (item instanceof T t) {
          run.text(t.tag(), t.p().step(), t.p().markdown());
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tensorboard", "tensorboard-hparams"})
  void sameContentReadsBackTheSame(String fixture) throws Exception {
    LogRoot original = LogRoot.read(Fixtures.dir(fixture));
    for (RunLog run : original.runs()) {
      replay(run, out);
    }
    TfeventsCheck.assertSound(out);
    LogRoot written = LogRoot.read(out);
    try (TensorBoard tb = TensorBoardAgreement.serveAll(out)) {
      TensorBoardAgreement.assertAgrees(tb, written);
    }

    assertThat(written.runs()).extracting(RunLog::name)
        .containsExactlyElementsOf(original.runs().stream().map(RunLog::name).toList());
    for (RunLog o : original.runs()) {
      RunLog w = written.run(o.name()).orElseThrow();
      assertThat(w.scalars().keySet()).containsExactlyElementsOf(o.scalars().keySet());
      o.scalars().forEach((tag, ps) -> {
        List<ScalarPoint> ws = w.scalars(tag);
        assertThat(ws).hasSameSizeAs(ps);
        for (int i = 0; i < ps.size(); i++) {
          assertThat(ws.get(i).step()).isEqualTo(ps.get(i).step());
          assertThat(ws.get(i).value()).isEqualTo(ps.get(i).value());
          assertThat(ws.get(i).wallTime()).isCloseTo(ps.get(i).wallTime(), within(1e-3));
        }
      });
      assertThat(w.histograms().keySet()).containsExactlyElementsOf(o.histograms().keySet());
      for (Map.Entry<String, List<HistogramPoint>> e : o.histograms().entrySet()) {
        List<HistogramPoint> wh = w.histograms(e.getKey());
        assertThat(wh).hasSameSizeAs(e.getValue());
        for (int i = 0; i < wh.size(); i++) {
          Histogram a = wh.get(i).histogram();
          Histogram x = e.getValue().get(i).histogram();
          assertThat(wh.get(i).step()).isEqualTo(e.getValue().get(i).step());
          assertThat(a.counts()).containsExactly(x.counts());
          assertThat(a.edges()).containsExactly(x.edges());
          assertThat(Distribution.percentiles(a)).containsExactly(Distribution.percentiles(x));
        }
      }
      assertThat(w.texts()).isEqualTo(o.texts());
      // every run we write carries a session (so the HParams dashboard lists it), even one
      // without config; where the original has one, it must survive unchanged
      o.session().ifPresent(s -> assertThat(w.session().orElseThrow().hparams()).isEqualTo(s.hparams()));
      assertThat(w.experiment()).isEqualTo(o.experiment());
    }
    List<RunLog> withSession = original.runs().stream().filter(r -> r.session().isPresent()).toList();
    HParamsView ov = HParamsView.of(withSession).orElseThrow();
    HParamsView wv =
        HParamsView.of(withSession.stream().map(r -> written.run(r.name()).orElseThrow()).toList())
            .orElseThrow();
    assertThat(wv.experiment()).isEqualTo(ov.experiment());
    assertThat(wv.groups()).extracting(HParamsView.SessionGroup::name, HParamsView.SessionGroup::hparams)
        .isEqualTo(ov.groups().stream().map(g -> org.assertj.core.groups.Tuple.tuple(g.name(), g.hparams())).toList());
    for (int i = 0; i < ov.groups().size(); i++) {
      assertThat(wv.groups().get(i).metricValues()).extracting(HParamsView.MetricValue::tag, HParamsView.MetricValue::value)
          .isEqualTo(ov.groups().get(i).metricValues().stream()
              .map(m -> org.assertj.core.groups.Tuple.tuple(m.tag(), m.value())).toList());
    }
  }
}
